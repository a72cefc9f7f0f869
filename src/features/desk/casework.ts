/**
 * The desk's work on applications. Every read and write goes through `inDeskScope`: one
 * transaction that runs as the database role `alaqan_desk` with the member's districts set, so
 * row-level security refuses any other district even if a query here forgot its own
 * `district = any(...)`. Each change writes its event, its audit entry and (when it concerns the
 * applicant) its email in that same transaction, in the applicant's language. Another district's
 * application is as good as none: not found.
 */
import type { Locale } from '../../i18n/locales.ts';
import type { Database, Queryable } from '../../platform/db/database.ts';
import { isUuid } from '../../platform/codes/uuid.ts';
import { enqueueEmail } from '../../platform/email/outbox.ts';
import type { Answers } from '../applications/journey.ts';
import { canMove, isApplicationStatus, type ApplicationStatus } from '../applications/status.ts';
import {
  districtLearners,
  learnerProgressSummary,
  recordGroupSession,
  type DistrictLearner,
  type LearnerSummary,
} from '../school/authority.ts';
import type { CourseRules } from '../school/course.ts';
import { verifyCode as verifyCertificateCode, type Verdict } from '../school/verification.ts';
import { appendAudit, type AuditEntry } from './audit.ts';
import type { StaffRole } from './policy.ts';
import {
  dueState,
  isQueueStage,
  queueStageOf,
  queueStageSql,
  queueStages,
  type DueState,
  type QueueStage,
} from './stages.ts';

/** Who is working, where from, and over which districts. */
export interface DeskScope {
  staffId: string;
  /** The member's role: the database, too, lets only the roles that work applications see them. */
  role: StaffRole;
  districts: readonly string[];
  ip: string;
  now: Date;
}

const districtKey = /^[a-z0-9-]+$/;

/**
 * Runs `work` in one transaction as the role `alaqan_desk`, seeing only `scope.districts` (none:
 * nothing). The role has no BYPASSRLS and cannot change or remove audit rows.
 */
export async function inDeskScope<T>(db: Database, scope: DeskScope, work: (tx: Queryable) => Promise<T>): Promise<T> {
  const districts = scope.districts.filter((district) => districtKey.test(district));
  return db.transaction(async (tx) => {
    await tx.query('set local role alaqan_desk');
    await tx.query("select set_config('app.desk_districts', $1, true), set_config('app.desk_role', $2, true)", [
      districts.join(','),
      scope.role,
    ]);
    return work(tx);
  });
}

function audit(tx: Queryable, scope: DeskScope, entry: Omit<AuditEntry, 'at' | 'actor' | 'ip'>): Promise<void> {
  return appendAudit(tx, { ...entry, at: scope.now, actor: { kind: 'staff', id: scope.staffId }, ip: scope.ip });
}

// ---------------------------------------------------------------------------------------------
// The queue

export const queueSorts = ['due', 'submitted', 'reference'] as const;
export type QueueSort = (typeof queueSorts)[number];

export interface QueueFilters {
  stage: QueueStage;
  form?: string | undefined;
  /** A member's id, 'me' is resolved by the page, 'none' for unassigned. */
  assignee?: string | undefined;
  district?: string | undefined;
  due?: 'overdue' | 'week' | undefined;
  reference?: string | undefined;
  sort: QueueSort;
  page: number;
}

export const queuePageSize = 25;

export interface QueueRow {
  reference: string;
  form: string;
  status: ApplicationStatus;
  stage: QueueStage;
  district: string;
  applicantName: string;
  submittedAt: Date;
  assignee: { id: string; name: string } | undefined;
  due: Date | undefined;
  dueState: DueState;
}

export interface QueueView {
  rows: QueueRow[];
  /** Applications per stage, with the other filters applied. */
  counts: Record<QueueStage, number>;
  /** Rows of the chosen stage, over all pages. */
  total: number;
  page: number;
  pages: number;
}

/** The queue's SQL for a scope and filters (all but the stage and the page): `base` defines `q`. */
function queueQuery(scope: DeskScope, filters: Omit<QueueFilters, 'stage' | 'sort' | 'page'>) {
  const params: unknown[] = [scope.districts, scope.now.toISOString()];
  const conditions: string[] = [];
  const add = (sql: (n: string) => string, value: unknown) => {
    params.push(value);
    conditions.push(sql(`$${String(params.length)}`));
  };
  if (filters.form) add((n) => `q.form = ${n}`, filters.form);
  if (filters.district) add((n) => `q.district = ${n}`, filters.district);
  if (filters.assignee === 'none') conditions.push('q.assignee_id is null');
  else if (filters.assignee) add((n) => `q.assignee_id = ${n}::uuid`, filters.assignee);
  if (filters.reference) add((n) => `q.reference ilike ${n}`, `%${filters.reference.replace(/[%_\\]/g, '')}%`);
  if (filters.due === 'overdue') conditions.push("q.due < $2::timestamptz and q.stage <> 'closed'");
  if (filters.due === 'week') conditions.push("q.due < $2::timestamptz + interval '7 days' and q.stage <> 'closed'");
  const base = `with q as (
      select a.id, a.reference, a.form, a.status, a.district, a.assignee_id, a.submitted_at,
        a.answers->'applicant'->>'fullName' as applicant_name, a.answers->'applicant'->>'iin' as iin, s.stage,
        coalesce(a.due_at, coalesce(a.stage_entered_at, a.submitted_at) + make_interval(days => l.days)) as due
      from applications a
      cross join lateral (select ${queueStageSql} as stage) s
      left join desk_stage_limits l on l.stage = s.stage
      -- $2 is the time now, for the due filters (named here so every query takes it).
      where a.reference is not null and a.district = any ($1::text[]) and $2::timestamptz is not null
    )`;
  return { base, params, where: conditions.length > 0 ? `where ${conditions.join(' and ')}` : '' };
}

/**
 * The applications of the scope's districts, of one stage, filtered, sorted and a page at a time.
 * The effective due date is the stage's own deadline (a request's) or the stage's time limit from
 * when it was entered.
 */
export async function readQueue(db: Database, scope: DeskScope, filters: QueueFilters): Promise<QueueView> {
  return inDeskScope(db, scope, async (tx) => {
    const { base, params, where } = queueQuery(scope, filters);
    const countRows = await tx.query<{ stage: QueueStage; n: number }>(
      `${base} select q.stage, count(*)::int as n from q ${where} group by q.stage`,
      params,
    );
    const counts = Object.fromEntries(queueStages.map((stage) => [stage, 0])) as Record<QueueStage, number>;
    for (const row of countRows) if (isQueueStage(row.stage)) counts[row.stage] = row.n;
    const total = counts[filters.stage];
    const pages = Math.max(1, Math.ceil(total / queuePageSize));
    const page = Math.min(Math.max(1, filters.page), pages);
    const order = {
      due: 'q.due asc nulls last, q.submitted_at asc',
      submitted: 'q.submitted_at desc',
      reference: 'q.reference asc',
    }[filters.sort];
    params.push(filters.stage, queuePageSize, (page - 1) * queuePageSize);
    const n = params.length;
    const rows = await tx.query<{
      reference: string;
      form: string;
      status: string;
      stage: QueueStage;
      district: string;
      applicant_name: string | null;
      submitted_at: Date;
      assignee_id: string | null;
      assignee_name: string | null;
      due: Date | null;
    }>(
      `${base} select q.reference, q.form, q.status, q.stage, q.district, q.applicant_name, q.submitted_at, q.assignee_id,
         q.due, staff.name as assignee_name from q left join staff on staff.id = q.assignee_id
       ${where ? `${where} and` : 'where'} q.stage = $${String(n - 2)}
       order by ${order} limit $${String(n - 1)} offset $${String(n)}`,
      params,
    );
    // Which applications were shown (their references, not their contents) and how they were asked for.
    await audit(tx, scope, {
      action: 'queue.read',
      detail: {
        stage: filters.stage,
        page,
        form: filters.form ?? null,
        district: filters.district ?? null,
        assignee: filters.assignee ?? null,
        due: filters.due ?? null,
        search: filters.reference ?? null,
        shown: rows.map((row) => row.reference).join(','),
      },
    });
    return {
      counts,
      total,
      page,
      pages,
      rows: rows.flatMap((row): QueueRow[] => {
        if (!isApplicationStatus(row.status)) return [];
        const due = row.due ?? undefined;
        return [
          {
            reference: row.reference,
            form: row.form,
            status: row.status,
            stage: row.stage,
            district: row.district,
            applicantName: row.applicant_name ?? '',
            submittedAt: row.submitted_at,
            assignee: row.assignee_id ? { id: row.assignee_id, name: row.assignee_name ?? '' } : undefined,
            due,
            dueState: dueState(due, row.stage, scope.now),
          },
        ];
      }),
    };
  });
}

export interface ExportRow {
  reference: string;
  form: string;
  status: ApplicationStatus;
  district: string;
  applicantName: string;
  iin: string | undefined;
  submittedAt: Date;
  assignee: string | undefined;
  due: Date | undefined;
}

/**
 * Every application of a stage with the queue's filters, for a CSV export: the IIN only when
 * `withIin` (a role that needs it). Audited with the filters and the number of rows.
 */
export async function exportQueue(
  db: Database,
  scope: DeskScope,
  filters: Omit<QueueFilters, 'sort' | 'page'> & { withIin: boolean },
): Promise<ExportRow[]> {
  return inDeskScope(db, scope, async (tx) => {
    const { base, params, where } = queueQuery(scope, filters);
    params.push(filters.stage);
    const rows = await tx.query<{
      reference: string;
      form: string;
      status: string;
      district: string;
      applicant_name: string | null;
      iin: string | null;
      submitted_at: Date;
      assignee_name: string | null;
      due: Date | null;
    }>(
      `${base} select q.reference, q.form, q.status, q.district, q.applicant_name, q.iin, q.submitted_at, q.due,
         staff.name as assignee_name from q left join staff on staff.id = q.assignee_id
       ${where ? `${where} and` : 'where'} q.stage = $${String(params.length)} order by q.submitted_at`,
      params,
    );
    await audit(tx, scope, {
      action: 'queue.export',
      detail: {
        stage: filters.stage,
        form: filters.form ?? null,
        district: filters.district ?? null,
        due: filters.due ?? null,
        iin: filters.withIin,
        rows: rows.length,
      },
    });
    return rows.flatMap((row): ExportRow[] =>
      isApplicationStatus(row.status)
        ? [
            {
              reference: row.reference,
              form: row.form,
              status: row.status,
              district: row.district,
              applicantName: row.applicant_name ?? '',
              iin: filters.withIin ? (row.iin ?? undefined) : undefined,
              submittedAt: row.submitted_at,
              assignee: row.assignee_name ?? undefined,
              due: row.due ?? undefined,
            },
          ]
        : [],
    );
  });
}

// ---------------------------------------------------------------------------------------------
// One application

export const eventKinds = [
  'status',
  'request',
  'note',
  'assignment',
  'school',
  'visit',
  'conclusion',
  'upload',
] as const;
export type EventKind = (typeof eventKinds)[number];

export interface CaseEvent {
  kind: EventKind;
  status: ApplicationStatus;
  note: string | undefined;
  dueOn: string | undefined;
  internal: boolean;
  at: Date;
  actor: { kind: 'applicant' | 'staff' | 'system'; name: string | undefined };
  detail: Record<string, unknown> | undefined;
}

export interface CaseDocument {
  id: string;
  kind: string;
  originalName: string;
  mediaType: string;
  sizeBytes: number;
  createdAt: Date;
}

export interface CaseFile {
  id: string;
  applicantId: string;
  reference: string;
  form: string;
  status: ApplicationStatus;
  stage: QueueStage;
  district: string;
  locale: Locale;
  submittedAt: Date;
  answers: Answers;
  assignee: { id: string; name: string } | undefined;
  due: Date | undefined;
  dueState: DueState;
  documents: CaseDocument[];
  /** Newest first, internal events included. */
  timeline: CaseEvent[];
}

interface CaseRow {
  id: string;
  applicant_id: string;
  reference: string;
  form: string;
  status: string;
  district: string;
  locale: Locale;
  submitted_at: Date;
  answers: Answers;
  assignee_id: string | null;
  assignee_name: string | null;
  visit_recorded_at: Date | null;
  due: Date | null;
  email: string;
}

async function findCase(
  tx: Queryable,
  scope: DeskScope,
  reference: string,
  lock = false,
): Promise<CaseRow | undefined> {
  const [row] = await tx.query<CaseRow>(
    `select a.id, a.applicant_id, a.reference, a.form, a.status, a.district, a.locale, a.submitted_at, a.answers,
       a.assignee_id, staff.name as assignee_name, a.visit_recorded_at, applicants.email,
       coalesce(a.due_at, coalesce(a.stage_entered_at, a.submitted_at) + make_interval(days => l.days)) as due
     from applications a
     join applicants on applicants.id = a.applicant_id
     left join staff on staff.id = a.assignee_id
     cross join lateral (select ${queueStageSql} as stage) s
     left join desk_stage_limits l on l.stage = s.stage
     where a.reference = $1 and a.district = any ($2::text[])
     ${lock ? 'for update of a' : ''}`,
    [reference, scope.districts],
  );
  return row && isApplicationStatus(row.status) ? row : undefined;
}

/**
 * An application of the scope's districts with its documents and whole timeline, or undefined.
 * The read is audited (personal data).
 */
export async function readCase(db: Database, scope: DeskScope, reference: string): Promise<CaseFile | undefined> {
  return inDeskScope(db, scope, async (tx) => {
    const row = await findCase(tx, scope, reference);
    if (!row || !isApplicationStatus(row.status)) return undefined;
    const documents = await tx.query<{
      id: string;
      kind: string;
      original_name: string;
      media_type: string;
      size_bytes: number;
      created_at: Date;
    }>(
      'select id, kind, original_name, media_type, size_bytes, created_at from documents where application_id = $1 order by created_at',
      [row.id],
    );
    const events = await tx.query<{
      kind: EventKind;
      status: ApplicationStatus;
      note: string | null;
      due_on: string | null;
      internal: boolean;
      created_at: Date;
      actor_kind: 'applicant' | 'staff' | 'system';
      actor_name: string | null;
      detail: Record<string, unknown> | null;
    }>(
      `select e.kind, e.status, e.note, e.due_on, e.internal, e.created_at, e.actor_kind, staff.name as actor_name, e.detail
       from application_events e left join staff on e.actor_kind = 'staff' and staff.id = e.actor_id
       where e.application_id = $1 order by e.created_at desc, e.id desc`,
      [row.id],
    );
    await audit(tx, scope, { action: 'application.read', subject: row.reference, district: row.district });
    const stage = queueStageOf(row.status, row.visit_recorded_at !== null);
    const due = row.due ?? undefined;
    return {
      id: row.id,
      applicantId: row.applicant_id,
      reference: row.reference,
      form: row.form,
      status: row.status,
      stage,
      district: row.district,
      locale: row.locale,
      submittedAt: row.submitted_at,
      answers: row.answers,
      assignee: row.assignee_id ? { id: row.assignee_id, name: row.assignee_name ?? '' } : undefined,
      due,
      dueState: dueState(due, stage, scope.now),
      documents: documents.map((document) => ({
        id: document.id,
        kind: document.kind,
        originalName: document.original_name,
        mediaType: document.media_type,
        sizeBytes: document.size_bytes,
        createdAt: document.created_at,
      })),
      timeline: events.map((event) => ({
        kind: event.kind,
        status: event.status,
        note: event.note ?? undefined,
        dueOn: event.due_on ?? undefined,
        internal: event.internal,
        at: event.created_at,
        actor: { kind: event.actor_kind, name: event.actor_name ?? undefined },
        detail: event.detail ?? undefined,
      })),
    };
  });
}

/** A document of an application of the scope, to send to a member of staff; the access is audited. */
export async function openCaseDocument(
  db: Database,
  scope: DeskScope,
  input: { reference: string; documentId: string },
): Promise<{ storedName: string; mediaType: string; originalName: string } | undefined> {
  if (!isUuid(input.documentId)) return undefined;
  return inDeskScope(db, scope, async (tx) => {
    const [row] = await tx.query<{ stored_name: string; media_type: string; original_name: string; district: string }>(
      `select d.stored_name, d.media_type, d.original_name, a.district from documents d
       join applications a on a.id = d.application_id
       where d.id = $1 and a.reference = $2 and a.district = any ($3::text[])`,
      [input.documentId, input.reference, scope.districts],
    );
    if (!row) return undefined;
    await audit(tx, scope, {
      action: 'document.read',
      subject: input.reference,
      district: row.district,
      detail: { document: input.documentId },
    });
    return { storedName: row.stored_name, mediaType: row.media_type, originalName: row.original_name };
  });
}

// ---------------------------------------------------------------------------------------------
// Changes

/** The address where the applicant follows their application, in their language. */
export type StatusLink = (locale: Locale, reference: string) => string;

export type WorkResult =
  /** Done; `applicantId` says whose application it was (the invitation to the school files a certificate). */
  | { status: 'done'; applicantId?: string }
  | { status: 'not-found' }
  | { status: 'not-allowed'; from: ApplicationStatus }
  | { status: 'conflict' };

interface EventInput {
  kind: EventKind;
  status: ApplicationStatus;
  note?: string | undefined;
  dueOn?: string | undefined;
  internal: boolean;
  detail?: Record<string, string | number | boolean> | undefined;
}

async function writeEvent(tx: Queryable, scope: DeskScope, applicationId: string, event: EventInput): Promise<void> {
  await tx.query(
    `insert into application_events (application_id, status, note, created_at, actor_kind, actor_id, kind, internal, due_on, detail)
     values ($1, $2, $3, $4, 'staff', $5, $6, $7, $8, $9)`,
    [
      applicationId,
      event.status,
      event.note ?? null,
      scope.now.toISOString(),
      scope.staffId,
      event.kind,
      event.internal,
      event.dueOn ?? null,
      event.detail ? JSON.stringify(event.detail) : null,
    ],
  );
}

async function setStatus(
  tx: Queryable,
  scope: DeskScope,
  row: CaseRow,
  to: ApplicationStatus,
  extra: { dueAt?: string | null } = {},
): Promise<void> {
  await tx.query(
    `update applications set status = $2, updated_at = $3, stage_entered_at = $3, due_at = $4,
       visit_recorded_at = case when $2 = 'home-visit' then visit_recorded_at else null end
     where id = $1`,
    [row.id, to, scope.now.toISOString(), extra.dueAt ?? null],
  );
}

async function tellApplicant(
  tx: Queryable,
  row: CaseRow,
  link: StatusLink,
  status: ApplicationStatus,
  hasRequest: boolean,
) {
  await enqueueEmail(tx, {
    to: row.email,
    locale: row.locale,
    template: 'status-changed',
    data: { reference: row.reference, status, link: link(row.locale, row.reference), hasRequest },
  });
}

/** One change to one application of the scope: found and locked, or not found. */
async function work(
  db: Database,
  scope: DeskScope,
  reference: string,
  change: (tx: Queryable, row: CaseRow & { status: ApplicationStatus }) => Promise<WorkResult>,
): Promise<WorkResult> {
  return inDeskScope(db, scope, async (tx) => {
    const row = await findCase(tx, scope, reference, true);
    if (!row || !isApplicationStatus(row.status)) return { status: 'not-found' };
    return change(tx, { ...row, status: row.status });
  });
}

/** "Assign to me": takes an application nobody has (or that is already the member's). */
export function takeCase(db: Database, scope: DeskScope, reference: string): Promise<WorkResult> {
  return work(db, scope, reference, async (tx, row) => {
    if (row.assignee_id === scope.staffId) return { status: 'done' };
    if (row.assignee_id) return { status: 'conflict' };
    await tx.query('update applications set assignee_id = $2 where id = $1', [row.id, scope.staffId]);
    await writeEvent(tx, scope, row.id, {
      kind: 'assignment',
      status: row.status,
      internal: true,
      detail: { to: scope.staffId },
    });
    await audit(tx, scope, { action: 'application.take', subject: row.reference, district: row.district });
    return { status: 'done' };
  });
}

/** Gives an application to a member of staff of its district (a head's or administrator's), with a reason. */
export function assignCase(
  db: Database,
  scope: DeskScope,
  input: { reference: string; to: string; reason: string },
): Promise<WorkResult> {
  if (!isUuid(input.to)) return Promise.resolve({ status: 'conflict' });
  return work(db, scope, input.reference, async (tx, row) => {
    const [target] = await tx.query<{ id: string; name: string }>(
      `select id, name from staff where id = $1 and active and role in ('caseworker', 'head') and $2 = any (districts)`,
      [input.to, row.district],
    );
    if (!target) return { status: 'conflict' };
    await tx.query('update applications set assignee_id = $2 where id = $1', [row.id, target.id]);
    await writeEvent(tx, scope, row.id, {
      kind: 'assignment',
      status: row.status,
      note: input.reason,
      internal: true,
      detail: { to: target.id, toName: target.name },
    });
    await audit(tx, scope, {
      action: 'application.assign',
      subject: row.reference,
      district: row.district,
      detail: { to: target.id },
    });
    return { status: 'done' };
  });
}

/** Moves an application to another stage with a reason the applicant reads, and tells them by email. */
export function moveCase(
  db: Database,
  scope: DeskScope,
  input: { reference: string; to: ApplicationStatus; reason: string; link: StatusLink },
): Promise<WorkResult> {
  return work(db, scope, input.reference, async (tx, row) => {
    if (input.to === 'withdrawn' || input.to === 'conclusion' || !canMove(row.status, input.to))
      return { status: 'not-allowed', from: row.status };
    await setStatus(tx, scope, row, input.to);
    await writeEvent(tx, scope, row.id, { kind: 'status', status: input.to, note: input.reason, internal: false });
    await tellApplicant(tx, row, input.link, input.to, false);
    await audit(tx, scope, {
      action: 'application.move',
      subject: row.reference,
      district: row.district,
      detail: { from: row.status, to: input.to },
    });
    return { status: 'done' };
  });
}

/**
 * Asks the applicant for documents by a day: the message they read on their page, the deadline
 * that becomes the application's due date; the email says a request is waiting (not what it is).
 */
export function requestDocuments(
  db: Database,
  scope: DeskScope,
  input: { reference: string; message: string; dueOn: string; link: StatusLink },
): Promise<WorkResult> {
  return work(db, scope, input.reference, async (tx, row) => {
    if (row.status !== 'documents-requested' && !canMove(row.status, 'documents-requested'))
      return { status: 'not-allowed', from: row.status };
    // The end of the deadline's day in Almaty (UTC+5): a request due on the 10th is not overdue on the 10th.
    const dueAt = new Date(`${input.dueOn}T23:59:59+05:00`).toISOString();
    if (row.status === 'documents-requested')
      await tx.query('update applications set due_at = $2, updated_at = $3 where id = $1', [
        row.id,
        dueAt,
        scope.now.toISOString(),
      ]);
    else await setStatus(tx, scope, row, 'documents-requested', { dueAt });
    await writeEvent(tx, scope, row.id, {
      kind: 'request',
      status: 'documents-requested',
      note: input.message,
      dueOn: input.dueOn,
      internal: false,
    });
    await tellApplicant(tx, row, input.link, 'documents-requested', true);
    await audit(tx, scope, {
      action: 'application.request-documents',
      subject: row.reference,
      district: row.district,
      detail: { dueOn: input.dueOn },
    });
    return { status: 'done' };
  });
}

/** An internal note: on the desk's timeline only, never on the applicant's page or in an email. */
export function addNote(
  db: Database,
  scope: DeskScope,
  input: { reference: string; text: string },
): Promise<WorkResult> {
  return work(db, scope, input.reference, async (tx, row) => {
    await writeEvent(tx, scope, row.id, { kind: 'note', status: row.status, note: input.text, internal: true });
    await audit(tx, scope, { action: 'application.note', subject: row.reference, district: row.district });
    return { status: 'done' };
  });
}

/** Invites the applicant to the School of adoptive parents; the email and their page say so. */
export function inviteToSchool(
  db: Database,
  scope: DeskScope,
  input: { reference: string; link: StatusLink },
): Promise<WorkResult> {
  return work(db, scope, input.reference, async (tx, row) => {
    if (!canMove(row.status, 'invited-to-school')) return { status: 'not-allowed', from: row.status };
    await setStatus(tx, scope, row, 'invited-to-school');
    await writeEvent(tx, scope, row.id, { kind: 'school', status: 'invited-to-school', internal: false });
    await tellApplicant(tx, row, input.link, 'invited-to-school', false);
    await audit(tx, scope, { action: 'application.invite-to-school', subject: row.reference, district: row.district });
    return { status: 'done', applicantId: row.applicant_id };
  });
}

/**
 * Records the home visit: the applicant's page shows that it happened and when; what was seen is
 * an internal note. The application then waits for the conclusion.
 */
export function recordVisit(
  db: Database,
  scope: DeskScope,
  input: { reference: string; visitedOn: string; findings: string; link: StatusLink },
): Promise<WorkResult> {
  return work(db, scope, input.reference, async (tx, row) => {
    if (row.status !== 'home-visit') return { status: 'not-allowed', from: row.status };
    await tx.query(
      'update applications set visit_recorded_at = $2, stage_entered_at = $2, due_at = null, updated_at = $2 where id = $1',
      [row.id, scope.now.toISOString()],
    );
    await writeEvent(tx, scope, row.id, {
      kind: 'visit',
      status: row.status,
      internal: false,
      detail: { visitedOn: input.visitedOn },
    });
    await writeEvent(tx, scope, row.id, { kind: 'note', status: row.status, note: input.findings, internal: true });
    await audit(tx, scope, { action: 'application.record-visit', subject: row.reference, district: row.district });
    return { status: 'done' };
  });
}

export const conclusionOutcomes = ['positive', 'negative'] as const;
export type ConclusionOutcome = (typeof conclusionOutcomes)[number];

/**
 * Issues the authority's conclusion (after the home visit): the applicant learns the outcome and
 * where to collect the document; the reasoning stays an internal note.
 */
export function issueConclusion(
  db: Database,
  scope: DeskScope,
  input: { reference: string; outcome: ConclusionOutcome; reasoning: string; link: StatusLink },
): Promise<WorkResult> {
  return work(db, scope, input.reference, async (tx, row) => {
    if (row.status !== 'home-visit' || row.visit_recorded_at === null)
      return { status: 'not-allowed', from: row.status };
    await setStatus(tx, scope, row, 'conclusion');
    await writeEvent(tx, scope, row.id, {
      kind: 'conclusion',
      status: 'conclusion',
      internal: false,
      detail: { outcome: input.outcome },
    });
    await writeEvent(tx, scope, row.id, { kind: 'note', status: 'conclusion', note: input.reasoning, internal: true });
    await tellApplicant(tx, row, input.link, 'conclusion', false);
    await audit(tx, scope, {
      action: 'application.conclude',
      subject: row.reference,
      district: row.district,
      detail: { outcome: input.outcome },
    });
    return { status: 'done' };
  });
}

/** Members of staff an application of `district` may be given to. */
export async function assignableStaff(
  db: Database,
  scope: DeskScope,
  district: string,
): Promise<{ id: string; name: string }[]> {
  return inDeskScope(db, scope, (tx) =>
    tx.query<{ id: string; name: string }>(
      `select id, name from staff where active and role in ('caseworker', 'head') and $1 = any (districts) order by name`,
      [district],
    ),
  );
}

/**
 * What the desk sees of an applicant's training, read in the scope (an applicant of another
 * district has no progress here): per module, time on task, attempts, and the certificate's
 * verification by its code.
 */
export async function readLearner(
  db: Database,
  scope: DeskScope,
  input: { reference: string; course: CourseRules },
): Promise<{ summary: LearnerSummary | undefined; verdict: Verdict | undefined } | undefined> {
  return inDeskScope(db, scope, async (tx) => {
    const [row] = await tx.query<{ applicant_id: string; district: string }>(
      'select applicant_id, district from applications where reference = $1 and district = any ($2::text[])',
      [input.reference, scope.districts],
    );
    if (!row) return undefined;
    const summary = await learnerProgressSummary(tx, input.course, row.applicant_id);
    const verdict = summary?.certificate ? await verifyCertificateCode(tx, summary.certificate.code) : undefined;
    if (summary) await audit(tx, scope, { action: 'learner.read', subject: input.reference, district: row.district });
    return { summary, verdict };
  });
}

// ---------------------------------------------------------------------------------------------
// Reports

export interface WorkloadRow {
  key: string;
  open: number;
  overdue: number;
}

export interface DeskReport {
  byDistrict: WorkloadRow[];
  /** By assignee's name; the key '' is nobody's. */
  byCaseworker: (WorkloadRow & { name: string })[];
  /** Median whole days from sending to the conclusion, over `concluded` applications. */
  medianDaysToConclusion: number | undefined;
  concluded: number;
  /** Applicants invited to the school, and those of them with a certificate. */
  invited: number;
  trained: number;
}

/** The workload and times of the scope's districts, for the head of department; audited. */
export async function readReport(db: Database, scope: DeskScope): Promise<DeskReport> {
  return inDeskScope(db, scope, async (tx) => {
    const { base, params } = queueQuery(scope, {});
    const open = `q.stage <> 'closed'`;
    const overdue = `q.stage <> 'closed' and q.due < $2::timestamptz`;
    const byDistrict = await tx.query<{ key: string; open: number; overdue: number }>(
      `${base} select q.district as key, count(*) filter (where ${open})::int as open,
         count(*) filter (where ${overdue})::int as overdue from q group by q.district order by q.district`,
      params,
    );
    const byCaseworker = await tx.query<{ key: string; name: string | null; open: number; overdue: number }>(
      `${base} select coalesce(q.assignee_id::text, '') as key, staff.name, count(*) filter (where ${open})::int as open,
         count(*) filter (where ${overdue})::int as overdue
       from q left join staff on staff.id = q.assignee_id
       group by q.assignee_id, staff.name order by staff.name nulls last`,
      params,
    );
    const [times] = await tx.query<{ median: number | null; concluded: number }>(
      `select percentile_cont(0.5) within group (order by extract(epoch from e.created_at - a.submitted_at) / 86400)::float8 as median,
         count(*)::int as concluded
       from applications a join application_events e on e.application_id = a.id and e.kind = 'conclusion'
       where a.district = any ($1::text[])`,
      [scope.districts],
    );
    const [training] = await tx.query<{ invited: number; trained: number }>(
      `select count(distinct a.applicant_id)::int as invited,
         count(distinct c.applicant_id)::int as trained
       from applications a join application_events e on e.application_id = a.id and e.kind = 'school'
       left join school_certificates c on c.applicant_id = a.applicant_id and c.revoked_at is null
       where a.district = any ($1::text[])`,
      [scope.districts],
    );
    await audit(tx, scope, { action: 'reports.read' });
    return {
      byDistrict: byDistrict.filter((row) => row.open > 0 || row.overdue > 0),
      byCaseworker: byCaseworker
        .filter((row) => row.open > 0)
        .map((row) => ({ key: row.key, name: row.name ?? '', open: row.open, overdue: row.overdue })),
      medianDaysToConclusion:
        times?.median === null || times?.median === undefined ? undefined : Math.round(times.median),
      concluded: times?.concluded ?? 0,
      invited: training?.invited ?? 0,
      trained: training?.trained ?? 0,
    };
  });
}

// ---------------------------------------------------------------------------------------------
// The school's learners (the psychologist's page)

/** The learners of the scope's districts on a course, each district's most recently active first; audited. */
export async function readLearners(
  db: Database,
  scope: DeskScope,
  course: string,
): Promise<(DistrictLearner & { district: string })[]> {
  return inDeskScope(db, scope, async (tx) => {
    const learners: (DistrictLearner & { district: string })[] = [];
    for (const district of scope.districts)
      for (const learner of await districtLearners(tx, course, district)) learners.push({ ...learner, district });
    await audit(tx, scope, {
      action: 'learners.read',
      detail: { shown: learners.map((learner) => learner.applicantId).join(',') },
    });
    return learners;
  });
}

/** Records a group session a learner of the scope attended, with its audit entry; not-enrolled for anyone else. */
export async function recordLearnerSession(
  db: Database,
  scope: DeskScope,
  input: { applicantId: string; course: string; session: unknown },
): ReturnType<typeof recordGroupSession> {
  if (!isUuid(input.applicantId)) return { status: 'not-enrolled' };
  return inDeskScope(db, scope, async (tx) => {
    const result = await recordGroupSession(tx, { ...input, staffId: scope.staffId, now: scope.now });
    if (result.status === 'recorded')
      await audit(tx, scope, {
        action: 'learners.record-session',
        subject: `learner:${input.applicantId}`,
        detail: { session: result.id },
      });
    return result;
  });
}
