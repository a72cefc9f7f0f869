/**
 * Passwordless sign-in and sessions over the portal's database. Every step that writes runs in
 * one transaction; the sign-in email goes through the outbox in the same transaction.
 */
import type { Locale } from '../../i18n/locales.ts';
import type { Database } from '../../platform/db/database.ts';
import { enqueueEmail } from '../../platform/email/outbox.ts';
import { hashSecret, minutesFrom, newCode, newSecret, signInPolicy } from './policy.ts';

/**
 * An advisory-lock key for a sign-in rate counter: the first 64 bits of its SHA-256, as the signed
 * bigint PostgreSQL and PGlite take (a collision would only make two requests wait on each other).
 */
function signInLockKey(counter: string): string {
  return BigInt.asIntN(64, BigInt(`0x${hashSecret(`sign-in-lock:${counter}`).slice(0, 16)}`)).toString();
}

export type SignInRequestResult = { status: 'sent'; requestId: string } | { status: 'rate-limited' };

/**
 * Starts a sign-in: a code and a link by email. Whether or not the address is known, the answer
 * is the same; only too many requests (per address or network address) are refused.
 */
export async function requestSignIn(
  db: Database,
  request: { email: string; locale: Locale; ip: string; verifyUrl: (token: string) => string; now?: Date },
): Promise<SignInRequestResult> {
  const now = request.now ?? new Date();
  const hourAgo = minutesFrom(now, -60).toISOString();
  const ipHash = hashSecret(`ip:${request.ip}`);
  return db.transaction(async (tx) => {
    // Without a lock, parallel requests (each on its own connection, in READ COMMITTED) would all
    // count before any of them had inserted, and more than the limit would get through. Requests
    // for the same address or network address now count one after the other; the two locks are
    // taken in a fixed order, so two requests that share both can never wait on each other.
    for (const key of [signInLockKey(`email:${request.email}`), signInLockKey(ipHash)].sort()) {
      await tx.query('select pg_advisory_xact_lock($1::bigint)', [key]);
    }
    const [counts] = await tx.query<{ by_email: string | number; by_ip: string | number }>(
      `select
         (select count(*) from sign_in_requests where email = $1 and created_at > $3) as by_email,
         (select count(*) from sign_in_requests where ip_hash = $2 and created_at > $3) as by_ip`,
      [request.email, ipHash, hourAgo],
    );
    if (
      Number(counts?.by_email) >= signInPolicy.requestsPerHour ||
      Number(counts?.by_ip) >= signInPolicy.requestsPerHour
    ) {
      return { status: 'rate-limited' };
    }
    const code = newCode();
    const link = newSecret();
    const [row] = await tx.query<{ id: string }>(
      `insert into sign_in_requests (email, locale, code_hash, link_hash, ip_hash, expires_at, created_at)
       values ($1, $2, $3, $4, $5, $6, $7) returning id`,
      [
        request.email,
        request.locale,
        hashSecret(code),
        hashSecret(link),
        ipHash,
        minutesFrom(now, signInPolicy.codeMinutes).toISOString(),
        now.toISOString(),
      ],
    );
    if (!row) throw new Error('the sign-in request was not saved');
    await enqueueEmail(tx, {
      to: request.email,
      locale: request.locale,
      template: 'sign-in-code',
      data: { code, link: request.verifyUrl(link), minutes: signInPolicy.codeMinutes },
    });
    return { status: 'sent', requestId: row.id };
  });
}

export type VerifyResult =
  | { status: 'signed-in'; sessionToken: string; applicantId: string; locale: Locale }
  | { status: 'wrong-code'; attemptsLeft: number }
  | { status: 'expired' };

interface RequestRow {
  id: string;
  email: string;
  locale: Locale;
  code_hash: string;
  attempts: number;
  expires_at: string | Date;
  used_at: string | Date | null;
}

async function signIn(tx: Pick<Database, 'query'>, row: RequestRow, now: Date): Promise<VerifyResult> {
  await tx.query('update sign_in_requests set used_at = $2 where id = $1', [row.id, now.toISOString()]);
  const [applicant] = await tx.query<{ id: string }>(
    `insert into applicants (email, locale) values ($1, $2)
     on conflict (email) do update set email = excluded.email returning id`,
    [row.email, row.locale],
  );
  if (!applicant) throw new Error('the applicant was not saved');
  const sessionToken = await startSession(tx, applicant.id, now);
  return { status: 'signed-in', sessionToken, applicantId: applicant.id, locale: row.locale };
}

/**
 * Starts a session for an applicant whose sign-in has been checked; returns the cookie's token
 * (only its hash is kept). Used by sign-in, and by the benchmark to seed signed-in applicants.
 */
export async function startSession(db: Pick<Database, 'query'>, applicantId: string, now: Date): Promise<string> {
  const token = newSecret();
  await db.query(
    'insert into sessions (token_hash, applicant_id, created_at, last_seen_at, expires_at) values ($1, $2, $3, $3, $4)',
    [
      hashSecret(token),
      applicantId,
      now.toISOString(),
      minutesFrom(now, signInPolicy.absoluteHours * 60).toISOString(),
    ],
  );
  return token;
}

function usable(row: RequestRow | undefined, now: Date): row is RequestRow {
  return !!row && !row.used_at && new Date(row.expires_at) > now && row.attempts < signInPolicy.codeAttempts;
}

/** Checks the code typed for a sign-in request; a right code signs in, once. */
export async function verifyCode(
  db: Database,
  input: { requestId: string; code: string; now?: Date },
): Promise<VerifyResult> {
  const now = input.now ?? new Date();
  return db.transaction(async (tx) => {
    const [row] = await tx.query<RequestRow>(
      'select id, email, locale, code_hash, attempts, expires_at, used_at from sign_in_requests where id = $1 for update',
      [input.requestId],
    );
    if (!usable(row, now)) return { status: 'expired' };
    if (hashSecret(input.code) !== row.code_hash) {
      await tx.query('update sign_in_requests set attempts = attempts + 1 where id = $1', [row.id]);
      const attemptsLeft = signInPolicy.codeAttempts - row.attempts - 1;
      return attemptsLeft > 0 ? { status: 'wrong-code', attemptsLeft } : { status: 'expired' };
    }
    return signIn(tx, row, now);
  });
}

/** Checks the link from the sign-in email; a valid link signs in, once. */
export async function verifyLink(db: Database, input: { token: string; now?: Date }): Promise<VerifyResult> {
  const now = input.now ?? new Date();
  return db.transaction(async (tx) => {
    const [row] = await tx.query<RequestRow>(
      'select id, email, locale, code_hash, attempts, expires_at, used_at from sign_in_requests where link_hash = $1 for update',
      [hashSecret(input.token)],
    );
    return usable(row, now) ? signIn(tx, row, now) : { status: 'expired' };
  });
}

export interface Session {
  applicantId: string;
  email: string;
  locale: Locale;
  /** When the session ends if nothing happens before: the idle timeout, or the absolute one if sooner. */
  endsAt: Date;
}

/** The session of a cookie's token, if it is still alive; a request keeps it alive. */
export async function currentSession(
  db: Database,
  token: string | undefined,
  now = new Date(),
): Promise<Session | undefined> {
  return findSession(db, token, now, { keepAlive: true });
}

/** The same, without keeping it alive: for asking how long it has left. */
export async function peekSession(
  db: Database,
  token: string | undefined,
  now = new Date(),
): Promise<Session | undefined> {
  return findSession(db, token, now, { keepAlive: false });
}

async function findSession(
  db: Database,
  token: string | undefined,
  now: Date,
  { keepAlive }: { keepAlive: boolean },
): Promise<Session | undefined> {
  if (!token) return undefined;
  const idleSince = minutesFrom(now, -signInPolicy.idleMinutes).toISOString();
  const [row] = await db.query<{
    applicant_id: string;
    email: string;
    locale: Locale;
    expires_at: string | Date;
    last_seen_at: string | Date;
  }>(
    keepAlive
      ? `update sessions set last_seen_at = $2
         from applicants
         where sessions.token_hash = $1 and applicants.id = sessions.applicant_id
           and sessions.expires_at > $2 and sessions.last_seen_at > $3
         returning sessions.applicant_id, applicants.email, applicants.locale, sessions.expires_at, sessions.last_seen_at`
      : `select sessions.applicant_id, applicants.email, applicants.locale, sessions.expires_at, sessions.last_seen_at
         from sessions join applicants on applicants.id = sessions.applicant_id
         where sessions.token_hash = $1 and sessions.expires_at > $2 and sessions.last_seen_at > $3`,
    [hashSecret(token), now.toISOString(), idleSince],
  );
  if (!row) return undefined;
  const idleEnd = minutesFrom(new Date(row.last_seen_at), signInPolicy.idleMinutes);
  const absoluteEnd = new Date(row.expires_at);
  return {
    applicantId: row.applicant_id,
    email: row.email,
    locale: row.locale,
    endsAt: absoluteEnd < idleEnd ? absoluteEnd : idleEnd,
  };
}

/** Whole seconds until the session ends if nothing happens, for the warning before it does. */
export function secondsLeft(session: Session, now = Date.now()): number {
  return Math.max(0, Math.floor((session.endsAt.getTime() - now) / 1000));
}

/** Ends a session (sign-out). */
export async function endSession(db: Database, token: string | undefined): Promise<void> {
  if (token) await db.query('delete from sessions where token_hash = $1', [hashSecret(token)]);
}
