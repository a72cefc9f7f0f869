/**
 * Applications while they are written and when they are submitted. Every answer is saved as the
 * applicant goes, so closing the browser loses nothing; submitting is idempotent: a double click,
 * a retry or a replayed request gives the same application and the same reference number.
 */
import type { Locale } from '../../i18n/locales.ts';
import type { Database } from '../../platform/db/database.ts';
import { newReference } from '../../platform/codes/reference.ts';
import { enqueueEmail } from '../../platform/email/outbox.ts';
import { canOpen, isComplete, validateStep, type Answers, type StepErrors, type StepId } from './journey.ts';
import { applicationStatuses, isFinal } from './status.ts';
import { actorColumns, type StatusLink } from './store.ts';

interface DraftRow {
  id: string;
  answers: Answers;
  reference: string | null;
  locale: Locale;
}

/** The applicant's open draft, started if there is none: one draft at a time per applicant. */
export async function openDraft(
  db: Database,
  applicantId: string,
  locale: Locale,
): Promise<{ id: string; answers: Answers }> {
  return db.transaction(async (tx) => {
    // Serialises two first requests of the same applicant, so they cannot start two drafts.
    await tx.query('select id from applicants where id = $1 for update', [applicantId]);
    const existing = await draftRow(tx, applicantId);
    if (existing) return { id: existing.id, answers: existing.answers };
    const [created] = await tx.query<{ id: string }>(
      'insert into applications (applicant_id, form, locale) values ($1, $2, $3) returning id',
      [applicantId, 'undecided', locale],
    );
    if (!created) throw new Error('the draft was not saved');
    return { id: created.id, answers: {} };
  });
}

/**
 * The applicant's open draft, if they have one, without starting one: the pages of the journey
 * use it, so that returning to one of them after sending (the back button, a second click on
 * "Send", an old tab) never starts a blank application; only the task list starts one.
 */
export async function findDraft(
  db: Database,
  applicantId: string,
): Promise<{ id: string; answers: Answers } | undefined> {
  const row = await draftRow(db, applicantId);
  return row && { id: row.id, answers: row.answers };
}

async function draftRow(db: Pick<Database, 'query'>, applicantId: string): Promise<DraftRow | undefined> {
  const [row] = await db.query<DraftRow>(
    'select id, answers, reference, locale from applications where applicant_id = $1 and reference is null order by created_at limit 1',
    [applicantId],
  );
  return row;
}

export type SaveResult =
  | { status: 'saved'; answers: Answers }
  | { status: 'invalid'; errors: StepErrors }
  | { status: 'not-open' }
  | { status: 'not-found' };

/** Saves one step's answers to the applicant's own draft, if the step may be opened and the answers pass. */
export async function saveStep(
  db: Database,
  input: { applicantId: string; applicationId: string; step: StepId; data: unknown; now?: Date },
): Promise<SaveResult> {
  const checked = validateStep(input.step, input.data);
  return db.transaction(async (tx) => {
    const [row] = await tx.query<DraftRow>(
      'select id, answers, reference, locale from applications where id = $1 and applicant_id = $2 for update',
      [input.applicationId, input.applicantId],
    );
    if (!row || row.reference) return { status: 'not-found' };
    const { answers } = row;
    if (!canOpen(input.step, answers)) return { status: 'not-open' };
    if (!checked.ok) return { status: 'invalid', errors: checked.errors };
    const updated: Answers = { ...answers, [input.step]: checked.data };
    const form = input.step === 'form' ? (checked.data as { form: string }).form : undefined;
    // The district has a column of its own (the desk's queues are per district), kept equal to the answer.
    const district = input.step === 'address' ? (checked.data as { district: string }).district : undefined;
    await tx.query(
      `update applications set answers = $2, form = coalesce($3, form), district = coalesce($4, district), updated_at = $5
       where id = $1`,
      [row.id, JSON.stringify(updated), form ?? null, district ?? null, (input.now ?? new Date()).toISOString()],
    );
    return { status: 'saved', answers: updated };
  });
}

export type SubmitResult =
  | { status: 'submitted'; reference: string; first: boolean }
  /** The applicant already has an application of this form of placement in progress: this one. */
  | { status: 'already-open'; reference: string }
  | { status: 'incomplete' }
  | { status: 'not-found' };

/** The stages after which an application is over, so that another of its form may be sent. */
const finalStatuses = applicationStatuses.filter(isFinal);

/**
 * Submits the applicant's application: gives it a reference, the first stage, and a confirmation
 * email (the reference and a link, no personal data). Submitting again returns the same reference.
 * One application per form of placement is in progress at a time: the authority handles one, and
 * an account cannot flood it with copies.
 */
export async function submitApplication(
  db: Database,
  input: { applicantId: string; applicationId: string; link: StatusLink; now?: Date },
): Promise<SubmitResult> {
  const now = (input.now ?? new Date()).toISOString();
  return db.transaction(async (tx) => {
    // The applicant's row first (as openDraft and addDocument take it): two drafts sent at once
    // are checked one after the other, so both cannot find no application in progress.
    const [applicant] = await tx.query<{ email: string }>('select email from applicants where id = $1 for update', [
      input.applicantId,
    ]);
    if (!applicant) return { status: 'not-found' };
    const [row] = await tx.query<DraftRow & { form: string }>(
      `select id, answers, reference, locale, form from applications
       where id = $1 and applicant_id = $2 for update`,
      [input.applicationId, input.applicantId],
    );
    if (!row) return { status: 'not-found' };
    if (row.reference) return { status: 'submitted', reference: row.reference, first: false };
    if (!isComplete(row.answers)) return { status: 'incomplete' };
    const [open] = await tx.query<{ reference: string }>(
      `select reference from applications
       where applicant_id = $1 and form = $2 and reference is not null and not (status = any($3::text[]))
       order by submitted_at limit 1`,
      [input.applicantId, row.form, finalStatuses],
    );
    if (open) return { status: 'already-open', reference: open.reference };
    const reference = newReference();
    await tx.query(
      "update applications set reference = $2, status = 'submitted', submitted_at = $3, updated_at = $3 where id = $1",
      [row.id, reference, now],
    );
    await tx.query(
      `insert into application_events (application_id, status, created_at, actor_kind, actor_id)
       values ($1, 'submitted', $2, $3, $4)`,
      [row.id, now, ...actorColumns({ kind: 'applicant', id: input.applicantId })],
    );
    await enqueueEmail(tx, {
      to: applicant.email,
      locale: row.locale,
      template: 'application-submitted',
      data: { reference, link: input.link(row.locale, reference) },
    });
    return { status: 'submitted', reference, first: true };
  });
}
