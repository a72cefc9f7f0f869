/**
 * Moving an application between stages. The change, its event and the email that tells the
 * applicant are written in one transaction. Used by the caseworkers' desk (a later feature) and
 * by the applicant's own withdrawal.
 */
import type { Locale } from '../../i18n/locales.ts';
import type { Database } from '../../platform/db/database.ts';
import { removeStoredFiles } from '../documents/store.ts';
import { enqueueEmail } from '../../platform/email/outbox.ts';
import { canMove, canWithdraw, isApplicationStatus, type ApplicationStatus } from './status.ts';

export type ChangeResult =
  | { status: 'changed'; from: ApplicationStatus; to: ApplicationStatus }
  | { status: 'not-found' }
  | { status: 'not-allowed'; from: ApplicationStatus | null };

interface ApplicationRow {
  id: string;
  status: string | null;
  reference: string | null;
  locale: Locale;
  email: string;
  applicant_id: string;
}

/** The column with a stage's name in each language (a closed list: never built from input). */
export const labelColumn: Record<Locale, string> = { kk: 'label_kk', ru: 'label_ru', en: 'label_en' };

/** The address where the applicant follows their application, in their language. */
export type StatusLink = (locale: Locale, reference: string) => string;

async function move(
  db: Database,
  input: {
    applicationId: string;
    to: ApplicationStatus;
    note?: string | undefined;
    onlyApplicant?: string;
    link: StatusLink;
    now?: Date;
  },
): Promise<ChangeResult> {
  const now = (input.now ?? new Date()).toISOString();
  return db.transaction(async (tx) => {
    const [row] = await tx.query<ApplicationRow>(
      `select applications.id, applications.status, applications.reference, applications.locale, applicants.email, applications.applicant_id
       from applications join applicants on applicants.id = applications.applicant_id
       where applications.id = $1 for update of applications`,
      [input.applicationId],
    );
    // Another applicant's application is as good as none: nothing says it exists.
    if (!row || (input.onlyApplicant && row.applicant_id !== input.onlyApplicant)) return { status: 'not-found' };
    const from = isApplicationStatus(row.status) ? row.status : null;
    if (!from || !row.reference || !canMove(from, input.to)) return { status: 'not-allowed', from };
    await tx.query('update applications set status = $2, updated_at = $3 where id = $1', [row.id, input.to, now]);
    await tx.query(
      'insert into application_events (application_id, status, note, created_at) values ($1, $2, $3, $4)',
      [row.id, input.to, input.note ?? null, now],
    );
    const [label] = await tx.query<{ label: string }>(
      `select ${labelColumn[row.locale]} as label from application_statuses where code = $1`,
      [input.to],
    );
    await enqueueEmail(tx, {
      to: row.email,
      locale: row.locale,
      template: 'status-changed',
      data: {
        reference: row.reference,
        statusLabel: label?.label ?? input.to,
        link: input.link(row.locale, row.reference),
        hasRequest: Boolean(input.note),
      },
    });
    return { status: 'changed', from, to: input.to };
  });
}

/**
 * Moves an application to another stage, with an optional request to the applicant (for example
 * which documents to add), and tells the applicant by email in their language.
 */
export function changeStatus(
  db: Database,
  input: { applicationId: string; to: ApplicationStatus; note?: string; link: StatusLink; now?: Date },
): Promise<ChangeResult> {
  return move(db, input);
}

/** The applicant withdraws their own application, while the authority has not concluded. */
export async function withdrawApplication(
  db: Database,
  input: { applicantId: string; applicationId: string; link: StatusLink; now?: Date },
): Promise<ChangeResult> {
  return move(db, {
    applicationId: input.applicationId,
    to: 'withdrawn',
    onlyApplicant: input.applicantId,
    link: input.link,
    ...(input.now ? { now: input.now } : {}),
  });
}

export interface TimelineEntry {
  status: ApplicationStatus;
  label: string;
  note: string | null;
  at: Date;
}

/** The stages an application has been through, oldest first, with their names in one language. */
export async function timeline(
  db: Database,
  input: { applicantId: string; applicationId: string; locale: Locale },
): Promise<TimelineEntry[] | undefined> {
  const owned = await db.query('select id from applications where id = $1 and applicant_id = $2', [
    input.applicationId,
    input.applicantId,
  ]);
  if (owned.length === 0) return undefined;
  const label = labelColumn[input.locale];
  const rows = await db.query<{
    status: ApplicationStatus;
    label: string;
    note: string | null;
    created_at: string | Date;
  }>(
    `select application_events.status, application_statuses.${label} as label, application_events.note, application_events.created_at
     from application_events join application_statuses on application_statuses.code = application_events.status
     where application_events.application_id = $1 order by application_events.created_at, application_statuses.position`,
    [input.applicationId],
  );
  return rows.map((row) => ({ status: row.status, label: row.label, note: row.note, at: new Date(row.created_at) }));
}

export { canWithdraw };

/**
 * Deletes an application with its events and documents, files included. The rows go in one
 * transaction; the files after it commits (a file whose row is gone and that outlives a crash is
 * removed by the sweep at the next start). `onlyDraftOf` limits it to that applicant's unsent draft.
 */
export async function deleteApplication(
  db: Database,
  input: { applicationId: string; uploadsDir: string; onlyDraftOf?: string },
): Promise<boolean> {
  const storedNames = await db.transaction(async (tx) => {
    const [row] = await tx.query<{ id: string }>(
      `select id from applications
       where id = $1 and ($2::uuid is null or (applicant_id = $2 and reference is null)) for update`,
      [input.applicationId, input.onlyDraftOf ?? null],
    );
    if (!row) return undefined;
    const documents = await tx.query<{ stored_name: string }>(
      'delete from documents where application_id = $1 returning stored_name',
      [row.id],
    );
    await tx.query('delete from applications where id = $1', [row.id]);
    return documents.map((document) => document.stored_name);
  });
  if (!storedNames) return false;
  await removeStoredFiles(input.uploadsDir, storedNames);
  return true;
}
