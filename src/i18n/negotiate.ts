/**
 * Which language to send a visitor to when they open `/`: the one they chose before (the `lang`
 * cookie), else the best match of their browser's Accept-Language, else Kazakh. Pure.
 */
import { defaultLocale, isLocale, locales, type Locale } from './locales.ts';

export const languageCookie = 'lang';

/** A language tag as browsers send it (`ru`, `en-GB`) or the wildcard. */
const languageRange = /^(?:[a-z]{1,8}(?:-[a-z0-9]{1,8})*|\*)$/;

/** Parses an Accept-Language header into language ranges, best first (q=0 dropped). */
export function parseAcceptLanguage(header: string | null | undefined): string[] {
  if (!header) return [];
  return header
    .split(',')
    .slice(0, 20)
    .map((part, index) => {
      const [range = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const quality = q ? Number.parseFloat(q.slice(2)) : 1;
      return { range: range.trim().toLowerCase(), quality: Number.isFinite(quality) ? quality : 0, index };
    })
    .filter((entry) => languageRange.test(entry.range) && entry.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index)
    .map((entry) => entry.range);
}

export function negotiateLocale(cookieValue: string | undefined, acceptLanguage: string | null | undefined): Locale {
  if (isLocale(cookieValue)) return cookieValue;
  for (const range of parseAcceptLanguage(acceptLanguage)) {
    const primary = range.split('-')[0];
    const match = locales.find((locale) => locale === primary);
    if (match) return match;
  }
  return defaultLocale;
}
