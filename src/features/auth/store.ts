/**
 * Passwordless sign-in and sessions over the portal's database. Every step that writes runs in
 * one transaction; the sign-in email goes through the outbox in the same transaction.
 */
import type { Locale } from '../../i18n/locales.ts';
import type { Database } from '../../platform/db/database.ts';
import { enqueueEmail } from '../../platform/email/outbox.ts';
import {
  hashSecret,
  minutesFrom,
  newCode,
  newSecret,
  sessionPolicy,
  signInPolicy,
  type PrincipalKind,
} from './policy.ts';

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
    const [counts] = await tx.query<{ by_email: number; by_ip: number }>(
      `select
         (select count(*) from sign_in_requests where email = $1 and created_at > $3) as by_email,
         (select count(*) from sign_in_requests where ip_hash = $2 and created_at > $3) as by_ip`,
      [request.email, ipHash, hourAgo],
    );
    if (!counts) throw new Error('the sign-in counts were not read');
    if (counts.by_email >= signInPolicy.requestsPerHour || counts.by_ip >= signInPolicy.requestsPerHour) {
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
  expires_at: Date;
  used_at: Date | null;
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

/** Who a session belongs to: a principal of one kind, by its id. */
export interface Principal {
  kind: PrincipalKind;
  id: string;
}

/**
 * Starts a session for a principal whose sign-in has been checked; returns the cookie's token
 * (only its hash is kept). It ends at the absolute timeout of the principal's kind.
 */
export async function startPrincipalSession(
  db: Pick<Database, 'query'>,
  principal: Principal,
  now: Date,
): Promise<string> {
  const token = newSecret();
  await db.query(
    `insert into sessions (token_hash, principal_kind, principal_id, applicant_id, created_at, last_seen_at, expires_at)
     values ($1, $2, $3, $4, $5, $5, $6)`,
    [
      hashSecret(token),
      principal.kind,
      principal.id,
      principal.kind === 'applicant' ? principal.id : null,
      now.toISOString(),
      minutesFrom(now, sessionPolicy[principal.kind].absoluteHours * 60).toISOString(),
    ],
  );
  return token;
}

/**
 * Starts a session for an applicant whose sign-in has been checked; returns the cookie's token
 * (only its hash is kept). Used by sign-in, and by the benchmark to seed signed-in applicants.
 */
export function startSession(db: Pick<Database, 'query'>, applicantId: string, now: Date): Promise<string> {
  return startPrincipalSession(db, { kind: 'applicant', id: applicantId }, now);
}

function usable(row: RequestRow | undefined, now: Date): row is RequestRow {
  return !!row && !row.used_at && row.expires_at > now && row.attempts < signInPolicy.codeAttempts;
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

/** A live session of any kind of principal. */
export interface PrincipalSession {
  principal: Principal;
  /** When the session ends if nothing happens before: the idle timeout of its kind, or the absolute one if sooner. */
  endsAt: Date;
  /** When a second factor was checked in this session; undefined if never. */
  mfaVerifiedAt: Date | undefined;
}

/** The applicant's session of a cookie's token, if it is still alive; a request keeps it alive. */
export async function currentSession(
  db: Database,
  token: string | undefined,
  now = new Date(),
): Promise<Session | undefined> {
  return applicantSession(await findSession(db, 'applicant', token, now, { keepAlive: true }));
}

/** The same, without keeping it alive: for asking how long it has left. */
export async function peekSession(
  db: Database,
  token: string | undefined,
  now = new Date(),
): Promise<Session | undefined> {
  return applicantSession(await findSession(db, 'applicant', token, now, { keepAlive: false }));
}

/**
 * The session of a cookie's token if it is a live one of this kind of principal (a staff cookie's
 * token never opens an applicant's session, nor the other way round). `keepAlive`, as for a page,
 * counts this request against the idle timeout; without it (asking how long is left) nothing
 * changes.
 */
export async function principalSession(
  db: Database,
  kind: PrincipalKind,
  token: string | undefined,
  { now = new Date(), keepAlive = true }: { now?: Date; keepAlive?: boolean } = {},
): Promise<PrincipalSession | undefined> {
  const row = await findSession(db, kind, token, now, { keepAlive });
  return row && { principal: { kind, id: row.principal_id }, endsAt: row.endsAt, mfaVerifiedAt: row.mfaVerifiedAt };
}

/**
 * Records that the session's second factor has been checked (the desk's TOTP step). Returns false
 * if the token has no live session of this kind.
 */
export async function markMfaVerified(
  db: Database,
  kind: PrincipalKind,
  token: string,
  now = new Date(),
): Promise<boolean> {
  const rows = await db.query(
    `update sessions set mfa_verified_at = $3, last_seen_at = $3
     where token_hash = $1 and principal_kind = $2 and expires_at > $3 and last_seen_at > $4
     returning token_hash`,
    [hashSecret(token), kind, now.toISOString(), minutesFrom(now, -sessionPolicy[kind].idleMinutes).toISOString()],
  );
  return rows.length > 0;
}

interface SessionRow {
  principal_id: string;
  /** The applicant's address and language, for an applicant's session; null for other kinds. */
  email: string | null;
  locale: Locale | null;
  expires_at: Date;
  last_seen_at: Date;
  mfa_verified_at: Date | null;
}

/** A session row found live, with when it ends. */
type LiveSession = SessionRow & { endsAt: Date; mfaVerifiedAt: Date | undefined };

function applicantSession(row: LiveSession | undefined): Session | undefined {
  if (!row?.email || !row.locale) return undefined;
  return { applicantId: row.principal_id, email: row.email, locale: row.locale, endsAt: row.endsAt };
}

/** A live session by its token hash ($1) and kind ($2) at $3, seen since $4; the request keeps it alive. */
const touchSessionSql = `
  with found as (
    update sessions set last_seen_at = $3
    where token_hash = $1 and principal_kind = $2 and expires_at > $3 and last_seen_at > $4
    returning principal_id, applicant_id, expires_at, last_seen_at, mfa_verified_at
  )
  select found.principal_id, applicants.email, applicants.locale, found.expires_at, found.last_seen_at, found.mfa_verified_at
  from found left join applicants on applicants.id = found.applicant_id`;

/** The same, read without keeping it alive. */
const peekSessionSql = `
  select sessions.principal_id, applicants.email, applicants.locale, sessions.expires_at, sessions.last_seen_at,
    sessions.mfa_verified_at
  from sessions left join applicants on applicants.id = sessions.applicant_id
  where sessions.token_hash = $1 and sessions.principal_kind = $2 and sessions.expires_at > $3 and sessions.last_seen_at > $4`;

async function findSession(
  db: Database,
  kind: PrincipalKind,
  token: string | undefined,
  now: Date,
  { keepAlive }: { keepAlive: boolean },
): Promise<LiveSession | undefined> {
  if (!token) return undefined;
  const timeouts = sessionPolicy[kind];
  const idleSince = minutesFrom(now, -timeouts.idleMinutes).toISOString();
  const [row] = await db.query<SessionRow>(keepAlive ? touchSessionSql : peekSessionSql, [
    hashSecret(token),
    kind,
    now.toISOString(),
    idleSince,
  ]);
  if (!row) return undefined;
  const idleEnd = minutesFrom(row.last_seen_at, timeouts.idleMinutes);
  return {
    ...row,
    endsAt: row.expires_at < idleEnd ? row.expires_at : idleEnd,
    mfaVerifiedAt: row.mfa_verified_at ?? undefined,
  };
}

/** Whole seconds until the session ends if nothing happens, for the warning before it does. */
export function secondsLeft(session: { endsAt: Date }, now = Date.now()): number {
  return Math.max(0, Math.floor((session.endsAt.getTime() - now) / 1000));
}

/** Ends a session (sign-out). */
export async function endSession(db: Database, token: string | undefined): Promise<void> {
  if (token) await db.query('delete from sessions where token_hash = $1', [hashSecret(token)]);
}
