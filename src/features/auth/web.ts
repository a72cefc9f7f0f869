/**
 * Sign-in on the web: the session cookie and the pending sign-in cookie. The session cookie is
 * `__Host-` prefixed, HttpOnly, Secure and SameSite=Lax; only in development (plain HTTP without
 * localhost rules) is it a plain Lax cookie.
 */
import type { AstroCookies } from 'astro';
import { portalRuntime } from '../../server/runtime.ts';
import { signInPolicy } from './policy.ts';
import { currentSession, type Session } from './store.ts';

export { authPaths } from './paths.ts';

const development = process.env['NODE_ENV'] === 'development';

export const sessionCookie = development ? 'alaqan_session' : '__Host-alaqan_session';
const pendingCookie = development ? 'alaqan_sign_in' : '__Host-alaqan_sign_in';

const base = { httpOnly: true, secure: !development, sameSite: 'lax', path: '/' } as const;

export function setSessionCookie(cookies: AstroCookies, token: string): void {
  cookies.set(sessionCookie, token, { ...base, maxAge: signInPolicy.absoluteHours * 3600 });
}

export function clearSessionCookie(cookies: AstroCookies): void {
  cookies.delete(sessionCookie, base);
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

/** The signed-in applicant of this request, if any. */
export async function sessionOf(cookies: AstroCookies): Promise<Session | undefined> {
  return currentSession(portalRuntime().db, cookies.get(sessionCookie)?.value);
}

/**
 * The visitor's network address, for rate limits. Behind a reverse proxy (TRUST_PROXY=1) it is
 * the address the proxy saw, the last one it appended to X-Forwarded-For; otherwise the socket's.
 */
export function clientIp(request: Request, socketAddress: string): string {
  if (process.env['TRUST_PROXY'] !== '1') return socketAddress;
  const forwarded = request.headers
    .get('x-forwarded-for')
    ?.split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  return forwarded?.at(-1) ?? socketAddress;
}
