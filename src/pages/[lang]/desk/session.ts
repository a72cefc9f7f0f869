/**
 * How long a member of staff's session has left, for the warning before it ends (the desk's
 * frame uses components/SessionTimeout.astro). GET asks without keeping the session alive (the
 * middleware peeks for this route); POST is "Stay signed in". Both answer `{ secondsLeft }`, or
 * 401 when the session has ended.
 */
import type { APIRoute } from 'astro';
import { secondsLeft } from '../../../features/auth/store.ts';

export const prerender = false;

const answer: APIRoute = ({ locals }) => {
  const headers = { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' };
  const { staff } = locals;
  if (!staff?.mfaVerifiedAt) return new Response(JSON.stringify({ signedIn: false }), { status: 401, headers });
  return new Response(
    JSON.stringify({ signedIn: true, secondsLeft: secondsLeft(staff, locals.runtime.now().getTime()) }),
    { status: 200, headers },
  );
};

export const GET = answer;
export const POST = answer;
