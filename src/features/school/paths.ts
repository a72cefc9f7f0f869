/** The addresses of the school online. Modules and lessons are addressed by their keys, the same in every language. */
import type { Locale } from '../../i18n/locales.ts';
import { sitePaths } from '../../content/routes.ts';

export const schoolPaths = {
  course: sitePaths.course,
  module: (lang: Locale, module: string) => `/${lang}/course/${module}/`,
  lesson: (lang: Locale, module: string, lesson: string) => `/${lang}/course/${module}/${lesson}/`,
  test: (lang: Locale, module: string) => `/${lang}/course/${module}/test/`,
  /** Saves one answer (the quiz island posts here; the plain form posts to the test page). */
  answer: (lang: Locale, module: string) => `/${lang}/course/${module}/test/answer/`,
  attempt: (lang: Locale, module: string, attempt: string) => `/${lang}/course/${module}/attempts/${attempt}/`,
  certificate: (lang: Locale) => `/${lang}/course/certificate/`,
  certificateFile: (lang: Locale, file: CertificateFileName) => `/${lang}/course/certificate/${file}`,
  verify: sitePaths.verify,
  /** The public verification page of a code, in Kazakh (the QR code's address: the page offers the other languages). */
  verifyCode: (code: string) => `/kk/verify/?code=${encodeURIComponent(code)}`,
  /** The issuer's profile (Open Badges 3.0 Profile) and public keys: stable addresses. */
  issuerProfile: '/issuer/profile.json',
  issuerKeys: '/issuer/keys.json',
} as const;

export const certificateFileNames = ['certificate-kk-ru.pdf', 'certificate-en.pdf', 'credential.jwt'] as const;
export type CertificateFileName = (typeof certificateFileNames)[number];
