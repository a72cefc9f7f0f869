/**
 * The rules of passwordless sign-in, in one place: how long codes and sessions live, how often
 * one may ask, and how secrets are made and kept (only as hashes). Pure, but for randomness.
 */
import { createHash, randomBytes, randomInt } from 'node:crypto';
import { z } from 'zod';

/** Who a session can belong to: an applicant, a learner of the School, a member of staff at the desk. */
export const principalKinds = ['applicant', 'learner', 'staff'] as const;

export type PrincipalKind = (typeof principalKinds)[number];

export interface SessionTimeouts {
  /** A session ends after this long without a request… */
  idleMinutes: number;
  /** …and in any case after this long. */
  absoluteHours: number;
}

/**
 * How long a session lives, per kind of principal. Staff open personal data of many families, so
 * theirs end sooner; learners follow the School at the applicants' pace.
 */
export const sessionPolicy: Record<PrincipalKind, SessionTimeouts> = {
  applicant: { idleMinutes: 30, absoluteHours: 12 },
  learner: { idleMinutes: 30, absoluteHours: 12 },
  staff: { idleMinutes: 15, absoluteHours: 8 },
};

export const signInPolicy = {
  /** A code and its link work this long, once. */
  codeMinutes: 10,
  /** At most this many sign-in emails per address, and per network address, in an hour. */
  requestsPerHour: 5,
  /** Wrong codes allowed for one request before it is spent. */
  codeAttempts: 5,
  /** An applicant's session ends after this long without a request… */
  idleMinutes: sessionPolicy.applicant.idleMinutes,
  /** …and in any case after this long. */
  absoluteHours: sessionPolicy.applicant.absoluteHours,
  /** Signed-in pages warn this long before the session ends, with a way to stay signed in. */
  warningMinutes: 2,
} as const;

/** An email address as people type it: trimmed, lower-cased, of a sane length. */
export const emailSchema = z.string().trim().toLowerCase().max(254).pipe(z.email());

/** A random secret for links and session cookies (256 bits, URL-safe). */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** A six-digit code, every value equally likely. */
export function newCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}

/** What the database keeps instead of a secret: its SHA-256. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function minutesFrom(now: Date, minutes: number): Date {
  return new Date(now.getTime() + minutes * 60_000);
}
