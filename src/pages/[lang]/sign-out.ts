/** Sign-out: ends the session in the database and removes the cookie. */
import type { APIRoute } from 'astro';
import { endSession } from '../../features/auth/store.ts';
import { clearSessionCookie, sessionCookie } from '../../features/auth/web.ts';

export const prerender = false;

export const POST: APIRoute = async ({ cookies, redirect, locals }) => {
  await endSession(locals.runtime.db, cookies.get(sessionCookie)?.value);
  clearSessionCookie(cookies);
  return redirect(`/${locals.lang}/`, 303);
};
