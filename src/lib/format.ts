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

/**
 * A share as the source gives it ("74.1%"), written the way the language writes decimals
 * ("74,1 %" in Russian). Anything that is not a plain percentage is shown as it is.
 */
export function formatShare(share: string, lang: Locale): string {
  const match = /^(\d+(?:\.\d+)?)%$/.exec(share.trim());
  if (!match) return share;
  const value = Number(match[1]) / 100;
  const decimals = match[1]?.split('.')[1]?.length ?? 0;
  return new Intl.NumberFormat(localeInfo[lang].intl, {
    style: 'percent',
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
  }).format(value);
}

/** The region's time zone: what a learner in Taraz reads on their clock. */
const regionTimeZone = 'Asia/Almaty';

/** A moment as a date and time of day in the region ("30 November 2026, 14:05"). */
export function formatDateTime(date: Date, lang: Locale): string {
  return new Intl.DateTimeFormat(localeInfo[lang].intl, {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: regionTimeZone,
  }).format(date);
}

/** A moment as a date in the region ("30 November 2026"). */
export function formatDate(date: Date, lang: Locale): string {
  return new Intl.DateTimeFormat(localeInfo[lang].intl, { dateStyle: 'long', timeZone: regionTimeZone }).format(date);
}
