/** GET: a document of an application, to staff of its district only; each access is audited. */
import type { APIRoute } from 'astro';
import { openCaseDocument } from '../../../../../../features/desk/casework.ts';
import { documentDownload } from '../../../../../../features/documents/store.ts';
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
  return documentDownload(runtime.uploadsDir, document);
};
