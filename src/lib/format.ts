/** Numbers and dates in the page's language, through Intl: never a hard-coded format. */
import { localeInfo, type Locale } from '../i18n/locales.ts';

export function formatNumber(value: number, lang: Locale): string {
  return new Intl.NumberFormat(localeInfo[lang].intl).format(value);
}

/** A date as precise as the source gave it: "2020", "July 2020" or "24 January 2026". */
export function formatPartialDate(date: string, lang: Locale): string {
  const [year, month, day] = date.split('-').map(Number);
  if (year === undefined || month === undefined) return date;
  const utc = new Date(Date.UTC(year, month - 1, day ?? 1));
  const options: Intl.DateTimeFormatOptions =
    day === undefined ? { year: 'numeric', month: 'long', timeZone: 'UTC' } : { dateStyle: 'long', timeZone: 'UTC' };
  return new Intl.DateTimeFormat(localeInfo[lang].intl, options).format(utc);
}
