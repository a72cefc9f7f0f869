/**
 * One upload, from a posted form to a typed result, for every page that takes documents: the
 * journey's documents step (which shows a refusal in place) and a sent application's page (which
 * redirects with the result in its address). The form is checked here once; the file itself is
 * checked by `addDocument`.
 */
import type { Database } from '../../platform/db/database.ts';
import { isDocumentKind, type DocumentKind } from './file-type.ts';
import { addDocument, type AddResult, type ApplicationRef } from './store.ts';

/** Why an upload was refused: the refusals of `addDocument`, plus a form without a valid kind. */
export type UploadProblem = Exclude<AddResult['status'], 'added' | 'not-found'> | 'kind';

/** Every problem, once: a record, so that a refusal `addDocument` learns cannot be left out. */
const problems: Record<UploadProblem, true> = {
  'wrong-type': true,
  'too-large': true,
  'application-full': true,
  'applicant-full': true,
  'too-many-uploads': true,
  'application-closed': true,
  missing: true,
  kind: true,
};

export function isUploadProblem(value: unknown): value is UploadProblem {
  return typeof value === 'string' && Object.hasOwn(problems, value);
}

export type UploadResult =
  | { status: 'added'; id: string }
  /** Nothing was written; `kind` is what the form chose, if it was a valid kind, to offer again. */
  | {
      status: 'refused';
      problem: UploadProblem;
      kind: DocumentKind | undefined;
      /** With a missing kind: the file is missing too, so that both are said at once. */
      fileMissing?: boolean;
    }
  /** The application is not one of the applicant's (or not in the state the reference asks for). */
  | { status: 'not-found' };

/**
 * Adds the document a form posts (fields `kind` and `file`) to one of the applicant's
 * applications: a kind that is not one of ours, then a missing or empty file, are refused before
 * anything is read; the rest is `addDocument`'s (type by content, size, limits, closed application).
 */
export async function handleUpload(
  db: Database,
  input: { form: FormData; application: ApplicationRef; uploadsDir: string; now?: Date },
): Promise<UploadResult> {
  const kind = input.form.get('kind');
  const file = input.form.get('file');
  const noFile = !(file instanceof File) || file.size === 0;
  if (!isDocumentKind(kind)) return { status: 'refused', problem: 'kind', kind: undefined, fileMissing: noFile };
  if (noFile) return { status: 'refused', problem: 'missing', kind };
  const result = await addDocument(db, {
    application: input.application,
    kind,
    fileName: file.name,
    bytes: new Uint8Array(await file.arrayBuffer()),
    uploadsDir: input.uploadsDir,
    ...(input.now ? { now: input.now } : {}),
  });
  if (result.status === 'added' || result.status === 'not-found') return result;
  // The file was read: it is not missing, whatever else is wrong with it.
  return { status: 'refused', problem: result.status, kind };
}

/** What a page that redirects after an upload carries in its address (`?upload=…`). */
export type UploadNotice = 'added' | UploadProblem;

/** The notice for a result that is shown on the application's page (a missing application is a 404 instead). */
export function uploadNotice(result: Exclude<UploadResult, { status: 'not-found' }>): UploadNotice {
  return result.status === 'added' ? 'added' : result.problem;
}

/** Reads the notice back from the address; anything else (a hand-typed value) is no notice. */
export function readUploadNotice(value: string | null): UploadNotice | undefined {
  return value === 'added' || isUploadProblem(value) ? value : undefined;
}
