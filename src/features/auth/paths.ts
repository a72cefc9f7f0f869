import { isLocale, type Locale } from '../../i18n/locales.ts';

/** The addresses of the sign-in pages. */
export const authPaths = {
  signIn: (lang: Locale) => `/${lang}/sign-in/`,
  code: (lang: Locale) => `/${lang}/sign-in/code/`,
  link: (lang: Locale) => `/${lang}/sign-in/link/`,
  account: (lang: Locale) => `/${lang}/account/`,
  signOut: (lang: Locale) => `/${lang}/sign-out/`,
  /** GET: how long the session has left; POST: stay signed in. */
  sessionStatus: (lang: Locale) => `/${lang}/account/session/`,
} as const;

/**
 * Where to bring an applicant back after sign-in, if it is safe: one of the portal's own signed-in
 * pages, as a path (never another site, never a path that climbs out with `..`). Pure.
 */
export function safeReturnPath(value: string | undefined): string | undefined {
  if (!value || value.length > 200) return undefined;
  const match = /^\/([a-z]{2})\/(apply|account|course)\/([A-Za-z0-9-]+\/)*$/.exec(value);
  return match && isLocale(match[1]) ? value : undefined;
}
