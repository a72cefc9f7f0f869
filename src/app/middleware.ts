/**
 * One request pipeline, resolved once per request and put on `Astro.locals`: the language (an
 * unknown one is a 404, so pages need not check), a translator for it, and, for pages rendered on
 * request, the runtime (database, uploads, email), the visitor's network address and the session.
 * Pages then take a principal through a guard (`src/app/guards.ts`) and never reach for globals.
 */
import { defineMiddleware, sequence } from 'astro:middleware';
import { sessionCookie, staffSessionCookie } from '../features/auth/web.ts';
import { staffPrincipal } from '../features/desk/staff.ts';
import { currentSession, peekSession } from '../features/auth/store.ts';
import { defaultLocale, isLocale } from '../i18n/locales.ts';
import { translatorFor } from '../i18n/translator.ts';
import { compressResponse } from '../platform/http/compress-response.ts';
import { portalRuntime, type PortalRuntime } from './runtime.ts';

/**
 * Routes that read the session (an applicant's, or a member of staff's) without keeping it alive:
 * the timeout warnings poll them, and must not extend the session they measure; a static page's
 * header frame asks who is signed in, and reading a guide is not activity on the account.
 */
const peekOnlyRoutes = new Set(['/[lang]/account/session', '/[lang]/account/header', '/[lang]/desk/session']);

const locale = defineMiddleware((context, next) => {
  const { lang } = context.params;
  // Only the languages declared once are pages: /xx/… for any other xx is not found.
  if (lang !== undefined && !isLocale(lang)) return new Response(null, { status: 404 });
  const first = context.url.pathname.split('/')[1];
  context.locals.lang = isLocale(first) ? first : defaultLocale;
  context.locals.t = translatorFor(context.locals.lang);
  return next();
});

/**
 * The visitor's network address, for rate limits. Behind a reverse proxy (TRUST_PROXY=1) it is
 * the address the proxy saw, the last one it appended to X-Forwarded-For; otherwise the socket's.
 */
function clientIp(request: Request, socketAddress: string, trustProxy: boolean): string {
  if (!trustProxy) return socketAddress;
  const forwarded = request.headers
    .get('x-forwarded-for')
    ?.split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  return forwarded?.at(-1) ?? socketAddress;
}

const runtimeAndSession = defineMiddleware(async (context, next) => {
  // Prerendered pages are built once for everyone: no runtime, no visitor, no session.
  if (context.isPrerendered) return next();
  const runtime: PortalRuntime = portalRuntime();
  context.locals.runtime = runtime;
  context.locals.clientIp = clientIp(context.request, context.clientAddress, runtime.config.trustProxy);
  const token = context.cookies.get(sessionCookie)?.value;
  const peekOnly = context.request.method === 'GET' && peekOnlyRoutes.has(context.routePattern);
  context.locals.session = token ? await (peekOnly ? peekSession : currentSession)(runtime.db, token) : undefined;
  if (!context.routePattern.startsWith('/[lang]/desk')) {
    context.locals.staff = undefined;
    return next();
  }
  // The desk: its own cookie and session; pages for staff only, never indexed or stored.
  const staffToken = context.cookies.get(staffSessionCookie)?.value;
  context.locals.staff = staffToken
    ? await staffPrincipal(runtime.db, staffToken, {
        now: runtime.now(),
        keepAlive: !peekOnly,
      })
    : undefined;
  const response = await next();
  response.headers.set('Cache-Control', 'private, no-store');
  response.headers.set('X-Robots-Tag', 'noindex, nofollow');
  return response;
});

/** HTML says its encoding in the header too, so no browser has to guess before the meta tag. */
function withCharset(response: Response): Response {
  if (!/^text\/html\s*$/i.test(response.headers.get('content-type') ?? '')) return response;
  const headers = new Headers(response.headers);
  headers.set('Content-Type', 'text/html; charset=utf-8');
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

/** Compresses what is rendered on request (prerendered pages are compressed at build time). */
const compress = defineMiddleware(async (context, next) => {
  const response = withCharset(await next());
  if (context.isPrerendered) return response;
  return compressResponse(response, {
    method: context.request.method,
    acceptEncoding: context.request.headers.get('accept-encoding'),
  });
});

export const onRequest = sequence(compress, locale, runtimeAndSession);
