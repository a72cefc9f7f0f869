/** `/` sends the visitor to the home page in their language with a real redirect. */
import type { APIRoute } from 'astro';
import { languageCookie, negotiateLocale } from '../i18n/negotiate.ts';

export const prerender = false;

export const GET: APIRoute = ({ cookies, request }) => {
  const lang = negotiateLocale(cookies.get(languageCookie)?.value, request.headers.get('accept-language'));
  return new Response(null, {
    status: 302,
    headers: {
      Location: `/${lang}/`,
      Vary: 'Accept-Language, Cookie',
      'Cache-Control': 'private, no-cache',
    },
  });
};
