/**
 * POST: "Stay signed in" from the warning before the session ends. Any signed-in request keeps the
 * session alive; this one does only that, and answers how many seconds it now has left (401 when
 * it has already ended). Used by the warning's script; without JavaScript there is no warning.
 */
import type { APIRoute } from 'astro';
import { sessionOf } from '../../../features/auth/web.ts';
import { isLocale } from '../../../i18n/locales.ts';

export const prerender = false;

export const POST: APIRoute = async ({ params, cookies }) => {
  if (!isLocale(params.lang)) return new Response(null, { status: 404 });
  const session = await sessionOf(cookies);
  const headers = { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' };
  if (!session) return new Response(JSON.stringify({ signedIn: false }), { status: 401, headers });
  const secondsLeft = Math.max(0, Math.floor((session.endsAt.getTime() - Date.now()) / 1000));
  return new Response(JSON.stringify({ signedIn: true, secondsLeft }), { status: 200, headers });
};
