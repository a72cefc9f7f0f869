import { defineMiddleware } from 'astro:middleware';
import { defaultLocale, isLocale } from './i18n/locales.ts';
import { translatorFor } from './i18n/translator.ts';

/** Gives every page its language and a translator for it, taken from the address. */
export const onRequest = defineMiddleware((context, next) => {
  const first = context.url.pathname.split('/')[1];
  const lang = isLocale(first) ? first : defaultLocale;
  context.locals.lang = lang;
  context.locals.t = translatorFor(lang);
  return next();
});
