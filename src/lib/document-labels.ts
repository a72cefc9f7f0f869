/** The words the pages use for documents: what each kind is called, and what went wrong with an upload. */
import type { Translate } from '../i18n/translator.ts';
import type { DocumentKind } from '../features/documents/file-type.ts';
import type { UploadProblem } from '../features/documents/upload.ts';
import type { FormError } from '../platform/forms/errors.ts';

export function documentKindLabels(t: Translate): Record<DocumentKind, string> {
  return {
    identity: t('documents.kind.identity'),
    marriage: t('documents.kind.marriage'),
    'relatives-consent': t('documents.kind.relatives-consent'),
    income: t('documents.kind.income'),
    medical: t('documents.kind.medical'),
    'no-criminal-record': t('documents.kind.no-criminal-record'),
    housing: t('documents.kind.housing'),
    'school-certificate': t('documents.kind.school-certificate'),
    other: t('documents.kind.other'),
  };
}

export function uploadProblemMessages(t: Translate): Record<UploadProblem, string> {
  return {
    'wrong-type': t('documents.error.wrong-type'),
    'too-large': t('documents.error.too-large'),
    'application-full': t('documents.error.application-full'),
    'applicant-full': t('documents.error.applicant-full'),
    'too-many-uploads': t('documents.error.too-many-uploads'),
    'application-closed': t('documents.error.application-closed'),
    missing: t('documents.error.missing'),
    kind: t('documents.error.kind'),
  };
}

/**
 * Where the error summary's link for a problem leads: the field to correct, or the documents'
 * heading when there is nothing to correct in the form (a closed application shows no form).
 */
function uploadProblemTarget(problem: UploadProblem): string {
  if (problem === 'kind') return 'kind';
  return problem === 'application-closed' ? 'documents-heading' : 'file';
}

/** A refused upload as the error summary lists it: the message, linked to where to correct it. */
export function uploadError(t: Translate, problem: UploadProblem): FormError {
  return { field: uploadProblemTarget(problem), message: uploadProblemMessages(t)[problem] };
}

/** A size in megabytes, in the page's language. */
export function formatMegabytes(bytes: number, lang: string): string {
  // A small scan in kilobytes: "0 MB" would read as an empty file.
  const [unit, size] =
    bytes < 1024 * 1024 ? (['kilobyte', bytes / 1024] as const) : (['megabyte', bytes / 1024 / 1024] as const);
  return new Intl.NumberFormat(lang, { style: 'unit', unit, maximumFractionDigits: 1 }).format(size);
}
