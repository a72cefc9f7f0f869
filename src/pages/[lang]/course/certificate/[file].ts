/**
 * The certificate's files, for its holder only: the official PDF (Kazakh and Russian), the English
 * one, and the signed credential on its own. Never cached by anyone between.
 */
import type { APIRoute } from 'astro';
import { loadSchool } from '../../../../lib/school-course.ts';
import { certificatePdf } from '../../../../lib/school-certificate.ts';
import { certificateOf } from '../../../../features/school/certificates.ts';
import { certificateFileNames, type CertificateFileName } from '../../../../features/school/paths.ts';

export const prerender = false;

const isFileName = (name: string | undefined): name is CertificateFileName =>
  (certificateFileNames as readonly string[]).includes(name ?? '');

export const GET: APIRoute = async ({ locals, params }) => {
  const { lang, runtime, session } = locals;
  const file = params.file;
  if (!session || !isFileName(file)) return new Response(null, { status: 404 });
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
};
