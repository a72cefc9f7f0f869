/** GET: a document, to its owner only; anyone else gets 404. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { APIRoute } from 'astro';
import { documentForDownload } from '../../../../features/documents/store.ts';

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
  const bytes = await readFile(path.join(runtime.uploadsDir, document.storedName));
  return new Response(bytes, {
    headers: {
      'Content-Type': document.mediaType,
      'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(document.originalName)}`,
      'Cache-Control': 'no-store',
    },
  });
};
