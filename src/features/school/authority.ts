/**
 * What the guardianship authority sees of the school, ready for the desk: a learner's progress
 * (per module: lessons, attempts, best score, time on task; last activity; certificate), the
 * learners of a district, and group sessions recorded by staff. The desk's screens call these and
 * add who may see what (a district's staff, the school's psychologist).
 */
import { z } from 'zod';
import type { Queryable } from '../../platform/db/database.ts';
import { courseHours, type CourseRules } from './course.ts';
import { certificateOf, type Certificate } from './certificates.ts';
import { courseProgress } from './progress.ts';
import { findLearner, fullName, learnerRecord, timeOnTask } from './store.ts';

export interface ModuleSummary {
  key: string;
  lessonsRead: number;
  lessonsTotal: number;
  attempts: number;
  /** The best share of right answers, 0 to 100; undefined before any attempt. */
  bestScore: number | undefined;
  passed: boolean;
  secondsOnTask: number;
}

export interface LearnerSummary {
  applicantId: string;
  name: string;
  district: string | undefined;
  startedAt: Date;
  lastActivityAt: Date;
  percent: number;
  complete: boolean;
  modules: ModuleSummary[];
  /** Seconds on task over the whole course, beside the course's academic hours. */
  secondsOnTask: number;
  academicHours: number;
  groupHours: number;
  requiredGroupHours: number;
  certificate: Pick<Certificate, 'code' | 'issuedAt' | 'revokedAt' | 'revokedReason'> | undefined;
}

export async function learnerProgressSummary(
  db: Queryable,
  course: CourseRules,
  applicantId: string,
): Promise<LearnerSummary | undefined> {
  const learner = await findLearner(db, applicantId, course.key);
  if (!learner) return undefined;
  const record = await learnerRecord(db, applicantId, course.key);
  const progress = courseProgress(course, record);
  const time = await timeOnTask(db, applicantId, course.key);
  const attempts = await db.query<{ module: string; attempts: number; best: number | null }>(
    `select module, count(*) as attempts, max(case when total > 0 then (correct * 100) / total end) as best
     from school_attempts where applicant_id = $1 and course = $2 and submitted_at is not null group by module`,
    [applicantId, course.key],
  );
  const certificate = await certificateOf(db, applicantId, course.key);
  return {
    applicantId,
    name: fullName(learner),
    district: learner.district,
    startedAt: learner.startedAt,
    lastActivityAt: learner.lastActivityAt,
    percent: progress.percent,
    complete: progress.complete,
    modules: progress.modules.map((module) => {
      const tried = attempts.find((row) => row.module === module.key);
      return {
        key: module.key,
        lessonsRead: module.lessonsRead,
        lessonsTotal: module.lessonsTotal,
        attempts: tried?.attempts ?? 0,
        bestScore: tried?.best ?? undefined,
        passed: module.testPassed,
        secondsOnTask: time.get(module.key) ?? 0,
      };
    }),
    secondsOnTask: [...time.values()].reduce((sum, seconds) => sum + seconds, 0),
    academicHours: courseHours(course),
    groupHours: record.groupHours,
    requiredGroupHours: course.requiredGroupHours,
    certificate: certificate && {
      code: certificate.code,
      issuedAt: certificate.issuedAt,
      revokedAt: certificate.revokedAt,
      revokedReason: certificate.revokedReason,
    },
  };
}

export interface DistrictLearner {
  applicantId: string;
  name: string;
  startedAt: Date;
  lastActivityAt: Date;
  completedAt: Date | undefined;
  lessonsRead: number;
  testsPassed: number;
}

/** The learners of a district on a course, most recently active first. */
export async function districtLearners(db: Queryable, course: string, district: string): Promise<DistrictLearner[]> {
  const rows = await db.query<{
    applicant_id: string;
    given_name: string;
    family_name: string;
    patronymic: string | null;
    started_at: Date;
    last_activity_at: Date;
    completed_at: Date | null;
    lessons_read: number;
    tests_passed: number;
  }>(
    `select l.applicant_id, l.given_name, l.family_name, l.patronymic, l.started_at, l.last_activity_at, l.completed_at,
       (select count(*) from school_lessons s where s.applicant_id = l.applicant_id and s.course = l.course and s.read_at is not null) as lessons_read,
       (select count(distinct a.module) from school_attempts a where a.applicant_id = l.applicant_id and a.course = l.course and a.passed) as tests_passed
     from school_learners l where l.course = $1 and l.district = $2
     order by l.last_activity_at desc`,
    [course, district],
  );
  return rows.map((row) => ({
    applicantId: row.applicant_id,
    name: fullName({ givenName: row.given_name, familyName: row.family_name, patronymic: row.patronymic ?? undefined }),
    startedAt: row.started_at,
    lastActivityAt: row.last_activity_at,
    completedAt: row.completed_at ?? undefined,
    lessonsRead: row.lessons_read,
    testsPassed: row.tests_passed,
  }));
}

export const groupSessionSchema = z.strictObject({
  heldOn: z.iso.date({ message: 'school.error.group.heldOn.invalid' }),
  academicHours: z
    .number({ message: 'school.error.group.hours.invalid' })
    .positive({ message: 'school.error.group.hours.invalid' })
    .max(12, { message: 'school.error.group.hours.tooMany' })
    .multipleOf(0.5, { message: 'school.error.group.hours.halves' }),
  format: z.enum(['online', 'in-person'], { message: 'school.error.group.format.invalid' }),
  note: z.string().trim().max(500, { message: 'school.error.group.note.tooLong' }).optional(),
});

export type GroupSession = z.infer<typeof groupSessionSchema>;

/**
 * Records a group session a learner attended, by a member of staff (the school's psychologist),
 * inside the caller's transaction (the desk's, with its audit entry). This checks the values and
 * that the learner is on the course. A session may not be dated in the future.
 */
export async function recordGroupSession(
  tx: Queryable,
  input: { applicantId: string; course: string; session: unknown; staffId: string; now: Date },
): Promise<{ status: 'recorded'; id: string } | { status: 'invalid'; errors: string[] } | { status: 'not-enrolled' }> {
  const parsed = groupSessionSchema.safeParse(input.session);
  if (!parsed.success) return { status: 'invalid', errors: parsed.error.issues.map((issue) => issue.message) };
  // Today as the region's calendar has it: a session held this morning in Taraz is not "in the future".
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Almaty' }).format(input.now);
  if (parsed.data.heldOn > today) return { status: 'invalid', errors: ['school.error.group.heldOn.future'] };
  // No lock: the session's foreign key refuses a learner removed meanwhile.
  const [learner] = await tx.query('select 1 from school_learners where applicant_id = $1 and course = $2', [
    input.applicantId,
    input.course,
  ]);
  if (!learner) return { status: 'not-enrolled' };
  const [row] = await tx.query<{ id: string }>(
    `insert into school_group_sessions (applicant_id, course, held_on, academic_hours, format, recorded_by, note, created_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8) returning id`,
    [
      input.applicantId,
      input.course,
      parsed.data.heldOn,
      parsed.data.academicHours,
      parsed.data.format,
      input.staffId,
      parsed.data.note ?? null,
      input.now.toISOString(),
    ],
  );
  if (!row) throw new Error('the group session was not inserted');
  return { status: 'recorded', id: row.id };
}
