/**
 * What a page requires of its visitor, checked in one place. A guard returns the principal, or
 * the response to send instead (a redirect to sign in that remembers the page).
 */
import type { AstroCookies } from 'astro';
import { redirectToSignIn } from '../features/auth/web.ts';
import type { Session } from '../features/auth/store.ts';
import type { StaffPrincipal, StaffRole } from '../features/auth/staff.ts';

declare global {
  // Astro types `locals` as the global namespace App; an augmentation is how this module adds to it
  // (it moves to src/env.d.ts beside the others when the desk resolves staff sessions).
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace App {
    interface Locals {
      /**
       * The signed-in member of staff. Set by the middleware once the desk resolves staff sessions
       * (it adds the staff table and cookie); until then never set, so `requireStaff` never lets
       * anyone in.
       */
      staff?: StaffPrincipal | undefined;
    }
  }
}

interface GuardContext {
  locals: App.Locals;
  cookies: AstroCookies;
  url: URL;
  redirect: (path: string, status: 303) => Response;
}

/** The signed-in applicant, or a redirect to sign in that brings them back to `returnTo` (this page by default). */
export function requireApplicant(context: GuardContext, returnTo?: string): Session | Response {
  return context.locals.session ?? redirectToSignIn(context, context.locals.lang, returnTo);
}

/**
 * Where staff sign in (and pass their second factor). The desk adds this page; until it does, the
 * redirect ends on the portal's 404.
 */
export const staffSignInPath = '/desk/sign-in/';

/** What a desk page asks of its visitor: a role, and whether the second factor must have been checked. */
export interface StaffNeed {
  role: StaffRole;
  mfa: boolean;
}

export type StaffAccess =
  | { allowed: true; staff: StaffPrincipal }
  /** Not signed in as staff, or signed in without the second factor this page needs: to sign-in. */
  | { allowed: false; reason: 'signed-out' | 'mfa-needed' }
  /** Signed in, but without the role: signing in again would not help. */
  | { allowed: false; reason: 'role-missing' };

/** Whether this member of staff (if any) may open a page that needs `need`. Pure. */
export function staffAccess(staff: StaffPrincipal | undefined, need: StaffNeed): StaffAccess {
  if (!staff) return { allowed: false, reason: 'signed-out' };
  if (need.mfa && !staff.mfaVerifiedAt) return { allowed: false, reason: 'mfa-needed' };
  if (!staff.roles.includes(need.role)) return { allowed: false, reason: 'role-missing' };
  return { allowed: true, staff };
}

/**
 * The signed-in member of staff with `need.role` (and, with `mfa: true`, a checked second factor),
 * or the response instead: a 303 to `staffSignInPath` when not signed in or the second factor is
 * missing, a 403 when the role is missing.
 */
export function requireStaff(
  context: Pick<GuardContext, 'locals' | 'redirect'>,
  need: StaffNeed,
): StaffPrincipal | Response {
  const access = staffAccess(context.locals.staff, need);
  if (access.allowed) return access.staff;
  return access.reason === 'role-missing'
    ? new Response(null, { status: 403 })
    : context.redirect(staffSignInPath, 303);
}
