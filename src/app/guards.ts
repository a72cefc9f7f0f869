/**
 * What a page requires of its visitor, checked in one place. A guard returns the principal, or
 * the response to send instead (a redirect to sign in that remembers the page).
 */
import type { AstroCookies } from 'astro';
import { redirectToSignIn } from '../features/auth/web.ts';
import type { Session } from '../features/auth/store.ts';
import type { StaffPrincipal } from '../features/auth/staff.ts';
import { can, type DeskAction } from '../features/desk/policy.ts';
import type { Locale } from '../i18n/locales.ts';

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

/** Where staff sign in (and pass their second factor). */
export const staffSignInPath = (lang: Locale): string => `/${lang}/desk/sign-in/`;

/**
 * What a desk page asks of its visitor: an action their role allows, and whether the second factor
 * must have been checked (every page but the second factor's own).
 */
export interface StaffNeed {
  action: DeskAction;
  mfa: boolean;
}

export type StaffAccess =
  | { allowed: true; staff: StaffPrincipal }
  /** Not signed in as staff, or signed in without the second factor this page needs: to sign-in. */
  | { allowed: false; reason: 'signed-out' | 'mfa-needed' }
  /** Signed in, but the role does not allow it: signing in again would not help. */
  | { allowed: false; reason: 'role-missing' };

/** Whether this member of staff (if any) may open a page that needs `need`. Pure. */
export function staffAccess(staff: StaffPrincipal | undefined, need: StaffNeed): StaffAccess {
  if (!staff) return { allowed: false, reason: 'signed-out' };
  if (need.mfa && !staff.mfaVerifiedAt) return { allowed: false, reason: 'mfa-needed' };
  if (!can(staff.role, need.action)) return { allowed: false, reason: 'role-missing' };
  return { allowed: true, staff };
}

/**
 * The signed-in member of staff whose role allows `need.action` (and, with `mfa: true`, whose
 * second factor was checked), or the response instead: a 303 to the staff sign-in when not signed
 * in or the second factor is missing; a 404 when the role does not allow it, as for a record of
 * another district: a page one may not use is as good as none.
 */
export function requireStaff(
  context: Pick<GuardContext, 'locals' | 'redirect'>,
  need: StaffNeed,
): StaffPrincipal | Response {
  const access = staffAccess(context.locals.staff, need);
  if (access.allowed) return access.staff;
  return access.reason === 'role-missing'
    ? new Response(null, { status: 404 })
    : context.redirect(staffSignInPath(context.locals.lang), 303);
}
