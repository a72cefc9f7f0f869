/**
 * The desk's addresses, in one place, and where a member of staff starts and may be sent back to.
 * Pure.
 */
import type { Locale } from '../../i18n/locales.ts';
import { can, type StaffRole } from './policy.ts';

export const deskPaths = {
  queue: (lang: Locale) => `/${lang}/desk/`,
  signIn: (lang: Locale) => `/${lang}/desk/sign-in/`,
  secondFactor: (lang: Locale) => `/${lang}/desk/sign-in/code/`,
  signOut: (lang: Locale) => `/${lang}/desk/sign-out/`,
  invitation: (lang: Locale) => `/${lang}/desk/invitation/`,
  application: (lang: Locale, reference: string) => `/${lang}/desk/applications/${reference}/`,
  document: (lang: Locale, reference: string, id: string) => `/${lang}/desk/applications/${reference}/documents/${id}/`,
  confirm: (lang: Locale) => `/${lang}/desk/confirm/`,
  staff: (lang: Locale) => `/${lang}/desk/staff/`,
  reports: (lang: Locale) => `/${lang}/desk/reports/`,
  learners: (lang: Locale) => `/${lang}/desk/learners/`,
  export: (lang: Locale) => `/${lang}/desk/export.csv`,
} as const;

/**
 * A page of the desk to return to after confirming (`?return=`), as a path of this site in this
 * language, re-encoded (a reference may end in `*`, `~`, `$` or `=`; a control character or
 * another site is never let through); undefined for anything else.
 */
export function deskReturnPath(wanted: string, lang: Locale): string | undefined {
  if (wanted.length > 500 || !wanted.startsWith('/')) return undefined;
  const base = 'http://desk.invalid';
  let url: URL;
  try {
    url = new URL(wanted, base);
  } catch {
    return undefined;
  }
  if (url.origin !== base || !url.pathname.startsWith(`/${lang}/desk/`)) return undefined;
  return `${url.pathname}${url.search}${url.hash}`;
}

/** Where a member of staff starts: the queue, or the learners for the psychologist (who has no queue). */
export function deskHome(role: StaffRole | undefined, lang: Locale): string {
  return !role || can(role, 'applications.read') ? deskPaths.queue(lang) : deskPaths.learners(lang);
}
