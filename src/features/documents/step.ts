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
import { applicableSteps, canOpen, firstUnanswered, nextStep, type Answers } from '../applications/journey.ts';
import { applyPaths } from '../applications/paths.ts';
import type { DocumentKind } from './file-type.ts';
import { documentsNeeded } from './needed.ts';
import { listDocuments, removeDraftDocument, type DocumentEntry } from './store.ts';
import { handleUpload, type UploadProblem } from './upload.ts';

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
  | { type: 'refused'; problem: UploadProblem; kind: DocumentKind | undefined; returnToCheck: boolean }
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
  if (intent === 'continue') {
    const saved = await saveStep(db, { applicantId, applicationId: draft.id, step: 'documents', data: {}, ...now });
    if (saved.status !== 'saved') return redirect(applyPaths.step(lang, firstUnanswered(draft.answers)));
    const next = returnToCheck && canOpen('check', saved.answers) ? 'check' : nextStep('documents', saved.answers);
    return redirect(applyPaths.step(lang, next));
  }
  if (intent === 'remove') {
    const documentId = form.get('document');
    if (typeof documentId === 'string')
      await removeDraftDocument(db, { applicantId, draftId: draft.id, documentId, uploadsDir });
    return redirect(withNotice(lang, returnToCheck, 'removed'));
  }
  if (intent !== 'upload') return { type: 'unexpected' };
  const result = await handleUpload(db, { form, application: { applicantId, draftId: draft.id }, uploadsDir, ...now });
  // Back to the list, where the new document now is.
  if (result.status === 'added') return redirect(`${withNotice(lang, returnToCheck, 'added')}#documents-heading`);
  // The draft was sent or deleted meanwhile (in another tab): the journey starts again.
  if (result.status === 'not-found') return redirect(applyPaths.start(lang));
  return { type: 'refused', problem: result.problem, kind: result.kind, returnToCheck };
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
  /** The step's place in the journey, from 1, and how many steps this applicant has. */
  position: number;
  total: number;
  /** Where "Back" leads: the check page when the applicant came from it, else the step before. */
  back: string;
}

/** What the documents step shows, besides the state of its forms. */
export async function documentsStepView(
  db: Database,
  input: DocumentsStepContext & { returnToCheck: boolean },
): Promise<DocumentsStepView> {
  const { lang, applicantId, draft } = input;
  const uploaded = await listDocuments(db, { applicantId, draftId: draft.id });
  const steps = applicableSteps(draft.answers);
  const position = steps.indexOf('documents');
  const previous = steps[position - 1];
  const back = input.returnToCheck
    ? applyPaths.step(lang, 'check')
    : previous
      ? applyPaths.step(lang, previous)
      : applyPaths.start(lang);
  return { rows: documentRows(draft.answers, uploaded), position: position + 1, total: steps.length, back };
}
