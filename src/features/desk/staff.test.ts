import { describe, expect, it } from 'vitest';
import { testDatabases, useMigratedDatabase } from '../../../tests/support/databases.ts';
import { currentTotp } from './credentials.ts';
import {
  checkSecondFactor,
  deactivateStaff,
  enrolWithPassword,
  findInvitation,
  inviteStaff,
  pendingTotpSecret,
  saveChallenge,
  takeChallenge,
  signInWithPassword,
  staffPolicy,
  staffPrincipal,
} from './staff.ts';

const link = (token: string, locale: string) => `https://alaqan.test/${locale}/desk/invitation/?token=${token}`;
const start = new Date('2026-12-01T06:00:00Z');
const later = (seconds: number) => new Date(start.getTime() + seconds * 1000);
const origin = (seconds: number) => ({ ip: '10.2.2.2', now: later(seconds) });

describe.each(testDatabases)('staff accounts on $name', (backend) => {
  const database = useMigratedDatabase(backend);

  async function invited(email: string) {
    const result = await inviteStaff(database(), {
      email,
      name: 'Aset Nurlanov',
      role: 'caseworker',
      districts: ['merke'],
      locale: 'kk',
      by: undefined,
      origin: origin(0),
      link,
    });
    if (result.status !== 'invited') throw new Error('not invited');
    return result;
  }

  /** A member invited and enrolled with the password 'correct horse battery' and an app, at time 0. */
  async function enrolled(email: string) {
    const { token, staffId } = await invited(email);
    const secret = (await pendingTotpSecret(database(), token, later(0))) ?? '';
    const result = await enrolWithPassword(database(), {
      token,
      password: 'correct horse battery',
      totpCode: await currentTotp(secret, later(0)),
      origin: origin(0),
    });
    if (result.status !== 'enrolled') throw new Error(result.status);
    return { staffId, secret, sessionToken: result.sessionToken };
  }

  it('emails the invitation in the member’s language, with its token only as a hash', async () => {
    const { token } = await invited('invited@desk.example.kz');
    const [email] = await database().query<{ locale: string; template: string; data: { link: string } }>(
      "select locale, template, data from email_outbox where recipient = 'invited@desk.example.kz'",
    );
    expect(email).toMatchObject({ locale: 'kk', template: 'staff-invitation' });
    expect(email?.data.link).toContain(token);
    const rows = await database().query('select * from staff_invitations');
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(
      await inviteStaff(database(), {
        email: 'invited@desk.example.kz',
        name: 'Again',
        role: 'head',
        districts: [],
        locale: 'ru',
        by: undefined,
        origin: origin(0),
        link,
      }),
    ).toEqual({ status: 'exists' });
  });

  it('enrols once: a used invitation is refused, and so is one past its days', async () => {
    const { token } = await invited('once@desk.example.kz');
    const secret = (await pendingTotpSecret(database(), token, later(0))) ?? '';
    const wrong = await enrolWithPassword(database(), {
      token,
      password: 'a long enough password',
      totpCode: '000000' === (await currentTotp(secret, later(60))) ? '111111' : '000000',
      origin: origin(60),
    });
    expect(wrong).toEqual({ status: 'wrong-code' });
    const enrolled = await enrolWithPassword(database(), {
      token,
      password: 'a long enough password',
      totpCode: await currentTotp(secret, later(60)),
      origin: origin(60),
    });
    expect(enrolled.status).toBe('enrolled');
    if (enrolled.status !== 'enrolled') return;
    expect(enrolled.recoveryCodes).toHaveLength(10);
    const stored = JSON.stringify(await database().query('select * from staff_recovery_codes'));
    for (const code of enrolled.recoveryCodes) expect(stored).not.toContain(code);
    const again = await enrolWithPassword(database(), {
      token,
      password: 'another long password',
      totpCode: await currentTotp(secret, later(120)),
      origin: origin(120),
    });
    expect(again).toEqual({ status: 'expired' });
    const late = await invited('late@desk.example.kz');
    expect(
      await findInvitation(database(), late.token, later(staffPolicy.invitationDays * 86_400 + 1)),
    ).toBeUndefined();
  });

  it('signs in with two factors; a code is accepted once; email and password alone open nothing', async () => {
    const { secret } = await enrolled('two@desk.example.kz');
    expect(
      await signInWithPassword(database(), {
        email: 'two@desk.example.kz',
        password: 'wrong password here',
        origin: origin(90),
      }),
    ).toEqual({ status: 'refused' });
    const first = await signInWithPassword(database(), {
      email: 'two@desk.example.kz',
      password: 'correct horse battery',
      origin: origin(90),
    });
    if (first.status !== 'second-factor') throw new Error(first.status);
    const half = await staffPrincipal(database(), first.sessionToken, { now: later(91), keepAlive: false });
    expect(half?.mfaVerifiedAt).toBeUndefined();
    const code = await currentTotp(secret, later(95));
    const verified = await checkSecondFactor(database(), {
      sessionToken: first.sessionToken,
      code,
      origin: origin(95),
    });
    if (verified.status !== 'verified') throw new Error(verified.status);
    // The session has a new token once the factor is checked: the old one opens nothing.
    expect(verified.sessionToken).not.toBe(first.sessionToken);
    expect(await staffPrincipal(database(), first.sessionToken, { now: later(96), keepAlive: false })).toBeUndefined();
    const signedIn = await staffPrincipal(database(), verified.sessionToken, { now: later(96), keepAlive: false });
    expect(signedIn?.mfaVerifiedAt).toEqual(later(95));
    expect(signedIn).toMatchObject({ role: 'caseworker', districts: ['merke'] });
    // The same code again (a replay, even in its own 30 seconds) is refused.
    const second = await signInWithPassword(database(), {
      email: 'two@desk.example.kz',
      password: 'correct horse battery',
      origin: origin(96),
    });
    if (second.status !== 'second-factor') throw new Error(second.status);
    expect(
      await checkSecondFactor(database(), { sessionToken: second.sessionToken, code, origin: origin(96) }),
    ).toEqual({
      status: 'wrong-code',
    });
  });

  it('signs a deactivated member out at once, and refuses their sign-in', async () => {
    const { staffId, sessionToken: enrolledSession } = await enrolled('leaving@desk.example.kz');
    expect(await staffPrincipal(database(), enrolledSession, { now: later(10), keepAlive: true })).toBeDefined();
    const [admin] = await database().query<{ id: string }>(
      "insert into staff (email, name, role) values ('admin@desk.example.kz', 'Admin', 'administrator') returning id",
    );
    expect(await deactivateStaff(database(), { by: admin?.id ?? '', staffId, origin: origin(20) })).toEqual({
      status: 'changed',
    });
    expect(await staffPrincipal(database(), enrolledSession, { now: later(21), keepAlive: true })).toBeUndefined();
    const [sessions] = await database().query<{ n: number }>(
      "select count(*)::int as n from sessions where principal_kind = 'staff' and principal_id = $1",
      [staffId],
    );
    expect(sessions?.n).toBe(0);
    expect(
      await signInWithPassword(database(), {
        email: 'leaving@desk.example.kz',
        password: 'correct horse battery',
        origin: origin(30),
      }),
    ).toEqual({ status: 'refused' });
    expect(
      await deactivateStaff(database(), { by: admin?.id ?? '', staffId: admin?.id ?? '', origin: origin(40) }),
    ).toEqual({
      status: 'own-account',
    });
  });

  it('locks sign-in after five wrong passwords in a row', async () => {
    await enrolled('locked@desk.example.kz');
    for (let attempt = 0; attempt < staffPolicy.attemptsBeforeLock; attempt += 1)
      await signInWithPassword(database(), {
        email: 'locked@desk.example.kz',
        password: 'guess guess guess',
        origin: origin(10),
      });
    expect(
      await signInWithPassword(database(), {
        email: 'locked@desk.example.kz',
        password: 'correct horse battery',
        origin: origin(20),
      }),
    ).toEqual({ status: 'locked' });
  });

  it('ends every session of a member after five wrong codes, even one whose factor was checked', async () => {
    const { sessionToken: enrolledSession } = await enrolled('guessed@desk.example.kz');
    // Someone at a desk left signed in guesses the code asked before an export.
    const results = [];
    for (let attempt = 0; attempt < staffPolicy.attemptsBeforeLock; attempt += 1)
      results.push(
        (
          await checkSecondFactor(database(), {
            sessionToken: enrolledSession,
            code: '000000',
            origin: origin(30),
          })
        ).status,
      );
    expect(results.slice(0, -1).every((status) => status === 'wrong-code')).toBe(true);
    expect(results.at(-1)).toBe('ended');
    expect(await staffPrincipal(database(), enrolledSession, { now: later(31), keepAlive: false })).toBeUndefined();
    expect(
      await signInWithPassword(database(), {
        email: 'guessed@desk.example.kz',
        password: 'correct horse battery',
        origin: origin(60),
      }),
    ).toEqual({ status: 'locked' });
  });

  it('makes a network address with many refused sign-ins wait, whatever it types next', async () => {
    const ip = { ip: '10.9.9.9', now: later(0) };
    for (let attempt = 0; attempt < staffPolicy.refusalsPerHour; attempt += 1)
      expect(
        await signInWithPassword(database(), {
          email: `nobody-${String(attempt)}@desk.example.kz`,
          password: 'guess guess guess',
          origin: ip,
        }),
      ).toEqual({ status: 'refused' });
    expect(
      await signInWithPassword(database(), {
        email: 'two@desk.example.kz',
        password: 'correct horse battery',
        origin: ip,
      }),
    ).toEqual({ status: 'rate-limited' });
    // Another address is not held back.
    expect(
      (
        await signInWithPassword(database(), {
          email: 'nobody@desk.example.kz',
          password: 'guess guess guess',
          origin: { ip: '10.9.9.10', now: later(0) },
        })
      ).status,
    ).toBe('refused');
  });

  it('gives one network address only a few live passkey challenges at a time, and takes each once', async () => {
    const ask = (ip: string, now = later(0)) =>
      saveChallenge(database(), { challenge: `c-${ip}-${String(now.getTime())}`, purpose: 'authenticate', ip, now });
    const ids = [];
    for (let index = 0; index < staffPolicy.challengesPerAddress; index += 1) ids.push(await ask('10.7.7.7'));
    expect(ids.every((id) => id !== undefined)).toBe(true);
    expect(await ask('10.7.7.7')).toBeUndefined();
    expect(await ask('10.7.7.8')).toBeDefined();
    // Five minutes on, they have expired: the address may ask again.
    expect(await ask('10.7.7.7', later(301))).toBeDefined();
    const first = ids[0] ?? '';
    expect(await takeChallenge(database(), { id: first, purpose: 'authenticate', now: later(10) })).toEqual({
      challenge: `c-10.7.7.7-${String(later(0).getTime())}`,
      staffId: undefined,
    });
    expect(await takeChallenge(database(), { id: first, purpose: 'authenticate', now: later(11) })).toBeUndefined();
  });
});
