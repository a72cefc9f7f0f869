/** POST: the applicant adds a document to their submitted application (multipart form, works without JavaScript). */
import type { APIRoute } from 'astro';
import { parseReference } from '../../../../platform/codes/reference.ts';
import { handleUpload, uploadNotice } from '../../../../features/documents/upload.ts';
import { requireApplicant } from '../../../../app/guards.ts';

export const prerender = false;

export const POST: APIRoute = async (context) => {
  const { params, request, redirect, locals } = context;
  const reference = parseReference(params.reference ?? '');
  if (!reference) return new Response(null, { status: 404 });
  const page = `/${locals.lang}/account/${reference}/`;
  const session = requireApplicant(context, page);
  if (session instanceof Response) return session;
  // A body that is not a readable form is answered like an empty form: choose what the document is.
  const form = await request.formData().catch(() => new FormData());
  const result = await handleUpload(locals.runtime.db, {
    form,
    application: { applicantId: session.applicantId, reference },
    uploadsDir: locals.runtime.uploadsDir,
  });
  if (result.status === 'not-found') return new Response(null, { status: 404 });
  // The application's page shows the result (Post/Redirect/Get), so a reload does not upload again.
  return redirect(`${page}?upload=${uploadNotice(result)}#documents`, 303);
};
