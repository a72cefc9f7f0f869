/**
 * Members of staff: invited by an administrator (never self-registered), enrolled with a passkey
 * or a password and TOTP, signed in with two factors, deactivated at once. Every step that writes
 * runs in one transaction with its audit entry (and its email, through the outbox). Email alone
 * never signs a member of staff in.
 */
import type { Locale } from '../../i18n/locales.ts';
import type { Database, Queryable } from '../../platform/db/database.ts';
import { isUuid } from '../../platform/codes/uuid.ts';
import { enqueueEmail } from '../../platform/email/outbox.ts';
import { hashSecret, minutesFrom, newSecret } from '../auth/policy.ts';
import type { StaffPrincipal } from '../auth/staff.ts';
import { principalSession, startPrincipalSession } from '../auth/store.ts';
import { appendAudit } from './audit.ts';
import {
  checkTotp,
  newTotpSecret,
  hashPassword,
  hashRecoveryCode,
  newRecoveryCodes,
  normaliseRecoveryCode,
  verifyPassword,
  verifyRecoveryCode,
} from './credentials.ts';
import { isStaffRole, type StaffRole } from './policy.ts';

export const staffPolicy = {
  /** An invitation works this long, once. */
  invitationDays: 7,
  /** Wrong passwords or codes in a row before sign-in is locked for `lockMinutes`. */
  attemptsBeforeLock: 5,
  lockMinutes: 15,
  /** An export or a conclusion asks for the second factor again if it was checked longer ago. */
  reauthenticateMinutes: 5,
  /** Refused sign-ins from one network address in an hour before it must wait. */
  refusalsPerHour: 20,
  /** Passkey challenges one network address may hold at once (each works for 5 minutes). */
  challengesPerAddress: 20,
} as const;

/** Where an action comes from, for the audit log. */
export interface Origin {
  ip: string;
  now: Date;
}

export interface StaffMember {
  id: string;
  email: string;
  name: string;
  role: StaffRole;
  districts: string[];
  locale: Locale;
  active: boolean;
  enrolled: boolean;
  passkeys: number;
  totp: boolean;
}

interface StaffRow {
  id: string;
  email: string;
  name: string;
  role: string;
  districts: string[];
  locale: Locale;
  active: boolean;
  enrolled_at: Date | null;
  passkeys: number;
  totp: boolean;
}

const staffColumns = `staff.id, staff.email, staff.name, staff.role, staff.districts, staff.locale, staff.active,
  staff.enrolled_at, (select count(*) from staff_passkeys p where p.staff_id = staff.id) as passkeys,
  staff.totp_secret is not null as totp`;

function toMember(row: StaffRow): StaffMember {
  if (!isStaffRole(row.role)) throw new Error(`staff ${row.id} has an unknown role ${row.role}`);
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    districts: row.districts,
    locale: row.locale,
    active: row.active,
    enrolled: row.enrolled_at !== null,
    passkeys: row.passkeys,
    totp: row.totp,
  };
}

/** Every member of staff, active first, by name; the read (their addresses) is audited. */
export async function listStaff(db: Database, by: { staffId: string; origin: Origin }): Promise<StaffMember[]> {
  return db.transaction(async (tx) => {
    const rows = await tx.query<StaffRow>(`select ${staffColumns} from staff order by active desc, name`);
    await appendAudit(tx, {
      at: by.origin.now,
      actor: { kind: 'staff', id: by.staffId },
      action: 'staff.list',
      ip: by.origin.ip,
    });
    return rows.map(toMember);
  });
}

/** A sign-in refused before any member was known (a passkey that did not verify): audited, and counted per address. */
export async function recordRefusedSignIn(db: Database, origin: Origin): Promise<void> {
  await db.transaction((tx) =>
    appendAudit(tx, { at: origin.now, actor: { kind: 'anonymous' }, action: 'staff.sign-in.refused', ip: origin.ip }),
  );
}

export async function findStaff(db: Queryable, id: string): Promise<StaffMember | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await db.query<StaffRow>(`select ${staffColumns} from staff where id = $1`, [id]);
  return row && toMember(row);
}

export interface NewStaff {
  email: string;
  name: string;
  role: StaffRole;
  districts: readonly string[];
  locale: Locale;
}

export type InviteResult = { status: 'invited'; staffId: string; token: string } | { status: 'exists' };

async function writeInvitation(
  tx: Queryable,
  input: { staffId: string; by: string | undefined; now: Date },
): Promise<string> {
  const token = newSecret();
  await tx.query(
    'insert into staff_invitations (staff_id, token_hash, expires_at, created_by, created_at) values ($1, $2, $3, $4, $5)',
    [
      input.staffId,
      hashSecret(token),
      minutesFrom(input.now, staffPolicy.invitationDays * 24 * 60).toISOString(),
      input.by ?? null,
      input.now.toISOString(),
    ],
  );
  return token;
}

/**
 * Invites a member of staff: their row (not yet able to sign in) and an emailed, single-use,
 * time-limited invitation. `by` is the administrator; undefined only for the first administrator,
 * made from the command line (`npm run staff:create-admin`), whose link is printed instead.
 */
export async function inviteStaff(
  db: Database,
  input: NewStaff & { by: string | undefined; origin: Origin; link: (token: string, locale: Locale) => string },
): Promise<InviteResult> {
  return db.transaction(async (tx) => {
    const [row] = await tx.query<{ id: string }>(
      `insert into staff (email, name, role, districts, locale, created_at) values ($1, $2, $3, $4, $5, $6)
       on conflict (email) do nothing returning id`,
      [input.email, input.name, input.role, [...input.districts], input.locale, input.origin.now.toISOString()],
    );
    if (!row) return { status: 'exists' };
    const token = await writeInvitation(tx, { staffId: row.id, by: input.by, now: input.origin.now });
    await enqueueEmail(tx, {
      to: input.email,
      locale: input.locale,
      template: 'staff-invitation',
      data: { link: input.link(token, input.locale), days: staffPolicy.invitationDays },
    });
    await appendAudit(tx, {
      at: input.origin.now,
      actor: input.by ? { kind: 'staff', id: input.by } : { kind: 'system' },
      action: 'staff.invite',
      subject: `staff:${row.id}`,
      ip: input.origin.ip,
      detail: { role: input.role, districts: input.districts.join(',') },
    });
    return { status: 'invited', staffId: row.id, token };
  });
}

export interface Invitation {
  id: string;
  staffId: string;
  email: string;
  name: string;
  /** The authenticator app's secret the page showed, once it has been shown. */
  totpSecret: string | undefined;
}

async function usableInvitation(
  tx: Queryable,
  token: string,
  now: Date,
  lock: boolean,
): Promise<Invitation | undefined> {
  const [row] = await tx.query<{
    id: string;
    staff_id: string;
    email: string;
    name: string;
    pending_totp_secret: string | null;
  }>(
    `select staff_invitations.id, staff_invitations.staff_id, staff.email, staff.name, staff_invitations.pending_totp_secret
     from staff_invitations join staff on staff.id = staff_invitations.staff_id
     where token_hash = $1 and used_at is null and expires_at > $2 and staff.active and staff.enrolled_at is null
     ${lock ? 'for update of staff_invitations' : ''}`,
    [hashSecret(token), now.toISOString()],
  );
  return (
    row && {
      id: row.id,
      staffId: row.staff_id,
      email: row.email,
      name: row.name,
      totpSecret: row.pending_totp_secret ?? undefined,
    }
  );
}

/** The invitation of a token from the email, while it is unused and in time. */
export function findInvitation(db: Queryable, token: string, now: Date): Promise<Invitation | undefined> {
  return usableInvitation(db, token, now, false);
}

/**
 * The authenticator app's secret for an invitation: made on the first view of the invitation page
 * and kept with it, so the page shows the same one until the code is typed, and the form can send
 * no other.
 */
export async function pendingTotpSecret(db: Database, token: string, now: Date): Promise<string | undefined> {
  const [row] = await db.query<{ pending_totp_secret: string }>(
    `update staff_invitations set pending_totp_secret = coalesce(pending_totp_secret, $3)
     where token_hash = $1 and used_at is null and expires_at > $2 returning pending_totp_secret`,
    [hashSecret(token), now.toISOString(), newTotpSecret()],
  );
  return row?.pending_totp_secret;
}

export type EnrolResult =
  | { status: 'enrolled'; sessionToken: string; recoveryCodes: string[]; staffId: string }
  | { status: 'expired' }
  | { status: 'wrong-code' };

async function finishEnrolment(
  tx: Queryable,
  invitation: Invitation,
  origin: Origin,
  method: 'passkey' | 'totp',
): Promise<{ sessionToken: string; recoveryCodes: string[] }> {
  await tx.query('update staff_invitations set used_at = $2 where id = $1', [invitation.id, origin.now.toISOString()]);
  await tx.query('update staff set enrolled_at = $2 where id = $1', [invitation.staffId, origin.now.toISOString()]);
  const recoveryCodes = newRecoveryCodes();
  for (const code of recoveryCodes) {
    await tx.query('insert into staff_recovery_codes (staff_id, code_hash) values ($1, $2)', [
      invitation.staffId,
      await hashRecoveryCode(code),
    ]);
  }
  const sessionToken = await startPrincipalSession(tx, { kind: 'staff', id: invitation.staffId }, origin.now);
  await tx.query('update sessions set mfa_verified_at = $2 where token_hash = $1', [
    hashSecret(sessionToken),
    origin.now.toISOString(),
  ]);
  await appendAudit(tx, {
    at: origin.now,
    actor: { kind: 'staff', id: invitation.staffId },
    action: 'staff.enrol',
    subject: `staff:${invitation.staffId}`,
    ip: origin.ip,
    detail: { method },
  });
  return { sessionToken, recoveryCodes };
}

/**
 * Accepts an invitation with a password and an authenticator app: the code typed proves the app
 * holds the secret. The invitation is spent; recovery codes are returned once, kept hashed.
 */
export async function enrolWithPassword(
  db: Database,
  input: { token: string; password: string; totpCode: string; origin: Origin },
): Promise<EnrolResult> {
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const invitation = await usableInvitation(tx, input.token, input.origin.now, true);
    if (!invitation?.totpSecret) return { status: 'expired' };
    const totp = await checkTotp({
      secret: invitation.totpSecret,
      code: input.totpCode,
      lastStep: undefined,
      now: input.origin.now,
    });
    if (!totp.ok) return { status: 'wrong-code' };
    await tx.query('update staff set password_hash = $2, totp_secret = $3, totp_last_step = $4 where id = $1', [
      invitation.staffId,
      passwordHash,
      invitation.totpSecret,
      totp.step,
    ]);
    return {
      status: 'enrolled',
      staffId: invitation.staffId,
      ...(await finishEnrolment(tx, invitation, input.origin, 'totp')),
    };
  });
}

export interface NewPasskey {
  id: string;
  publicKey: Uint8Array;
  counter: number;
  transports: readonly string[];
}

/** Accepts an invitation with a passkey whose registration the caller has verified. */
export async function enrolWithPasskey(
  db: Database,
  input: { token: string; passkey: NewPasskey; origin: Origin },
): Promise<EnrolResult> {
  return db.transaction(async (tx) => {
    const invitation = await usableInvitation(tx, input.token, input.origin.now, true);
    if (!invitation) return { status: 'expired' };
    await addPasskey(tx, invitation.staffId, input.passkey, input.origin.now);
    return {
      status: 'enrolled',
      staffId: invitation.staffId,
      ...(await finishEnrolment(tx, invitation, input.origin, 'passkey')),
    };
  });
}

export async function addPasskey(tx: Queryable, staffId: string, passkey: NewPasskey, now: Date): Promise<void> {
  await tx.query(
    'insert into staff_passkeys (id, staff_id, public_key, counter, transports, created_at) values ($1, $2, $3, $4, $5, $6)',
    [passkey.id, staffId, passkey.publicKey, passkey.counter, [...passkey.transports], now.toISOString()],
  );
}

export type PasswordSignIn =
  | { status: 'second-factor'; sessionToken: string }
  | { status: 'refused' }
  | { status: 'locked' }
  | { status: 'rate-limited' };

/** A hash to check a password against when the address is unknown, so both take as long. */
let decoyHash: Promise<string> | undefined;

/**
 * The first factor: email and password. A right pair starts a session that opens nothing until
 * the second factor is checked (`checkSecondFactor`). Unknown address, wrong password, a member
 * without a password or deactivated: the same refusal. Five failures in a row lock sign-in for
 * fifteen minutes.
 */
export async function signInWithPassword(
  db: Database,
  input: { email: string; password: string; origin: Origin },
): Promise<PasswordSignIn> {
  const { now, ip } = input.origin;
  // Many refusals from one address are someone trying addresses or passwords: they wait, and no
  // password is checked meanwhile (each check costs 19 MiB of memory).
  const [refusals] = await db.query<{ n: number }>(
    "select count(*)::int as n from audit_log where action = 'staff.sign-in.refused' and ip = $1 and at > $2",
    [ip, minutesFrom(now, -60).toISOString()],
  );
  if ((refusals?.n ?? 0) >= staffPolicy.refusalsPerHour) return { status: 'rate-limited' };
  const [row] = await db.query<{
    id: string;
    password_hash: string | null;
    active: boolean;
    locked_until: Date | null;
  }>('select id, password_hash, active, locked_until from staff where email = $1', [input.email]);
  decoyHash ??= hashPassword('decoy password never used');
  const matches = await verifyPassword(input.password, row?.password_hash ?? (await decoyHash));
  return db.transaction(async (tx) => {
    if (!row || !row.active || !row.password_hash) {
      await appendAudit(tx, { at: now, actor: { kind: 'anonymous' }, action: 'staff.sign-in.refused', ip });
      return { status: 'refused' };
    }
    if (row.locked_until && row.locked_until > now) {
      await appendAudit(tx, {
        at: now,
        actor: { kind: 'staff', id: row.id },
        action: 'staff.sign-in.locked',
        ip,
      });
      return { status: 'locked' };
    }
    if (!matches) {
      await registerFailure(tx, row.id, { now, ip }, 'staff.sign-in.refused');
      return { status: 'refused' };
    }
    const sessionToken = await startPrincipalSession(tx, { kind: 'staff', id: row.id }, now);
    await appendAudit(tx, { at: now, actor: { kind: 'staff', id: row.id }, action: 'staff.sign-in.password', ip });
    return { status: 'second-factor', sessionToken };
  });
}

async function registerFailure(tx: Queryable, staffId: string, origin: Origin, action: string): Promise<void> {
  const [after] = await tx.query<{ failed_sign_ins: number }>(
    'update staff set failed_sign_ins = failed_sign_ins + 1 where id = $1 returning failed_sign_ins',
    [staffId],
  );
  if ((after?.failed_sign_ins ?? 0) >= staffPolicy.attemptsBeforeLock) {
    await tx.query('update staff set failed_sign_ins = 0, locked_until = $2 where id = $1', [
      staffId,
      minutesFrom(origin.now, staffPolicy.lockMinutes).toISOString(),
    ]);
    // Every session of a locked member ends: codes guessed from a session left open (a desk left
    // unlocked) stop here too, and the member signs in again once the lock is over.
    await tx.query("delete from sessions where principal_kind = 'staff' and principal_id = $1", [staffId]);
  }
  await appendAudit(tx, { at: origin.now, actor: { kind: 'staff', id: staffId }, action, ip: origin.ip });
}

export type SecondFactorResult =
  /** The new session token: a session is given a new token when its factor is checked. */
  { status: 'verified'; sessionToken: string } | { status: 'wrong-code' } | { status: 'ended' };

/**
 * Checks a code from the authenticator app, or a recovery code (used once), for the session of
 * `sessionToken`; a right one marks the session's second factor checked now. Also the
 * re-authentication before an export or a conclusion.
 */
export async function checkSecondFactor(
  db: Database,
  input: { sessionToken: string; code: string; origin: Origin },
): Promise<SecondFactorResult> {
  const { now, ip } = input.origin;
  const session = await principalSession(db, 'staff', input.sessionToken, { now, keepAlive: false });
  if (!session) return { status: 'ended' };
  const staffId = session.principal.id;
  const recovery = normaliseRecoveryCode(input.code);
  const recoveryHashes = recovery
    ? await db.query<{ id: string; code_hash: string }>(
        'select id, code_hash from staff_recovery_codes where staff_id = $1 and used_at is null',
        [staffId],
      )
    : [];
  let recoveryId: string | undefined;
  if (recovery)
    for (const candidate of recoveryHashes)
      if (await verifyRecoveryCode(recovery, candidate.code_hash)) {
        recoveryId = candidate.id;
        break;
      }
  return db.transaction(async (tx) => {
    const [row] = await tx.query<{
      totp_secret: string | null;
      totp_last_step: number | null;
      active: boolean;
      locked_until: Date | null;
    }>('select totp_secret, totp_last_step, active, locked_until from staff where id = $1 for update', [staffId]);
    if (!row?.active || (row.locked_until && row.locked_until > now)) {
      await tx.query('delete from sessions where token_hash = $1', [hashSecret(input.sessionToken)]);
      return { status: 'ended' };
    }
    let method: 'totp' | 'recovery' | undefined;
    if (recoveryId) {
      const spent = await tx.query(
        'update staff_recovery_codes set used_at = $2 where id = $1 and used_at is null returning id',
        [recoveryId, now.toISOString()],
      );
      if (spent.length > 0) method = 'recovery';
    } else if (row.totp_secret) {
      const totp = await checkTotp({
        secret: row.totp_secret,
        code: input.code,
        lastStep: row.totp_last_step ?? undefined,
        now,
      });
      if (totp.ok) {
        await tx.query('update staff set totp_last_step = $2 where id = $1', [staffId, totp.step]);
        method = 'totp';
      }
    }
    if (!method) {
      await registerFailure(tx, staffId, input.origin, 'staff.second-factor.refused');
      const [still] = await tx.query('select 1 from sessions where token_hash = $1', [hashSecret(input.sessionToken)]);
      return still ? { status: 'wrong-code' } : { status: 'ended' };
    }
    await tx.query('update staff set failed_sign_ins = 0 where id = $1', [staffId]);
    // A new token once the factor is checked: a token planted or seen before this moment opens nothing.
    const [previous] = await tx.query<{ created_at: Date; expires_at: Date }>(
      'delete from sessions where token_hash = $1 returning created_at, expires_at',
      [hashSecret(input.sessionToken)],
    );
    if (!previous) return { status: 'ended' };
    const sessionToken = newSecret();
    await tx.query(
      `insert into sessions (token_hash, principal_kind, principal_id, created_at, last_seen_at, expires_at, mfa_verified_at)
       values ($1, 'staff', $2, $3, $4, $5, $4)`,
      [
        hashSecret(sessionToken),
        staffId,
        previous.created_at.toISOString(),
        now.toISOString(),
        previous.expires_at.toISOString(),
      ],
    );
    await appendAudit(tx, {
      at: now,
      actor: { kind: 'staff', id: staffId },
      action: `staff.second-factor.${method}`,
      ip,
    });
    return { status: 'verified', sessionToken };
  });
}

/** Signs a member of staff in with a passkey whose assertion the caller has verified (both factors at once). */
export async function signInWithPasskey(
  db: Database,
  input: { passkeyId: string; newCounter: number; origin: Origin; reauthenticate?: string | undefined },
): Promise<{ status: 'signed-in'; sessionToken: string } | { status: 'refused' }> {
  const { now, ip } = input.origin;
  return db.transaction(async (tx) => {
    const [row] = await tx.query<{ staff_id: string; active: boolean }>(
      `select staff_passkeys.staff_id, staff.active from staff_passkeys join staff on staff.id = staff_passkeys.staff_id
       where staff_passkeys.id = $1 for update of staff_passkeys`,
      [input.passkeyId],
    );
    if (!row?.active) {
      await appendAudit(tx, { at: now, actor: { kind: 'anonymous' }, action: 'staff.sign-in.refused', ip });
      return { status: 'refused' };
    }
    await tx.query('update staff_passkeys set counter = $2, last_used_at = $3 where id = $1', [
      input.passkeyId,
      input.newCounter,
      now.toISOString(),
    ]);
    let sessionToken = input.reauthenticate;
    if (sessionToken) {
      const updated = await tx.query(
        `update sessions set mfa_verified_at = $3, last_seen_at = $3
         where token_hash = $1 and principal_kind = 'staff' and principal_id = $2 and expires_at > $3 returning token_hash`,
        [hashSecret(sessionToken), row.staff_id, now.toISOString()],
      );
      if (updated.length === 0) sessionToken = undefined;
    }
    if (!sessionToken) {
      sessionToken = await startPrincipalSession(tx, { kind: 'staff', id: row.staff_id }, now);
      await tx.query('update sessions set mfa_verified_at = $2 where token_hash = $1', [
        hashSecret(sessionToken),
        now.toISOString(),
      ]);
    }
    await tx.query('update staff set failed_sign_ins = 0 where id = $1', [row.staff_id]);
    await appendAudit(tx, { at: now, actor: { kind: 'staff', id: row.staff_id }, action: 'staff.sign-in.passkey', ip });
    return { status: 'signed-in', sessionToken };
  });
}

/** The passkeys of an address (for the browser to choose from); none for an unknown one. */
export async function passkeysOf(db: Queryable, staffId: string): Promise<{ id: string; transports: string[] }[]> {
  return db.query('select id, transports from staff_passkeys where staff_id = $1', [staffId]);
}

/** A stored passkey, to verify an assertion against. */
export async function findPasskey(
  db: Queryable,
  id: string,
): Promise<
  { id: string; staffId: string; publicKey: Uint8Array<ArrayBuffer>; counter: number; transports: string[] } | undefined
> {
  const [row] = await db.query<{
    id: string;
    staff_id: string;
    public_key: Uint8Array;
    counter: number;
    transports: string[];
  }>('select id, staff_id, public_key, counter, transports from staff_passkeys where id = $1', [id]);
  return (
    row && {
      id: row.id,
      staffId: row.staff_id,
      publicKey: new Uint8Array(row.public_key),
      counter: row.counter,
      transports: row.transports,
    }
  );
}

/**
 * The signed-in member of staff of a session cookie's token: only an active member's live staff
 * session (a deactivated member is signed out at once, whatever their cookie says).
 */
export async function staffPrincipal(
  db: Database,
  token: string | undefined,
  { now, keepAlive }: { now: Date; keepAlive: boolean },
): Promise<StaffPrincipal | undefined> {
  const session = await principalSession(db, 'staff', token, { now, keepAlive });
  if (!session) return undefined;
  const [row] = await db.query<Pick<StaffRow, 'id' | 'email' | 'name' | 'role' | 'districts' | 'locale'>>(
    'select id, email, name, role, districts, locale from staff where id = $1 and active',
    [session.principal.id],
  );
  if (!row || !isStaffRole(row.role)) return undefined;
  return {
    staffId: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    districts: row.districts,
    locale: row.locale,
    mfaVerifiedAt: session.mfaVerifiedAt,
    endsAt: session.endsAt,
  };
}

/** Whether the second factor was checked recently enough for an export or a conclusion. */
export function recentlyVerified(staff: Pick<StaffPrincipal, 'mfaVerifiedAt'>, now: Date): boolean {
  return (
    staff.mfaVerifiedAt !== undefined &&
    now.getTime() - staff.mfaVerifiedAt.getTime() <= staffPolicy.reauthenticateMinutes * 60_000
  );
}

/** Signs a member of staff out. */
export async function signOutStaff(
  db: Database,
  token: string | undefined,
  staffId: string | undefined,
  origin: Origin,
) {
  await db.transaction(async (tx) => {
    if (token) await tx.query('delete from sessions where token_hash = $1', [hashSecret(token)]);
    if (staffId)
      await appendAudit(tx, {
        at: origin.now,
        actor: { kind: 'staff', id: staffId },
        action: 'staff.sign-out',
        ip: origin.ip,
      });
  });
}

export type StaffChange = { status: 'changed' } | { status: 'not-found' } | { status: 'own-account' };

/**
 * Changes a member's role and districts. An administrator cannot change or deactivate their own
 * account (the region is never left without one by a slip).
 */
export async function changeStaff(
  db: Database,
  input: { by: string; staffId: string; role: StaffRole; districts: readonly string[]; origin: Origin },
): Promise<StaffChange> {
  if (input.by === input.staffId) return { status: 'own-account' };
  if (!isUuid(input.staffId)) return { status: 'not-found' };
  return db.transaction(async (tx) => {
    const rows = await tx.query('update staff set role = $2, districts = $3 where id = $1 and active returning id', [
      input.staffId,
      input.role,
      [...input.districts],
    ]);
    if (rows.length === 0) return { status: 'not-found' };
    await appendAudit(tx, {
      at: input.origin.now,
      actor: { kind: 'staff', id: input.by },
      action: 'staff.change',
      subject: `staff:${input.staffId}`,
      ip: input.origin.ip,
      detail: { role: input.role, districts: input.districts.join(',') },
    });
    return { status: 'changed' };
  });
}

/** Deactivates a member of staff: every session of theirs ends in the same transaction. */
export async function deactivateStaff(
  db: Database,
  input: { by: string; staffId: string; origin: Origin },
): Promise<StaffChange> {
  if (input.by === input.staffId) return { status: 'own-account' };
  if (!isUuid(input.staffId)) return { status: 'not-found' };
  return db.transaction(async (tx) => {
    const rows = await tx.query(
      'update staff set active = false, deactivated_at = $2 where id = $1 and active returning id',
      [input.staffId, input.origin.now.toISOString()],
    );
    if (rows.length === 0) return { status: 'not-found' };
    await tx.query("delete from sessions where principal_kind = 'staff' and principal_id = $1", [input.staffId]);
    await tx.query('update staff_invitations set used_at = $2 where staff_id = $1 and used_at is null', [
      input.staffId,
      input.origin.now.toISOString(),
    ]);
    await appendAudit(tx, {
      at: input.origin.now,
      actor: { kind: 'staff', id: input.by },
      action: 'staff.deactivate',
      subject: `staff:${input.staffId}`,
      ip: input.origin.ip,
    });
    return { status: 'changed' };
  });
}

/** A WebAuthn challenge, kept for minutes and used once. */
export async function saveChallenge(
  db: Queryable,
  input: {
    challenge: string;
    purpose: 'register' | 'authenticate';
    staffId?: string | undefined;
    /** The network address that asked: challenges are made for anyone, so each address gets a few at a time. */
    ip: string;
    now: Date;
  },
): Promise<string | undefined> {
  // Challenges asked for and never answered go an hour after they expire: the table stays small.
  await db.query("delete from staff_challenges where expires_at < $1::timestamptz - interval '1 hour'", [
    input.now.toISOString(),
  ]);
  const ipHash = hashSecret(`ip:${input.ip}`);
  const [live] = await db.query<{ n: number }>(
    'select count(*)::int as n from staff_challenges where ip_hash = $1 and expires_at > $2',
    [ipHash, input.now.toISOString()],
  );
  if ((live?.n ?? 0) >= staffPolicy.challengesPerAddress) return undefined;
  const [row] = await db.query<{ id: string }>(
    'insert into staff_challenges (staff_id, purpose, challenge, expires_at, ip_hash) values ($1, $2, $3, $4, $5) returning id',
    [input.staffId ?? null, input.purpose, input.challenge, minutesFrom(input.now, 5).toISOString(), ipHash],
  );
  if (!row) throw new Error('the challenge was not saved');
  return row.id;
}

/** Takes a challenge (once): its text, if it is unused, in time and for this purpose. */
export async function takeChallenge(
  db: Queryable,
  input: { id: string; purpose: 'register' | 'authenticate'; now: Date },
): Promise<{ challenge: string; staffId: string | undefined } | undefined> {
  if (!isUuid(input.id)) return undefined;
  const [row] = await db.query<{ challenge: string; staff_id: string | null }>(
    `update staff_challenges set used_at = $3 where id = $1 and purpose = $2 and used_at is null and expires_at > $3
     returning challenge, staff_id`,
    [input.id, input.purpose, input.now.toISOString()],
  );
  return row && { challenge: row.challenge, staffId: row.staff_id ?? undefined };
}

export interface StageLimit {
  stage: string;
  days: number;
  source: string | undefined;
}

/** The time limit of each stage that has one (set by the regional administrator). */
export async function stageLimits(db: Queryable): Promise<StageLimit[]> {
  const rows = await db.query<{ stage: string; days: number; source: string | null }>(
    'select stage, days, source from desk_stage_limits order by stage',
  );
  return rows.map((row) => ({ stage: row.stage, days: row.days, source: row.source ?? undefined }));
}

/** Sets (or, with no days, removes) a stage's time limit, with the act that fixes it if any. */
export async function setStageLimit(
  db: Database,
  input: { by: string; stage: string; days: number | undefined; source: string | undefined; origin: Origin },
): Promise<void> {
  await db.transaction(async (tx) => {
    if (input.days === undefined) await tx.query('delete from desk_stage_limits where stage = $1', [input.stage]);
    else
      await tx.query(
        `insert into desk_stage_limits (stage, days, source, updated_by, updated_at) values ($1, $2, $3, $4, $5)
         on conflict (stage) do update set days = excluded.days, source = excluded.source,
           updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
        [input.stage, input.days, input.source ?? null, input.by, input.origin.now.toISOString()],
      );
    await appendAudit(tx, {
      at: input.origin.now,
      actor: { kind: 'staff', id: input.by },
      action: 'limits.set',
      subject: `stage:${input.stage}`,
      ip: input.origin.ip,
      detail: { days: input.days ?? null },
    });
  });
}
