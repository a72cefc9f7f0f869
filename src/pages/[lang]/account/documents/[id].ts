/** GET: a document, to its owner only; anyone else gets 404. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { APIRoute } from 'astro';
import { documentForDownload } from '../../../../features/documents/store.ts';
import { sessionOf } from '../../../../features/auth/web.ts';
import { isLocale } from '../../../../i18n/locales.ts';
import { portalRuntime } from '../../../../server/runtime.ts';

export const prerender = false;

export const GET: APIRoute = async ({ params, cookies }) => {
  if (!isLocale(params.lang)) return new Response(null, { status: 404 });
  const session = await sessionOf(cookies);
  if (!session) return new Response(null, { status: 404 });
  const runtime = portalRuntime();
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
