/**
 * How long the session has left, for the warning before it ends (components/SessionTimeout.astro).
 * GET asks without keeping the session alive; POST is "Stay signed in", and keeps it alive as any
 * signed-in request does. Both answer `{ secondsLeft }`, or 401 when the session has ended.
 * Without JavaScript there is no warning, and nothing calls this.
 */
import type { APIRoute } from 'astro';
import { secondsLeft, type Session } from '../../../features/auth/store.ts';
import { peekSessionOf, sessionOf } from '../../../features/auth/web.ts';
import { isLocale } from '../../../i18n/locales.ts';

export const prerender = false;

function answer(session: Session | undefined): Response {
  const headers = { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' };
  if (!session) return new Response(JSON.stringify({ signedIn: false }), { status: 401, headers });
  return new Response(JSON.stringify({ signedIn: true, secondsLeft: secondsLeft(session) }), { status: 200, headers });
}

export const GET: APIRoute = async ({ params, cookies }) =>
  isLocale(params.lang) ? answer(await peekSessionOf(cookies)) : new Response(null, { status: 404 });

export const POST: APIRoute = async ({ params, cookies }) =>
  isLocale(params.lang) ? answer(await sessionOf(cookies)) : new Response(null, { status: 404 });
