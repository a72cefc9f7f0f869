/**
 * A learner's progress, kept on the server: enrolment, lessons opened and read, time on task,
 * attempts at the tests and every answer as it is given. Nothing the browser says about progress
 * is believed: a lesson is read only once it was served, a test is passed only when the server
 * marked it so. Each change is one transaction, under a lock on the learner's row, so a double
 * click or two tabs cannot count twice.
 */
import type { Locale } from '../../i18n/locales.ts';
import type { Database, Queryable } from '../../platform/db/database.ts';
import { findModule, moduleOfLesson, type CourseRules } from './course.ts';
import type { LearnerRecord } from './progress.ts';
import { attemptGate, drawQuestions, isOption, markAttempt, type AttemptGate, type Marked } from './quiz.ts';
import { creditedSeconds } from './time-on-task.ts';

export interface LearnerName {
  givenName: string;
  familyName: string;
  patronymic?: string | undefined;
}

export interface Learner extends LearnerName {
  applicantId: string;
  course: string;
  district: string | undefined;
  locale: Locale;
  startedAt: Date;
  lastActivityAt: Date;
  completedAt: Date | undefined;
}

interface LearnerRow {
  applicant_id: string;
  course: string;
  given_name: string;
  family_name: string;
  patronymic: string | null;
  district: string | null;
  locale: Locale;
  started_at: Date;
  last_activity_at: Date;
  last_module: string | null;
  completed_at: Date | null;
}

function toLearner(row: LearnerRow): Learner {
  return {
    applicantId: row.applicant_id,
    course: row.course,
    givenName: row.given_name,
    familyName: row.family_name,
    ...(row.patronymic ? { patronymic: row.patronymic } : {}),
    district: row.district ?? undefined,
    locale: row.locale,
    startedAt: row.started_at,
    lastActivityAt: row.last_activity_at,
    completedAt: row.completed_at ?? undefined,
  };
}

/** The name as printed: family name, given name, patronymic, as Kazakh documents write it. */
export function fullName(name: LearnerName): string {
  return [name.familyName, name.givenName, name.patronymic].filter(Boolean).join(' ');
}

export async function findLearner(db: Queryable, applicantId: string, course: string): Promise<Learner | undefined> {
  const [row] = await db.query<LearnerRow>('select * from school_learners where applicant_id = $1 and course = $2', [
    applicantId,
    course,
  ]);
  return row && toLearner(row);
}

/**
 * Starts the course for an applicant, or corrects the name and district of one who has started.
 * Once the certificate is issued the name is what it says, and stays.
 */
export async function enrol(
  db: Database,
  input: {
    applicantId: string;
    course: string;
    name: LearnerName;
    district: string | undefined;
    locale: Locale;
    now: Date;
  },
): Promise<'enrolled' | 'updated' | 'completed'> {
  return db.transaction(async (tx) => {
    const [existing] = await tx.query<LearnerRow>(
      'select * from school_learners where applicant_id = $1 and course = $2 for update',
      [input.applicantId, input.course],
    );
    const values = [
      input.applicantId,
      input.course,
      input.name.givenName,
      input.name.familyName,
      input.name.patronymic ?? null,
      input.district ?? null,
      input.locale,
    ];
    if (!existing) {
      await tx.query(
        `insert into school_learners (applicant_id, course, given_name, family_name, patronymic, district, locale, started_at, last_activity_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $8)`,
        [...values, input.now.toISOString()],
      );
      return 'enrolled';
    }
    if (existing.completed_at) return 'completed';
    await tx.query(
      `update school_learners set given_name = $3, family_name = $4, patronymic = $5, district = $6, locale = $7
       where applicant_id = $1 and course = $2`,
      values,
    );
    return 'updated';
  });
}

/** Locks the learner's row for the rest of the transaction; undefined if not enrolled. */
async function lockLearner(tx: Queryable, applicantId: string, course: string): Promise<LearnerRow | undefined> {
  const [row] = await tx.query<LearnerRow>(
    'select * from school_learners where applicant_id = $1 and course = $2 for update',
    [applicantId, course],
  );
  return row;
}

/**
 * Counts this request as the learner's activity: the time since their previous request is
 * credited to what they were doing then (its module), if it is within the idle cut-off.
 */
async function recordActivity(
  tx: Queryable,
  learner: LearnerRow,
  module: string | undefined,
  now: Date,
): Promise<void> {
  const seconds = creditedSeconds(learner.last_activity_at, now);
  if (seconds > 0 && learner.last_module) {
    await tx.query(
      `insert into school_time (applicant_id, course, module, seconds) values ($1, $2, $3, $4)
       on conflict (applicant_id, course, module) do update set seconds = school_time.seconds + excluded.seconds`,
      [learner.applicant_id, learner.course, learner.last_module, seconds],
    );
  }
  // A clock that went back (two servers) never makes the last activity earlier.
  await tx.query(
    `update school_learners set last_activity_at = greatest(last_activity_at, $3), last_module = $4, reminders_sent = 0
     where applicant_id = $1 and course = $2`,
    [learner.applicant_id, learner.course, now.toISOString(), module ?? learner.last_module],
  );
}

export type VisitResult = 'ok' | 'not-enrolled' | 'not-in-course';

/** A page of a module (its overview or its test) was served: activity on that module. */
export async function visitModule(
  db: Database,
  input: { applicantId: string; course: CourseRules; module: string; now: Date },
): Promise<VisitResult> {
  if (!findModule(input.course, input.module)) return 'not-in-course';
  return db.transaction(async (tx) => {
    const learner = await lockLearner(tx, input.applicantId, input.course.key);
    if (!learner) return 'not-enrolled';
    await recordActivity(tx, learner, input.module, input.now);
    return 'ok';
  });
}

/** A lesson was served to the learner: it may now be marked read. */
export async function openLesson(
  db: Database,
  input: { applicantId: string; course: CourseRules; lesson: string; now: Date },
): Promise<VisitResult> {
  const module = moduleOfLesson(input.course, input.lesson);
  if (!module) return 'not-in-course';
  return db.transaction(async (tx) => {
    const learner = await lockLearner(tx, input.applicantId, input.course.key);
    if (!learner) return 'not-enrolled';
    await tx.query(
      `insert into school_lessons (applicant_id, course, module, lesson, opened_at) values ($1, $2, $3, $4, $5)
       on conflict (applicant_id, course, lesson) do nothing`,
      [input.applicantId, input.course.key, module.key, input.lesson, input.now.toISOString()],
    );
    await recordActivity(tx, learner, module.key, input.now);
    return 'ok';
  });
}

/** Marks a lesson read: only a lesson that was served to this learner. Saying it twice changes nothing. */
export async function markLessonRead(
  db: Database,
  input: { applicantId: string; course: CourseRules; lesson: string; now: Date },
): Promise<'read' | 'not-opened' | VisitResult> {
  const module = moduleOfLesson(input.course, input.lesson);
  if (!module) return 'not-in-course';
  return db.transaction(async (tx) => {
    const learner = await lockLearner(tx, input.applicantId, input.course.key);
    if (!learner) return 'not-enrolled';
    const updated = await tx.query(
      `update school_lessons set read_at = coalesce(read_at, $4)
       where applicant_id = $1 and course = $2 and lesson = $3 returning lesson`,
      [input.applicantId, input.course.key, input.lesson, input.now.toISOString()],
    );
    if (updated.length === 0) return 'not-opened';
    await recordActivity(tx, learner, module.key, input.now);
    return 'read';
  });
}

/** What the server has recorded of a learner, for their progress. */
export async function learnerRecord(db: Queryable, applicantId: string, course: string): Promise<LearnerRecord> {
  const read = await db.query<{ lesson: string }>(
    'select lesson from school_lessons where applicant_id = $1 and course = $2 and read_at is not null',
    [applicantId, course],
  );
  const passed = await db.query<{ module: string }>(
    'select distinct module from school_attempts where applicant_id = $1 and course = $2 and passed',
    [applicantId, course],
  );
  const [group] = await db.query<{ hours: string | null }>(
    'select sum(academic_hours) as hours from school_group_sessions where applicant_id = $1 and course = $2',
    [applicantId, course],
  );
  return {
    read: new Set(read.map((row) => row.lesson)),
    passed: new Set(passed.map((row) => row.module)),
    groupHours: Number(group?.hours ?? 0),
  };
}

/** The lessons a learner has opened (served), for showing "read" forms only where they mean something. */
export async function openedLessons(db: Queryable, applicantId: string, course: string): Promise<Set<string>> {
  const rows = await db.query<{ lesson: string }>(
    'select lesson from school_lessons where applicant_id = $1 and course = $2',
    [applicantId, course],
  );
  return new Set(rows.map((row) => row.lesson));
}

export interface OpenAttempt {
  id: string;
  module: string;
  questions: string[];
  answers: Map<string, string>;
  startedAt: Date;
}

interface AttemptRow {
  id: string;
  module: string;
  questions: string[];
  started_at: Date;
  submitted_at: Date | null;
  correct: number | null;
  total: number | null;
  passed: boolean | null;
}

async function answersOf(db: Queryable, attemptId: string): Promise<Map<string, string>> {
  const rows = await db.query<{ question: string; option: string }>(
    'select question, option from school_answers where attempt_id = $1',
    [attemptId],
  );
  return new Map(rows.map((row) => [row.question, row.option]));
}

/** The learner's attempt in progress at a module's test, with the answers saved so far. */
export async function openAttempt(
  db: Queryable,
  applicantId: string,
  course: string,
  module: string,
): Promise<OpenAttempt | undefined> {
  const [row] = await db.query<AttemptRow>(
    `select id, module, questions, started_at from school_attempts
     where applicant_id = $1 and course = $2 and module = $3 and submitted_at is null`,
    [applicantId, course, module],
  );
  if (!row) return undefined;
  return {
    id: row.id,
    module: row.module,
    questions: row.questions,
    answers: await answersOf(db, row.id),
    startedAt: row.started_at,
  };
}

async function gateFor(
  tx: Queryable,
  course: CourseRules,
  applicantId: string,
  moduleKey: string,
  now: Date,
): Promise<AttemptGate> {
  const module = findModule(course, moduleKey);
  if (!module) throw new Error(`no module ${moduleKey}`);
  const record = await learnerRecord(tx, applicantId, course.key);
  const [lastFailed] = await tx.query<{ submitted_at: Date }>(
    `select submitted_at from school_attempts
     where applicant_id = $1 and course = $2 and module = $3 and submitted_at is not null and not passed
     order by submitted_at desc limit 1`,
    [applicantId, course.key, moduleKey],
  );
  return attemptGate(
    course,
    module,
    { read: record.read, passed: record.passed.has(moduleKey), lastFailedAt: lastFailed?.submitted_at },
    now,
  );
}

/** Whether the learner may start the test now, and if not why (lessons to read, a pause, passed). */
export function testGate(
  db: Database,
  input: { applicantId: string; course: CourseRules; module: string; now: Date },
): Promise<AttemptGate> {
  return gateFor(db, input.course, input.applicantId, input.module, input.now);
}

export type StartResult =
  | { status: 'started' | 'open'; attempt: OpenAttempt }
  | { status: 'refused'; gate: Exclude<AttemptGate, { allowed: true }> }
  | { status: 'not-enrolled' | 'not-in-course' };

/**
 * Starts an attempt at a module's test: questions drawn from the bank in a shuffled order. An
 * attempt already open is returned as it is (a double click, a second tab).
 */
export async function startAttempt(
  db: Database,
  input: { applicantId: string; course: CourseRules; module: string; now: Date; random?: (max: number) => number },
): Promise<StartResult> {
  const module = findModule(input.course, input.module);
  if (!module) return { status: 'not-in-course' };
  return db.transaction(async (tx) => {
    const learner = await lockLearner(tx, input.applicantId, input.course.key);
    if (!learner) return { status: 'not-enrolled' };
    const open = await openAttempt(tx, input.applicantId, input.course.key, module.key);
    if (open) return { status: 'open', attempt: open };
    const gate = await gateFor(tx, input.course, input.applicantId, module.key, input.now);
    if (!gate.allowed) return { status: 'refused', gate };
    const questions = drawQuestions(
      module.questions.map((question) => question.key),
      input.course.questionsPerTest,
      input.random,
    );
    const [row] = await tx.query<{ id: string }>(
      `insert into school_attempts (applicant_id, course, module, questions, started_at)
       values ($1, $2, $3, $4, $5) returning id`,
      [input.applicantId, input.course.key, module.key, questions, input.now.toISOString()],
    );
    if (!row) throw new Error('the attempt was not inserted');
    await recordActivity(tx, learner, module.key, input.now);
    return {
      status: 'started',
      attempt: { id: row.id, module: module.key, questions, answers: new Map(), startedAt: input.now },
    };
  });
}

export interface GivenAnswer {
  question: string;
  option: string;
}

export type SaveResult =
  | { status: 'saved'; saved: number }
  /** No such open attempt of this learner: it was submitted, or it is not theirs. */
  | { status: 'not-found' }
  /** An answer to a question not drawn for this attempt, or a letter the question does not have: nothing saved. */
  | { status: 'invalid'; question: string };

/** An attempt id as the database keeps them; anything else names no attempt (and must not reach a uuid column). */
const attemptIdPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The learner's open attempt of this id, locked; of `module` only, when one is named (the page's own). */
async function lockOpenAttempt(
  tx: Queryable,
  applicantId: string,
  course: string,
  attemptId: string,
  module: string | undefined,
) {
  if (!attemptIdPattern.test(attemptId)) return undefined;
  const [row] = await tx.query<AttemptRow>(
    `select id, module, questions, started_at, submitted_at from school_attempts
     where id = $1 and applicant_id = $2 and course = $3 and ($4::text is null or module = $4) for update`,
    [attemptId, applicantId, course, module ?? null],
  );
  return row && !row.submitted_at ? row : undefined;
}

function firstInvalid(course: CourseRules, attempt: AttemptRow, answers: readonly GivenAnswer[]): string | undefined {
  const module = findModule(course, attempt.module);
  return answers.find(
    (answer) =>
      !attempt.questions.includes(answer.question) || !module || !isOption(module, answer.question, answer.option),
  )?.question;
}

async function upsertAnswers(tx: Queryable, attemptId: string, answers: readonly GivenAnswer[], now: Date) {
  for (const answer of answers) {
    await tx.query(
      `insert into school_answers (attempt_id, question, option, answered_at) values ($1, $2, $3, $4)
       on conflict (attempt_id, question) do update set option = excluded.option, answered_at = excluded.answered_at`,
      [attemptId, answer.question, answer.option, now.toISOString()],
    );
  }
}

/**
 * What saving and submitting share, inside their transaction: the learner's row and the open
 * attempt locked (of the posting page's module), the answers checked against the attempt's
 * questions, and saved. Nothing is written unless every answer belongs to the attempt.
 */
async function lockAndSave(
  tx: Queryable,
  input: {
    applicantId: string;
    course: CourseRules;
    module: string;
    attemptId: string;
    answers: readonly GivenAnswer[];
    now: Date;
  },
): Promise<
  | { status: 'open'; learner: LearnerRow; attempt: AttemptRow }
  | { status: 'not-found' }
  | { status: 'invalid'; question: string }
> {
  const learner = await lockLearner(tx, input.applicantId, input.course.key);
  if (!learner) return { status: 'not-found' };
  const attempt = await lockOpenAttempt(tx, input.applicantId, input.course.key, input.attemptId, input.module);
  if (!attempt) return { status: 'not-found' };
  const invalid = firstInvalid(input.course, attempt, input.answers);
  if (invalid !== undefined) return { status: 'invalid', question: invalid };
  await upsertAnswers(tx, attempt.id, input.answers, input.now);
  return { status: 'open', learner, attempt };
}

/**
 * Saves answers of an attempt in progress, each as it is given (the quiz island sends one at a
 * time, the plain form all of a page): all of them, or none if one is not a question of this
 * attempt.
 */
export async function saveAnswers(
  db: Database,
  input: {
    applicantId: string;
    course: CourseRules;
    /** The module whose page (or island) posts: an attempt of another module is not found. */
    module: string;
    attemptId: string;
    answers: readonly GivenAnswer[];
    now: Date;
  },
): Promise<SaveResult> {
  return db.transaction(async (tx) => {
    const saved = await lockAndSave(tx, input);
    if (saved.status !== 'open') return saved;
    await recordActivity(tx, saved.learner, saved.attempt.module, input.now);
    return { status: 'saved', saved: input.answers.length };
  });
}

export type SubmitResult =
  | { status: 'submitted'; attemptId: string; module: string; marked: Marked }
  /** Saved, not submitted: these questions of the attempt (in its order) have no answer yet. */
  | { status: 'unanswered'; questions: { key: string; number: number }[] }
  | { status: 'not-found' }
  | { status: 'invalid'; question: string };

/**
 * Submits an attempt with the answers the form still carries (saved first, as any other), and
 * marks it: only with every question answered (`requireAll`, as the page asks; otherwise an
 * unanswered question counts as wrong). Submitting twice finds it submitted: `not-found`, and the
 * first mark stands.
 */
export async function submitAttempt(
  db: Database,
  input: {
    applicantId: string;
    course: CourseRules;
    module: string;
    attemptId: string;
    answers: readonly GivenAnswer[];
    requireAll?: boolean;
    now: Date;
  },
): Promise<SubmitResult> {
  return db.transaction(async (tx) => {
    const saved = await lockAndSave(tx, input);
    if (saved.status !== 'open') return saved;
    const { learner, attempt } = saved;
    const module = findModule(input.course, attempt.module);
    if (!module) return { status: 'not-found' };
    const answers = await answersOf(tx, attempt.id);
    if (input.requireAll) {
      const unanswered = attempt.questions
        .map((key, index) => ({ key, number: index + 1 }))
        .filter((question) => !answers.has(question.key));
      if (unanswered.length > 0) {
        await recordActivity(tx, learner, attempt.module, input.now);
        return { status: 'unanswered', questions: unanswered };
      }
    }
    const marked = markAttempt(module, attempt.questions, answers, input.course.passMark);
    await tx.query(
      'update school_attempts set submitted_at = $2, correct = $3, total = $4, passed = $5 where id = $1',
      [attempt.id, input.now.toISOString(), marked.correct, marked.total, marked.passed],
    );
    await recordActivity(tx, learner, attempt.module, input.now);
    return { status: 'submitted', attemptId: attempt.id, module: attempt.module, marked };
  });
}

export interface AttemptResult {
  id: string;
  module: string;
  submittedAt: Date;
  correct: number;
  total: number;
  passed: boolean;
  marked: Marked;
}

/** A submitted attempt of this learner, with its answers marked; undefined for anyone else's. */
export async function attemptResult(
  db: Queryable,
  input: { applicantId: string; course: CourseRules; attemptId: string },
): Promise<AttemptResult | undefined> {
  if (!attemptIdPattern.test(input.attemptId)) return undefined;
  const [row] = await db.query<AttemptRow>(
    `select id, module, questions, started_at, submitted_at, correct, total, passed from school_attempts
     where id = $1 and applicant_id = $2 and course = $3`,
    [input.attemptId, input.applicantId, input.course.key],
  );
  const module = row && findModule(input.course, row.module);
  if (!row?.submitted_at || !module) return undefined;
  const marked = markAttempt(module, row.questions, await answersOf(db, row.id), input.course.passMark);
  return {
    id: row.id,
    module: row.module,
    submittedAt: row.submitted_at,
    correct: row.correct ?? marked.correct,
    total: row.total ?? marked.total,
    passed: row.passed ?? marked.passed,
    marked,
  };
}

export interface AttemptSummary {
  id: string;
  submittedAt: Date;
  correct: number;
  total: number;
  passed: boolean;
}

/** The learner's submitted attempts at a module's test, newest first. */
export async function submittedAttempts(
  db: Queryable,
  applicantId: string,
  course: string,
  module: string,
): Promise<AttemptSummary[]> {
  const rows = await db.query<AttemptRow & { submitted_at: Date }>(
    `select id, submitted_at, correct, total, passed from school_attempts
     where applicant_id = $1 and course = $2 and module = $3 and submitted_at is not null
     order by submitted_at desc`,
    [applicantId, course, module],
  );
  return rows.map((row) => ({
    id: row.id,
    submittedAt: row.submitted_at,
    correct: row.correct ?? 0,
    total: row.total ?? 0,
    passed: row.passed ?? false,
  }));
}

/** Seconds on task per module. */
export async function timeOnTask(db: Queryable, applicantId: string, course: string): Promise<Map<string, number>> {
  const rows = await db.query<{ module: string; seconds: number }>(
    'select module, seconds from school_time where applicant_id = $1 and course = $2',
    [applicantId, course],
  );
  return new Map(rows.map((row) => [row.module, row.seconds]));
}
