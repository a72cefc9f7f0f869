/**
 * The certificate's files, made from what the certificate row and its signed credential say: the
 * PDF (in Kazakh and Russian, or in English) with the credential attached, rendered once and kept.
 */
import type { APIContext } from 'astro';
import { requireApplicant } from '../app/guards.ts';
import { locales, type Locale } from '../i18n/locales.ts';
import { translatorFor } from '../i18n/translator.ts';
import type { PortalRuntime } from '../app/runtime.ts';
import {
  certificateFile,
  certificateOf,
  type Certificate,
  type CertificateVariant,
} from '../features/school/certificates.ts';
import type { CertificateFileName } from '../features/school/paths.ts';
import { issuerName, loadSchool } from './school-course.ts';
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
        // The department that issues it, in the certificate's first language.
        issuerName: await issuerName(variantLanguages[variant][0] ?? 'kk'),
        verifyUrl: runtime.issuer.verifyUrl(certificate.code),
        credentialJwt: certificate.credential,
      }),
  });
}

/**
 * A download of the learner's certificate: the official PDF (Kazakh and Russian), the English
 * one, or the signed credential on its own. The holder's only (anyone else has none: 404); never
 * cached by anyone between.
 */
export async function certificateDownload(context: APIContext, file: CertificateFileName): Promise<Response> {
  const session = requireApplicant(context);
  if (session instanceof Response) return session;
  const { lang, runtime } = context.locals;
  const school = await loadSchool(lang);
  const certificate = await certificateOf(runtime.db, session.applicantId, school.rules.key);
  if (!certificate) return new Response(null, { status: 404 });
  const headers = {
    'Cache-Control': 'private, no-store',
    'Content-Disposition': `attachment; filename="${certificate.code}-${file}"`,
  };
  if (file === 'credential.jwt') {
    return new Response(certificate.credential, { headers: { ...headers, 'Content-Type': 'application/vc+jwt' } });
  }
  const pdf = await certificatePdf(runtime, certificate, file === 'certificate-en.pdf' ? 'en' : 'kk-ru', school.titles);
  return new Response(pdf, { headers: { ...headers, 'Content-Type': 'application/pdf' } });
}
