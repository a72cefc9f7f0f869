/** POST: the applicant adds a document to their submitted application (multipart form, works without JavaScript). */
import type { APIRoute } from 'astro';
import { parseReference } from '../../../../platform/codes/reference.ts';
import { isDocumentKind } from '../../../../features/documents/file-type.ts';
import { addDocument } from '../../../../features/documents/store.ts';
import { requireApplicant } from '../../../../app/guards.ts';

export const prerender = false;

export const POST: APIRoute = async (context) => {
  const { params, request, redirect, locals } = context;
  const reference = parseReference(params.reference ?? '');
  if (!reference) return new Response(null, { status: 404 });
  const page = `/${locals.lang}/account/${reference}/`;
  const session = requireApplicant(context, page);
  if (session instanceof Response) return session;
  const form = await request.formData().catch(() => undefined);
  const kind = form?.get('kind');
  const file = form?.get('file');
  if (!isDocumentKind(kind)) return redirect(`${page}?upload=kind#documents`, 303);
  if (!(file instanceof File) || file.size === 0) return redirect(`${page}?upload=missing#documents`, 303);
  const { runtime } = locals;
  const result = await addDocument(runtime.db, {
    application: { applicantId: session.applicantId, reference },
    kind,
    fileName: file.name,
    bytes: new Uint8Array(await file.arrayBuffer()),
    uploadsDir: runtime.uploadsDir,
  });
  if (result.status === 'not-found') return new Response(null, { status: 404 });
  return redirect(`${page}?upload=${result.status}#documents`, 303);
};
