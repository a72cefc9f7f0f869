/** GET: a document, to its owner only; anyone else gets 404. */
import type { APIRoute } from 'astro';
import { documentDownload, documentForDownload } from '../../../../features/documents/store.ts';

export const prerender = false;

export const GET: APIRoute = async ({ params, locals }) => {
  // Signed out, this is as unknown as another applicant's document: 404, not a sign-in page.
  const { session, runtime } = locals;
  if (!session) return new Response(null, { status: 404 });
  const document = await documentForDownload(runtime.db, {
    applicantId: session.applicantId,
    documentId: params.id ?? '',
  });
  if (!document) return new Response(null, { status: 404 });
  return documentDownload(runtime.uploadsDir, document);
};
