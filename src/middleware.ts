import { defineMiddleware } from 'astro:middleware';
import { defaultLocale, isLocale } from './i18n/locales.ts';
import { translatorFor } from './i18n/translator.ts';
import { compressResponse } from './server/compress-response.ts';

/** HTML says its encoding in the header too, so no browser has to guess before the meta tag. */
function withCharset(response: Response): Response {
  if (!/^text\/html\s*$/i.test(response.headers.get('content-type') ?? '')) return response;
  const headers = new Headers(response.headers);
  headers.set('Content-Type', 'text/html; charset=utf-8');
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

/**
 * Gives every page its language and a translator for it, taken from the address, and compresses
 * what is rendered on request (prerendered pages are compressed at build time).
 */
export const onRequest = defineMiddleware(async (context, next) => {
  const first = context.url.pathname.split('/')[1];
  const lang = isLocale(first) ? first : defaultLocale;
  context.locals.lang = lang;
  context.locals.t = translatorFor(lang);
  const response = withCharset(await next());
  if (context.isPrerendered) return response;
  return compressResponse(response, {
    method: context.request.method,
    acceptEncoding: context.request.headers.get('accept-encoding'),
  });
});
