/**
 * The certificate's files, made from what the certificate row and its signed credential say: the
 * PDF (in Kazakh and Russian, or in English) with the credential attached, rendered once and kept.
 */
import { locales, type Locale } from '../i18n/locales.ts';
import { translatorFor } from '../i18n/translator.ts';
import type { PortalRuntime } from '../app/runtime.ts';
import { certificateFile, type Certificate, type CertificateVariant } from '../features/school/certificates.ts';
import { renderCertificatePdf } from '../features/school/certificate/pdf.ts';
import { formatDate, formatNumber } from './format.ts';

type Labels = Parameters<typeof renderCertificatePdf>[0]['labels'];

/** The certificate's words in every language, from the UI strings. */
function certificateLabels(): Labels {
  const labels: Partial<Labels> = {};
  for (const lang of locales) {
    const t = translatorFor(lang);
    labels[lang] = {
      heading: t('school.pdf.heading'),
      awardedTo: t('school.pdf.awardedTo'),
      forCompleting: t('school.pdf.forCompleting'),
      hours: (hours: number) => t('school.pdf.hours', { hours: formatNumber(hours, lang) }),
      issuedOn: (date: Date) => t('school.pdf.issuedOn', { date: formatDate(date, lang) }),
      code: t('school.pdf.code'),
      verifyAt: t('school.pdf.verifyAt'),
    };
  }
  return labels as Labels;
}

export const variantLanguages: Record<CertificateVariant, readonly Locale[]> = { 'kk-ru': ['kk', 'ru'], en: ['en'] };

export function certificatePdf(
  runtime: PortalRuntime,
  certificate: Certificate,
  variant: CertificateVariant,
  courseTitles: Record<Locale, string>,
): Promise<Uint8Array<ArrayBuffer>> {
  return certificateFile(runtime.db, {
    code: certificate.code,
    variant,
    now: runtime.now(),
    render: async () =>
      renderCertificatePdf({
        facts: {
          code: certificate.code,
          holderName: certificate.holderName,
          courseKey: certificate.course,
          courseTitles,
          academicHours: certificate.academicHours,
          issuedAt: certificate.issuedAt,
        },
        languages: variantLanguages[variant],
        labels: certificateLabels(),
        verifyUrl: runtime.issuer.verifyUrl(certificate.code),
        credentialJwt: certificate.credential,
      }),
  });
}
