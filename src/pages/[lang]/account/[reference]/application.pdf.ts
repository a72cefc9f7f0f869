/**
 * GET: the applicant's sent application as a PDF in the page's language, to keep or print
 * (features/applications/pdf.ts). Their own only: another applicant's reference, an unknown one
 * and a draft are all 404, as on the application's page; signed out, to sign-in, then back to that page.
 */
import type { APIRoute } from 'astro';
import { requireApplicant } from '../../../../app/guards.ts';
import { applicationPage } from '../../../../features/applications/account.ts';
import {
  applicationPdfFileName,
  renderApplicationPdf,
  sentApplication,
} from '../../../../features/applications/pdf.ts';
import { answerSummary } from '../../../../lib/answer-summary.ts';
import { applyContext } from '../../../../lib/apply-context.ts';
import { documentKindLabels, formatMegabytes } from '../../../../lib/document-labels.ts';
import { formatDate, formatDateTime } from '../../../../lib/format.ts';
import { issuerName } from '../../../../lib/school-course.ts';
import { settingsFor } from '../../../../lib/site.ts';
import { parseReference } from '../../../../platform/codes/reference.ts';

export const prerender = false;

export const GET: APIRoute = async (context) => {
  const { lang, t, runtime } = context.locals;
  const reference = parseReference(context.params.reference ?? '');
  if (!reference) return new Response(null, { status: 404 });
  // After signing in, back to the application's page, where the link is: sign-in remembers pages, not files.
  const session = requireApplicant(context, `/${lang}/account/${reference}/`);
  if (session instanceof Response) return session;
  // Another applicant's reference is as good as an unknown one: 404, nothing told.
  const application = await applicationPage(runtime.db, {
    applicantId: session.applicantId,
    reference,
    locale: lang,
  });
  if (!application || !sentApplication(application)) return new Response(null, { status: 404 });
  // The same sections as the page's copy: the documents have their own list.
  const sections = answerSummary(application.answers, await applyContext(lang, t), []).filter(
    (section) => section.step !== 'documents',
  );
  const pdf = await renderApplicationPdf({
    lang,
    t,
    siteName: (await settingsFor(lang)).siteName,
    // The region's department, as the certificate names it.
    publisher: await issuerName(lang),
    reference,
    application,
    sections,
    documentKinds: documentKindLabels(t),
    format: {
      date: (date) => formatDate(date, lang),
      dateTime: (date) => formatDateTime(date, lang),
      size: (bytes) => formatMegabytes(bytes, lang),
    },
    printedAt: runtime.now(),
  });
  return new Response(new Uint8Array(pdf), {
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `attachment; filename="${applicationPdfFileName(reference, lang)}"`,
      // Personal data: kept by no cache between, nor by the browser's.
      'Cache-Control': 'private, no-store',
    },
  });
};
