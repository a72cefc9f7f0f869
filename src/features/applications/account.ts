/**
 * What an applicant's own pages show, read through one module so that pages hold no SQL and no
 * rules: the list on the account page, the confirmation after sending, and one application's page
 * with its stage, history, documents and what may still be done with it. Another applicant's
 * reference is as good as an unknown one: nothing is found.
 */
import type { Locale } from '../../i18n/locales.ts';
import { translatorFor } from '../../i18n/translator.ts';
import type { Database } from '../../platform/db/database.ts';
import { listDocuments, type DocumentEntry } from '../documents/store.ts';
import type { Answers } from './journey.ts';
import { canWithdraw, isApplicationStatus, isFinal, type ApplicationStatus } from './status.ts';
import { statusLabel } from './status-labels.ts';
import { timeline, type TimelineEntry } from './store.ts';

export interface AccountEntry {
  /** Undefined for the draft still being written. */
  reference: string | undefined;
  /** The stage; undefined for the draft. */
  status: ApplicationStatus | undefined;
  /** The stage's name in the page's language (from the translations); undefined for the draft. */
  statusLabel: string | undefined;
}

/** The applicant's applications, oldest first, the draft among them, with their stages named in `locale`. */
export async function accountApplications(db: Database, applicantId: string, locale: Locale): Promise<AccountEntry[]> {
  const t = translatorFor(locale);
  const rows = await db.query<{ reference: string | null; status: string | null }>(
    'select reference, status from applications where applicant_id = $1 order by created_at',
    [applicantId],
  );
  return rows.map((row) => {
    const status = isApplicationStatus(row.status) ? row.status : undefined;
    return {
      reference: row.reference ?? undefined,
      status,
      statusLabel: status && statusLabel(t, status),
    };
  });
}

/** Whether this reference is one the applicant has sent (the confirmation page shows only those). */
export async function isOwnSubmission(db: Database, applicantId: string, reference: string): Promise<boolean> {
  const rows = await db.query('select 1 from applications where reference = $1 and applicant_id = $2', [
    reference,
    applicantId,
  ]);
  return rows.length > 0;
}

export interface ApplicationPage {
  id: string;
  status: ApplicationStatus | undefined;
  answers: Answers;
  /** The stages it has been through, oldest first, each named in the page's language. */
  history: (TimelineEntry & { label: string })[];
  documents: DocumentEntry[];
  /** The applicant may still withdraw it. */
  withdrawable: boolean;
  /** Neither closed nor withdrawn: documents may still be added. */
  open: boolean;
}

/** One of the applicant's sent applications, with everything its page shows; undefined for anyone else's. */
export async function applicationPage(
  db: Database,
  input: { applicantId: string; reference: string; locale: Locale },
): Promise<ApplicationPage | undefined> {
  const [row] = await db.query<{ id: string; status: string | null; answers: Answers }>(
    'select id, status, answers from applications where reference = $1 and applicant_id = $2',
    [input.reference, input.applicantId],
  );
  if (!row) return undefined;
  const status = isApplicationStatus(row.status) ? row.status : undefined;
  const t = translatorFor(input.locale);
  const history = ((await timeline(db, { applicantId: input.applicantId, applicationId: row.id })) ?? []).map(
    (entry) => ({
      ...entry,
      label: entry.kind === 'upload' ? t('status.documentAdded') : statusLabel(t, entry.status),
    }),
  );
  return {
    id: row.id,
    status,
    answers: row.answers,
    history,
    documents: await listDocuments(db, { applicantId: input.applicantId, reference: input.reference }),
    withdrawable: status !== undefined && canWithdraw(status),
    open: status !== undefined && !isFinal(status),
  };
}
