/** GET: a document of an application, to staff of its district only; each access is audited. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { APIRoute } from 'astro';
import { openCaseDocument } from '../../../../../../features/desk/casework.ts';
import { deskRequest } from '../../../../../../lib/desk.ts';
import { parseReference } from '../../../../../../platform/codes/reference.ts';

export const prerender = false;

export const GET: APIRoute = async (context) => {
  const desk = await deskRequest(context, 'applications.read');
  if (desk instanceof Response) return desk;
  const reference = parseReference(context.params.reference ?? '');
  if (!reference) return new Response(null, { status: 404 });
  const { runtime } = context.locals;
  const document = await openCaseDocument(runtime.db, desk.scope, { reference, documentId: context.params.id ?? '' });
  if (!document) return new Response(null, { status: 404 });
  const bytes = await readFile(path.join(runtime.uploadsDir, document.storedName));
  return new Response(bytes, {
    headers: {
      'Content-Type': document.mediaType,
      'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(document.originalName)}`,
      'Cache-Control': 'private, no-store',
    },
  });
};
