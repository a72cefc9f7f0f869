/**
 * Sign-in on the web: the session cookie and the pending sign-in cookie. The session cookie is
 * `__Host-` prefixed, HttpOnly, Secure and SameSite=Lax; only in development (plain HTTP without
 * localhost rules) is it a plain Lax cookie.
 */
import type { AstroCookies } from 'astro';
import type { Locale } from '../../i18n/locales.ts';
import { authPaths, safeReturnPath } from './paths.ts';
import { signInPolicy } from './policy.ts';

export { authPaths };

const development = process.env['NODE_ENV'] === 'development';

export const sessionCookie = development ? 'alaqan_session' : '__Host-alaqan_session';
const pendingCookie = development ? 'alaqan_sign_in' : '__Host-alaqan_sign_in';
const returnCookie = development ? 'alaqan_return' : '__Host-alaqan_return';

/** Every cookie sign-in sets, by the name a production run gives it: the privacy notice names each. */
export const signInCookies = { sessionCookie, pendingCookie, returnCookie } as const;

const base = { httpOnly: true, secure: !development, sameSite: 'lax', path: '/' } as const;

export function setSessionCookie(cookies: AstroCookies, token: string): void {
  cookies.set(sessionCookie, token, { ...base, maxAge: signInPolicy.absoluteHours * 3600 });
}

/** Signs out in the browser; the page sign-in would have returned to is forgotten too (shared computers). */
export function clearSessionCookie(cookies: AstroCookies): void {
  cookies.delete(sessionCookie, base);
  cookies.delete(returnCookie, base);
}

/** Remembers which sign-in request the code page belongs to, without the email in the address. */
export function setPendingSignIn(cookies: AstroCookies, requestId: string): void {
  cookies.set(pendingCookie, requestId, { ...base, maxAge: signInPolicy.codeMinutes * 60 });
}

export function pendingSignIn(cookies: AstroCookies): string | undefined {
  const value = cookies.get(pendingCookie)?.value;
  return value && /^[0-9a-f-]{36}$/.test(value) ? value : undefined;
}

export function clearPendingSignIn(cookies: AstroCookies): void {
  cookies.delete(pendingCookie, base);
}

/**
 * Sends a visitor who is not signed in (or whose session ended) to sign in, remembering the page
 * to bring them back to. The page goes in a cookie, not in the address, so that sign-in links and
 * emails stay the same for everyone.
 */
export function redirectToSignIn(
  context: { cookies: AstroCookies; url: URL; redirect: (path: string, status: 303) => Response },
  lang: Locale,
  returnTo: string = context.url.pathname,
): Response {
  const path = safeReturnPath(returnTo);
  // An hour: time enough to fetch the code from the mailbox.
  if (path) context.cookies.set(returnCookie, path, { ...base, maxAge: 3600 });
  return context.redirect(authPaths.signIn(lang), 303);
}

/** Where a newly signed-in applicant goes: the page they were sent from, else their account page. */
export function takeReturnPath(cookies: AstroCookies, lang: Locale): string {
  const path = safeReturnPath(cookies.get(returnCookie)?.value);
  if (path) cookies.delete(returnCookie, base);
  return path ?? authPaths.account(lang);
}

/**
 * The desk's session cookie: separate from the applicants' (a staff session never opens an
 * applicant's pages, nor the other way round), and living no longer than a staff session may.
 */
export const staffSessionCookie = development ? 'alaqan_staff' : '__Host-alaqan_staff';

/** The desk's cookie, by the name a production run gives it: the privacy notice names it. */
export const deskCookies = { staffSessionCookie } as const;

export function setStaffSessionCookie(cookies: AstroCookies, token: string): void {
  cookies.set(staffSessionCookie, token, { ...base, sameSite: 'strict', maxAge: 8 * 3600 });
}

export function clearStaffSessionCookie(cookies: AstroCookies): void {
  cookies.delete(staffSessionCookie, { ...base, sameSite: 'strict' });
}
