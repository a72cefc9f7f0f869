import type { Locale } from '../../i18n/locales.ts';
import type { StepId } from './journey.ts';

/** The addresses of the application journey. */
export const applyPaths = {
  start: (lang: Locale) => `/${lang}/apply/`,
  step: (lang: Locale, step: StepId | 'check') => `/${lang}/apply/${step}/`,
  done: (lang: Locale) => `/${lang}/apply/done/`,
  deleteDraft: (lang: Locale) => `/${lang}/apply/delete/`,
} as const;

/** The applicant's page of one sent application, where its status is followed. */
export const applicationPath = (lang: Locale, reference: string) => `/${lang}/account/${reference}/`;
