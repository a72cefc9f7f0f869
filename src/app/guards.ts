/**
 * What a page requires of its visitor, checked in one place. A guard returns the principal, or
 * the response to send instead (a redirect to sign in that remembers the page).
 */
import type { AstroCookies } from 'astro';
import { redirectToSignIn } from '../features/auth/web.ts';
import type { Session } from '../features/auth/store.ts';

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
