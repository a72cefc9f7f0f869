import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrateAll, testDatabases } from '../../../tests/support/databases.ts';
import type { Database } from '../../platform/db/database.ts';
import { hashSecret, minutesFrom, sessionPolicy, signInPolicy } from './policy.ts';
import {
  currentSession,
  endSession,
  markMfaVerified,
  peekSession,
  principalSession,
  requestSignIn,
  startPrincipalSession,
  startSession,
  verifyCode,
  verifyLink,
} from './store.ts';

const verifyUrl = (token: string) => `https://alaqan.test/kk/sign-in/link/?token=${token}`;

describe.each(testDatabases)('sign-in on $name', (backend) => {
  let db: Database;
  let drop: () => Promise<void>;
  beforeEach(async () => {
    ({ db, drop } = await backend.open());
    await migrateAll(db);
  });
  afterEach(async () => {
    await drop();
  });

  /** The code and link of the last sign-in email in the outbox. */
  async function lastEmail(): Promise<{ code: string; link: string }> {
    const [row] = await db.query<{ data: { code: string; link: string } }>(
      'select data from email_outbox order by created_at desc limit 1',
    );
    if (!row) throw new Error('no email');
    return row.data;
  }

  async function start(email = 'aigerim@example.kz', ip = '10.0.0.1', now = new Date()) {
    const result = await requestSignIn(db, { email, locale: 'kk', ip, verifyUrl, now });
    if (result.status !== 'sent') throw new Error('not sent');
    return { requestId: result.requestId, ...(await lastEmail()) };
  }

  it('emails a code and a link, and keeps only their hashes', async () => {
    const { requestId, code, link } = await start();
    expect(code).toMatch(/^\d{6}$/);
    const [row] = await db.query<Record<string, string>>('select * from sign_in_requests where id = $1', [requestId]);
    expect(JSON.stringify(row)).not.toContain(code);
    const token = new URL(link).searchParams.get('token') ?? '';
    expect(JSON.stringify(row)).not.toContain(token);
    expect(row?.['code_hash']).toBe(hashSecret(code));
  });

  it('signs in with the right code, once', async () => {
    const { requestId, code } = await start();
    const first = await verifyCode(db, { requestId, code });
    expect(first.status).toBe('signed-in');
    expect(await verifyCode(db, { requestId, code })).toEqual({ status: 'expired' });
    if (first.status !== 'signed-in') return;
    const session = await currentSession(db, first.sessionToken);
    expect(session?.email).toBe('aigerim@example.kz');
  });

  it('signs in with the link, once, and the code is spent with it', async () => {
    const { requestId, code, link } = await start();
    const token = new URL(link).searchParams.get('token') ?? '';
    expect((await verifyLink(db, { token })).status).toBe('signed-in');
    expect(await verifyLink(db, { token })).toEqual({ status: 'expired' });
    expect(await verifyCode(db, { requestId, code })).toEqual({ status: 'expired' });
  });

  it('refuses a code after ten minutes', async () => {
    const now = new Date();
    const { requestId, code } = await start(undefined, undefined, now);
    expect(await verifyCode(db, { requestId, code, now: minutesFrom(now, signInPolicy.codeMinutes + 1) })).toEqual({
      status: 'expired',
    });
  });

  it('spends a request after five wrong codes', async () => {
    const { requestId, code } = await start();
    const wrong = code === '000000' ? '111111' : '000000';
    for (let left = signInPolicy.codeAttempts - 1; left > 0; left -= 1) {
      expect(await verifyCode(db, { requestId, code: wrong })).toEqual({ status: 'wrong-code', attemptsLeft: left });
    }
    expect(await verifyCode(db, { requestId, code: wrong })).toEqual({ status: 'expired' });
    expect(await verifyCode(db, { requestId, code })).toEqual({ status: 'expired' });
  });

  it('allows five requests an hour per address and per network address', async () => {
    const now = new Date();
    for (let i = 0; i < signInPolicy.requestsPerHour; i += 1) await start('a@example.kz', `10.0.0.${i}`, now);
    expect(
      (await requestSignIn(db, { email: 'a@example.kz', locale: 'kk', ip: '10.9.9.9', verifyUrl, now })).status,
    ).toBe('rate-limited');
    for (let i = 0; i < signInPolicy.requestsPerHour; i += 1) await start(`b${i}@example.kz`, '10.1.1.1', now);
    expect(
      (await requestSignIn(db, { email: 'c@example.kz', locale: 'kk', ip: '10.1.1.1', verifyUrl, now })).status,
    ).toBe('rate-limited');
    const emails = await db.query('select id from email_outbox');
    expect(emails).toHaveLength(signInPolicy.requestsPerHour * 2);
    const later = minutesFrom(now, 61);
    expect(
      (await requestSignIn(db, { email: 'a@example.kz', locale: 'kk', ip: '10.2.2.2', verifyUrl, now: later })).status,
    ).toBe('sent');
  });

  it('holds the limit when many requests come at once, per address and per network address', async () => {
    // On a PostgreSQL server these run side by side on the pool's connections: each would count
    // before any other had inserted, and more than five would get through.
    const parallel = 32;
    const now = new Date();
    const sentOf = (results: { status: string }[]) => results.filter((result) => result.status === 'sent').length;
    const oneAddress = await Promise.all(
      Array.from({ length: parallel }, (_, i) =>
        requestSignIn(db, { email: 'a@example.kz', locale: 'kk', ip: `10.0.${i}.1`, verifyUrl, now }),
      ),
    );
    expect(sentOf(oneAddress)).toBe(signInPolicy.requestsPerHour);
    const oneNetworkAddress = await Promise.all(
      Array.from({ length: parallel }, (_, i) =>
        requestSignIn(db, { email: `b${i}@example.kz`, locale: 'kk', ip: '10.1.1.1', verifyUrl, now }),
      ),
    );
    expect(sentOf(oneNetworkAddress)).toBe(signInPolicy.requestsPerHour);
    expect(await db.query('select id from sign_in_requests')).toHaveLength(signInPolicy.requestsPerHour * 2);
    expect(await db.query('select id from email_outbox')).toHaveLength(signInPolicy.requestsPerHour * 2);
  });

  it('ends a session after 30 idle minutes, after 12 hours, and on sign-out', async () => {
    const now = new Date();
    const { requestId, code } = await start(undefined, undefined, now);
    const signedIn = await verifyCode(db, { requestId, code, now });
    if (signedIn.status !== 'signed-in') throw new Error('not signed in');
    const token = signedIn.sessionToken;
    expect(await currentSession(db, token, minutesFrom(now, 20))).toBeDefined();
    expect(await currentSession(db, token, minutesFrom(now, 45))).toBeDefined();
    expect(await currentSession(db, token, minutesFrom(now, 80))).toBeUndefined();
    let at = now;
    for (let step = 0; step < 25; step += 1) {
      at = minutesFrom(at, 25);
      const alive = await currentSession(db, token, at);
      if (minutesFrom(now, signInPolicy.absoluteHours * 60) <= at) expect(alive).toBeUndefined();
    }
    const again = await start('other@example.kz', '10.3.3.3', now);
    const second = await verifyCode(db, { requestId: again.requestId, code: again.code, now });
    if (second.status !== 'signed-in') throw new Error('not signed in');
    await endSession(db, second.sessionToken);
    expect(await currentSession(db, second.sessionToken, now)).toBeUndefined();
  });

  it('says when the session will end: 30 minutes after the last request, but never after the 12 hours', async () => {
    const now = new Date();
    const { requestId, code } = await start(undefined, undefined, now);
    const signedIn = await verifyCode(db, { requestId, code, now });
    if (signedIn.status !== 'signed-in') throw new Error('not signed in');
    const later = minutesFrom(now, 10);
    expect((await currentSession(db, signedIn.sessionToken, later))?.endsAt).toEqual(minutesFrom(later, 30));
    // Keep the session busy until 10 minutes before the absolute end.
    let at = later;
    const absoluteEnd = minutesFrom(now, signInPolicy.absoluteHours * 60);
    while (minutesFrom(at, 25) < minutesFrom(absoluteEnd, -10)) {
      at = minutesFrom(at, 25);
      expect(await currentSession(db, signedIn.sessionToken, at)).toBeDefined();
    }
    const nearEnd = minutesFrom(absoluteEnd, -10);
    expect((await currentSession(db, signedIn.sessionToken, nearEnd))?.endsAt).toEqual(absoluteEnd);
  });

  it('tells how long a session has left without keeping it alive', async () => {
    const now = new Date();
    const { requestId, code } = await start(undefined, undefined, now);
    const signedIn = await verifyCode(db, { requestId, code, now });
    if (signedIn.status !== 'signed-in') throw new Error('not signed in');
    const token = signedIn.sessionToken;
    expect((await peekSession(db, token, minutesFrom(now, 20)))?.endsAt).toEqual(minutesFrom(now, 30));
    expect((await peekSession(db, token, minutesFrom(now, 29)))?.endsAt).toEqual(minutesFrom(now, 30));
    expect(await peekSession(db, token, minutesFrom(now, 31))).toBeUndefined();
    expect(await currentSession(db, token, minutesFrom(now, 31))).toBeUndefined();
  });

  it('knows no session for a made-up token', async () => {
    expect(await currentSession(db, 'made-up')).toBeUndefined();
    expect(await currentSession(db, undefined)).toBeUndefined();
  });

  it('keeps an applicant’s session as an applicant’s principal, without a second factor', async () => {
    const now = new Date();
    const { requestId, code } = await start(undefined, undefined, now);
    const signedIn = await verifyCode(db, { requestId, code, now });
    if (signedIn.status !== 'signed-in') throw new Error('not signed in');
    expect(await principalSession(db, 'applicant', signedIn.sessionToken, { now })).toEqual({
      principal: { kind: 'applicant', id: signedIn.applicantId },
      endsAt: minutesFrom(now, 30),
      mfaVerifiedAt: undefined,
    });
    expect(await db.query('select principal_kind, principal_id, applicant_id from sessions')).toEqual([
      { principal_kind: 'applicant', principal_id: signedIn.applicantId, applicant_id: signedIn.applicantId },
    ]);
  });
});

describe.each(testDatabases)('sessions of staff and learners on $name', (backend) => {
  let db: Database;
  let drop: () => Promise<void>;
  const staffId = '0b7e6c1a-3f2d-4e5c-9a8b-7c6d5e4f3a2b';
  const learnerId = '1c8f7d2b-4a3e-4f6d-8b9c-8d7e6f5a4b3c';
  beforeEach(async () => {
    ({ db, drop } = await backend.open());
    await migrateAll(db);
  });
  afterEach(async () => {
    await drop();
  });

  it('ends a staff session after 15 idle minutes and after 8 hours', async () => {
    expect(sessionPolicy.staff).toEqual({ idleMinutes: 15, absoluteHours: 8 });
    const now = new Date();
    const token = await startPrincipalSession(db, { kind: 'staff', id: staffId }, now);
    expect((await principalSession(db, 'staff', token, { now: minutesFrom(now, 10) }))?.endsAt).toEqual(
      minutesFrom(now, 25),
    );
    expect(await principalSession(db, 'staff', token, { now: minutesFrom(now, 26) })).toBeUndefined();
    // Busy all day, it still ends at the eighth hour.
    const busy = await startPrincipalSession(db, { kind: 'staff', id: staffId }, now);
    let at = now;
    while (minutesFrom(at, 10) < minutesFrom(now, 8 * 60)) {
      at = minutesFrom(at, 10);
      expect(await principalSession(db, 'staff', busy, { now: at }), at.toISOString()).toBeDefined();
    }
    expect(await principalSession(db, 'staff', busy, { now: minutesFrom(now, 8 * 60 + 1) })).toBeUndefined();
  });

  it('gives a learner the applicant’s timeouts', async () => {
    expect(sessionPolicy.learner).toEqual(sessionPolicy.applicant);
    const now = new Date();
    const token = await startPrincipalSession(db, { kind: 'learner', id: learnerId }, now);
    expect(await principalSession(db, 'learner', token, { now: minutesFrom(now, 25) })).toMatchObject({
      principal: { kind: 'learner', id: learnerId },
      endsAt: minutesFrom(now, 55),
    });
  });

  it('opens a session only as the kind it was started for', async () => {
    const now = new Date();
    const staffToken = await startPrincipalSession(db, { kind: 'staff', id: staffId }, now);
    expect(await currentSession(db, staffToken, now)).toBeUndefined();
    expect(await peekSession(db, staffToken, now)).toBeUndefined();
    expect(await principalSession(db, 'learner', staffToken, { now })).toBeUndefined();
    const [applicant] = await db.query<{ id: string }>(
      "insert into applicants (email, locale) values ('a@example.kz', 'en') returning id",
    );
    const applicantToken = await startSession(db, applicant?.id ?? '', now);
    expect(await principalSession(db, 'staff', applicantToken, { now })).toBeUndefined();
    expect((await currentSession(db, applicantToken, now))?.email).toBe('a@example.kz');
  });

  it('records when the second factor was checked, for that session only', async () => {
    const now = new Date();
    const token = await startPrincipalSession(db, { kind: 'staff', id: staffId }, now);
    const other = await startPrincipalSession(db, { kind: 'staff', id: staffId }, now);
    expect((await principalSession(db, 'staff', token, { now }))?.mfaVerifiedAt).toBeUndefined();
    const checkedAt = minutesFrom(now, 1);
    expect(await markMfaVerified(db, 'staff', token, checkedAt)).toBe(true);
    expect((await principalSession(db, 'staff', token, { now: minutesFrom(now, 2) }))?.mfaVerifiedAt).toEqual(
      checkedAt,
    );
    expect((await principalSession(db, 'staff', other, { now: minutesFrom(now, 2) }))?.mfaVerifiedAt).toBeUndefined();
    // Not for an ended session, nor for a token of another kind.
    expect(await markMfaVerified(db, 'staff', other, minutesFrom(now, 60))).toBe(false);
    expect(await markMfaVerified(db, 'applicant', token, minutesFrom(now, 2))).toBe(false);
  });

  it('refuses a session whose principal does not match its kind', async () => {
    const [applicant] = await db.query<{ id: string }>(
      "insert into applicants (email, locale) values ('a@example.kz', 'en') returning id",
    );
    const insert = (kind: string, principalId: string, applicantId: string | null) =>
      db.query(
        `insert into sessions (token_hash, principal_kind, principal_id, applicant_id, expires_at)
         values (gen_random_uuid()::text, $1, $2, $3, now() + interval '1 hour')`,
        [kind, principalId, applicantId],
      );
    await expect(insert('staff', staffId, applicant?.id ?? null)).rejects.toThrow();
    await expect(insert('applicant', staffId, applicant?.id ?? null)).rejects.toThrow();
    await expect(insert('applicant', applicant?.id ?? '', null)).rejects.toThrow();
    await expect(insert('visitor', staffId, null)).rejects.toThrow();
  });
});

describe.each(testDatabases)('sessions started before principals, on $name', (backend) => {
  let db: Database;
  let drop: () => Promise<void>;
  beforeEach(async () => {
    ({ db, drop } = await backend.open());
  });
  afterEach(async () => {
    await drop();
  });

  it('stay signed in as the applicant they were, with their timeouts', async () => {
    await migrateAll(db, '0007_upload_log');
    const now = new Date();
    const [applicant] = await db.query<{ id: string }>(
      "insert into applicants (email, locale) values ('old@example.kz', 'ru') returning id",
    );
    const applicantId = applicant?.id ?? '';
    // A session as the release before 0008 wrote it.
    await db.query(
      `insert into sessions (token_hash, applicant_id, created_at, last_seen_at, expires_at) values ($1, $2, $3, $3, $4)`,
      [hashSecret('old-token'), applicantId, now.toISOString(), minutesFrom(now, 12 * 60).toISOString()],
    );
    expect(await migrateAll(db)).toContain('0008_session_principals');
    expect(await db.query('select principal_kind, principal_id, mfa_verified_at from sessions')).toEqual([
      { principal_kind: 'applicant', principal_id: applicantId, mfa_verified_at: null },
    ]);
    expect(await currentSession(db, 'old-token', minutesFrom(now, 10))).toEqual({
      applicantId,
      email: 'old@example.kz',
      locale: 'ru',
      endsAt: minutesFrom(now, 40),
    });
    // Deleting the applicant still ends their sessions.
    await db.query('delete from applicants where id = $1', [applicantId]);
    expect(await db.query('select token_hash from sessions')).toEqual([]);
  });
});
