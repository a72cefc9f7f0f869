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

/**
 * Who made a change of stage, recorded with it: the applicant (sending, withdrawing), a member of
 * staff by their id, or the portal itself.
 */
export type Actor = { kind: 'applicant'; id: string } | { kind: 'staff'; id: string } | { kind: 'system' };

/** The columns `actor_kind` and `actor_id` of an event by this actor. */
export function actorColumns(actor: Actor): [Actor['kind'], string | null] {
  return [actor.kind, actor.kind === 'system' ? null : actor.id];
}

/** The address where the applicant follows their application, in their language. */
export type StatusLink = (locale: Locale, reference: string) => string;

async function move(
  db: Database,
  input: {
    applicationId: string;
    to: ApplicationStatus;
    note?: string | undefined;
    onlyApplicant?: string;
    actor: Actor;
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
      `insert into application_events (application_id, status, note, created_at, actor_kind, actor_id)
       values ($1, $2, $3, $4, $5, $6)`,
      [row.id, input.to, input.note ?? null, now, ...actorColumns(input.actor)],
    );
    await enqueueEmail(tx, {
      to: row.email,
      locale: row.locale,
      template: 'status-changed',
      data: {
        reference: row.reference,
        status: input.to,
        link: input.link(row.locale, row.reference),
        hasRequest: Boolean(input.note),
      },
    });
    return { status: 'changed', from, to: input.to };
  });
}

/**
 * Moves an application to another stage, with an optional request to the applicant (for example
 * which documents to add), and tells the applicant by email in their language. `actor` is the
 * member of staff who made the change, or the system.
 */
export function changeStatus(
  db: Database,
  input: {
    applicationId: string;
    to: ApplicationStatus;
    note?: string;
    actor: Exclude<Actor, { kind: 'applicant' }>;
    link: StatusLink;
    now?: Date;
  },
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
    actor: { kind: 'applicant', id: input.applicantId },
    link: input.link,
    ...(input.now ? { now: input.now } : {}),
  });
}

export interface TimelineEntry {
  /** What happened: a change of stage, a request for documents, the school, the home visit, the conclusion. */
  kind: 'status' | 'request' | 'school' | 'visit' | 'conclusion' | 'upload';
  status: ApplicationStatus;
  /** What the authority wrote to the applicant, if anything. */
  note: string | null;
  /** A request's deadline (YYYY-MM-DD). */
  dueOn: string | undefined;
  /** The home visit's day, or the conclusion's outcome. */
  detail: { visitedOn?: string; outcome?: string } | undefined;
  at: Date;
  /** Who made the change. */
  actor: Actor['kind'];
}

/**
 * What the applicant sees of their application's events, oldest first: the desk's timeline
 * without its internal events (notes, assignments), which never leave the desk. Stages as codes
 * (their names come from the translations: `statusLabel`). Undefined unless the application is
 * the applicant's.
 */
export async function timeline(
  db: Database,
  input: { applicantId: string; applicationId: string },
): Promise<TimelineEntry[] | undefined> {
  const owned = await db.query('select id from applications where id = $1 and applicant_id = $2', [
    input.applicationId,
    input.applicantId,
  ]);
  if (owned.length === 0) return undefined;
  const rows = await db.query<{
    kind: TimelineEntry['kind'];
    status: ApplicationStatus;
    note: string | null;
    due_on: string | null;
    detail: TimelineEntry['detail'] | null;
    created_at: Date;
    actor_kind: Actor['kind'];
  }>(
    `select application_events.kind, application_events.status, application_events.note, application_events.due_on,
       application_events.detail, application_events.created_at, application_events.actor_kind
     from application_events join application_statuses on application_statuses.code = application_events.status
     where application_events.application_id = $1 and not application_events.internal
     order by application_events.created_at, application_statuses.position`,
    [input.applicationId],
  );
  return rows.map((row) => ({
    kind: row.kind,
    status: row.status,
    note: row.note,
    dueOn: row.due_on ?? undefined,
    detail: row.detail ?? undefined,
    at: row.created_at,
    actor: row.actor_kind,
  }));
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
