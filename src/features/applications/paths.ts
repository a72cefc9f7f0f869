import type { Locale } from '../../i18n/locales.ts';
import type { StepId } from './journey.ts';

/** The addresses of the application journey. */
export const applyPaths = {
  /** The start page: what you need, how long it takes, what happens after. Static. */
  start: (lang: Locale) => `/${lang}/apply/`,
  /** The task list of the applicant's draft: the page they return to between sections. */
  tasks: (lang: Locale) => `/${lang}/apply/tasks/`,
  step: (lang: Locale, step: StepId | 'check') => `/${lang}/apply/${step}/`,
  done: (lang: Locale) => `/${lang}/apply/done/`,
  deleteDraft: (lang: Locale) => `/${lang}/apply/delete/`,
} as const;

/** The applicant's page of one sent application, where its status is followed. */
export const applicationPath = (lang: Locale, reference: string) => `/${lang}/account/${reference}/`;
