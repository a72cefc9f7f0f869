/**
 * The documents step of the application journey. Three forms post to it, told apart by `intent`:
 * "Save and continue" (documents are optional, so it always passes), an upload, and the removal
 * of a document from the draft. Each may carry `return=check`, to go back to the check page
 * afterwards. This module decides what each one does, so the page only parses, calls and renders;
 * it also gathers what the page shows.
 */
import type { Locale } from '../../i18n/locales.ts';
import type { Database } from '../../platform/db/database.ts';
import { saveStep } from '../applications/drafts.ts';
import { canOpen, firstUnanswered, type Answers } from '../applications/journey.ts';
import { afterStep } from '../applications/sections.ts';
import { applyPaths } from '../applications/paths.ts';
import type { DocumentKind } from './file-type.ts';
import { documentsNeeded } from './needed.ts';
import { listDocuments, removeDraftDocument, type DocumentEntry } from './store.ts';
import { handleUpload, type UploadProblem, type UploadResult } from './upload.ts';

/** Whose step it is: the applicant and their open draft (`openDraft`), in the page's language. */
export interface DocumentsStepContext {
  lang: Locale;
  applicantId: string;
  draft: { id: string; answers: Answers };
}

export type DocumentsStepOutcome =
  /** Done: send the browser there (303). */
  | { type: 'redirect'; to: string }
  /**
   * The upload was refused and nothing was written: show the step again (422) with the problem,
   * the kind that was chosen, and the way back to the check page if the form carried it.
   */
  | {
      type: 'refused';
      problem: UploadProblem;
      kind: DocumentKind | undefined;
      fileMissing: boolean;
      returnToCheck: boolean;
      /** The refusal came with "Save and continue": the file chosen was not uploaded, so the step stops. */
      whileContinuing: boolean;
    }
  /** A form none of the step's pages sends: no intent, or an unknown one. */
  | { type: 'unexpected' };

/** A refused upload, as the step shows it again. */
export type DocumentsStepRefusal = Extract<DocumentsStepOutcome, { type: 'refused' }>;

/** What the step says after a redirect, carried in its address (`?added=1`, `?removed=1`). */
export type DocumentsStepNotice = 'added' | 'removed';

/** Handles a form posted to the documents step. */
export async function handleDocumentsStep(
  db: Database,
  input: DocumentsStepContext & { form: FormData; uploadsDir: string; now?: Date },
): Promise<DocumentsStepOutcome> {
  const { lang, applicantId, draft, form, uploadsDir } = input;
  const now = input.now ? { now: input.now } : {};
  const returnToCheck = form.get('return') === 'check';
  const intent = form.get('intent');
  // "Save and continue" with a file chosen: the file is uploaded first, and a file that cannot be
  // is never silently dropped; the step stops and says why.
  const upload = () => handleUpload(db, { form, application: { applicantId, draftId: draft.id }, uploadsDir, ...now });
  if (intent === 'continue' && chosenFile(form)) {
    const result = await upload();
    if (result.status === 'not-found') return redirect(applyPaths.tasks(lang));
    if (result.status === 'refused') return refusal(result, { returnToCheck, whileContinuing: true });
  }
  if (intent === 'continue') {
    const saved = await saveStep(db, { applicantId, applicationId: draft.id, step: 'documents', data: {}, ...now });
    if (saved.status !== 'saved') return redirect(applyPaths.step(lang, firstUnanswered(draft.answers)));
    if (returnToCheck && canOpen('check', saved.answers)) return redirect(applyPaths.step(lang, 'check'));
    const next = afterStep('documents', saved.answers);
    return redirect(next === 'tasks' ? applyPaths.tasks(lang) : applyPaths.step(lang, next));
  }
  if (intent === 'remove') {
    const documentId = form.get('document');
    // Removal asks first, on a page of its own; only that page's "Yes, remove" carries the confirmation.
    if (form.get('confirm') !== 'yes' && typeof documentId === 'string')
      return redirect(removeDocumentPath(lang, documentId, returnToCheck));
    if (typeof documentId === 'string')
      await removeDraftDocument(db, { applicantId, draftId: draft.id, documentId, uploadsDir });
    return redirect(withNotice(lang, returnToCheck, 'removed'));
  }
  if (intent !== 'upload') return { type: 'unexpected' };
  const result = await upload();
  // Back to the list, where the new document now is.
  if (result.status === 'added') return redirect(`${withNotice(lang, returnToCheck, 'added')}#documents-heading`);
  // The draft was sent or deleted meanwhile (in another tab): the journey starts again.
  if (result.status === 'not-found') return redirect(applyPaths.tasks(lang));
  return refusal(result, { returnToCheck, whileContinuing: false });
}

/** A refused upload as the step shows it again. */
function refusal(
  result: Extract<UploadResult, { status: 'refused' }>,
  context: { returnToCheck: boolean; whileContinuing: boolean },
): DocumentsStepRefusal {
  return {
    type: 'refused',
    problem: result.problem,
    kind: result.kind,
    fileMissing: result.fileMissing ?? false,
    ...context,
  };
}

/** Whether the form carries a file the applicant chose (an empty file input posts an empty file). */
function chosenFile(form: FormData): boolean {
  const file = form.get('file');
  return file instanceof File && (file.size > 0 || file.name !== '');
}

function redirect(to: string): DocumentsStepOutcome {
  return { type: 'redirect', to };
}

/** The step's address with a notice, keeping the way back to the check page. */
function withNotice(lang: Locale, returnToCheck: boolean, notice: DocumentsStepNotice): string {
  return `${applyPaths.step(lang, 'documents')}?${returnToCheck ? 'return=check&' : ''}${notice}=1`;
}

/** The notice the step's address carries, if any. */
export function readDocumentsStepNotice(query: URLSearchParams): DocumentsStepNotice | undefined {
  if (query.has('added')) return 'added';
  return query.has('removed') ? 'removed' : undefined;
}

/** One line of the step's list: a kind of document and the files uploaded as that kind. */
export interface DocumentRow {
  kind: DocumentKind;
  /** Needed only once the applicant has it (see `documentsNeeded`). */
  ifAvailable: boolean;
  files: DocumentEntry[];
}

/**
 * The documents this applicant needs, each with what is uploaded for it; kinds uploaded though
 * not on the list (e.g. "another document") follow it. Pure.
 */
export function documentRows(answers: Answers, uploaded: readonly DocumentEntry[], today?: Date): DocumentRow[] {
  const needed = documentsNeeded(answers, today);
  const extraKinds = [...new Set(uploaded.map((document) => document.kind))].filter(
    (kind) => !needed.some((entry) => entry.kind === kind),
  );
  return [...needed, ...extraKinds.map((kind) => ({ kind, ifAvailable: false }))].map((entry) => ({
    ...entry,
    files: uploaded.filter((document) => document.kind === entry.kind),
  }));
}

export interface DocumentsStepView {
  rows: DocumentRow[];
  /** Where "Back" leads: the check page when the applicant came from it, else the task list. */
  back: string;
}

/** The page that asks before a document is removed from the draft. */
export function removeDocumentPath(lang: Locale, documentId: string, returnToCheck: boolean): string {
  const query = new URLSearchParams({ document: documentId, ...(returnToCheck ? { return: 'check' } : {}) });
  return `/${lang}/apply/documents/remove/?${query.toString()}`;
}

/** What the documents step shows, besides the state of its forms. */
export async function documentsStepView(
  db: Database,
  input: DocumentsStepContext & { returnToCheck: boolean },
): Promise<DocumentsStepView> {
  const { lang, applicantId, draft } = input;
  const uploaded = await listDocuments(db, { applicantId, draftId: draft.id });
  // The documents are a section of their own: back leads to the task list.
  const back = input.returnToCheck ? applyPaths.step(lang, 'check') : applyPaths.tasks(lang);
  return { rows: documentRows(draft.answers, uploaded), back };
}
