import type { Locale } from '../../i18n/locales.ts';

/** The addresses of the sign-in pages. */
export const authPaths = {
  signIn: (lang: Locale) => `/${lang}/sign-in/`,
  code: (lang: Locale) => `/${lang}/sign-in/code/`,
  link: (lang: Locale) => `/${lang}/sign-in/link/`,
  account: (lang: Locale) => `/${lang}/account/`,
  signOut: (lang: Locale) => `/${lang}/sign-out/`,
} as const;
