/** Sign-out: ends the session in the database and removes the cookie. */
import type { APIRoute } from 'astro';
import { endSession } from '../../features/auth/store.ts';
import { clearSessionCookie, sessionCookie } from '../../features/auth/web.ts';
import { isLocale } from '../../i18n/locales.ts';
import { portalRuntime } from '../../server/runtime.ts';

export const prerender = false;

export const POST: APIRoute = async ({ params, cookies, redirect }) => {
  if (!isLocale(params.lang)) return new Response(null, { status: 404 });
  await endSession(portalRuntime().db, cookies.get(sessionCookie)?.value);
  clearSessionCookie(cookies);
  return redirect(`/${params.lang}/`, 303);
};
