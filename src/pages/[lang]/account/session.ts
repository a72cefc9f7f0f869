/**
 * How long the session has left, for the warning before it ends (components/SessionTimeout.astro).
 * GET asks without keeping the session alive; POST is "Stay signed in", and keeps it alive as any
 * signed-in request does. Both answer `{ secondsLeft }`, or 401 when the session has ended.
 * Without JavaScript there is no warning, and nothing calls this.
 */
import type { APIRoute } from 'astro';
import { secondsLeft, type Session } from '../../../features/auth/store.ts';

export const prerender = false;

function answer(session: Session | undefined): Response {
  const headers = { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' };
  if (!session) return new Response(JSON.stringify({ signedIn: false }), { status: 401, headers });
  return new Response(JSON.stringify({ signedIn: true, secondsLeft: secondsLeft(session) }), { status: 200, headers });
}

// The middleware resolves the session: on GET without keeping it alive, on POST keeping it alive.
export const GET: APIRoute = ({ locals }) => answer(locals.session);

export const POST: APIRoute = ({ locals }) => answer(locals.session);
