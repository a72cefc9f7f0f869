/** A small course for the school's tests: two modules, a bank of 12 questions each, right answer "b". */
import type { Locale } from '../../i18n/locales.ts';
import type { Database } from '../../platform/db/database.ts';
import type { CourseRules } from './course.ts';
import { enrol } from './store.ts';

export function testCourse(overrides: Partial<CourseRules> = {}): CourseRules {
  const module = (key: string, order: number, hours: number) => ({
    key,
    order,
    academicHours: hours,
    lessons: [`${key}-one`, `${key}-two`],
    questions: Array.from({ length: 12 }, (_, index) => ({
      key: `${key}-q${String(index + 1)}`,
      options: ['a', 'b', 'c'],
      correct: 'b',
    })),
  });
  return {
    key: 'adoptive-parents',
    questionsPerTest: 10,
    passMark: 0.8,
    retryPauseMinutes: 60,
    requiredGroupHours: 0,
    modules: [module('motivation', 1, 20), module('behaviour', 2, 22)],
    ...overrides,
  };
}

/** The value, or a failed test when it is missing. */
export function must<T>(value: T | undefined, what = 'a value'): T {
  if (value === undefined) throw new Error(`${what} is missing`);
  return value;
}

/** A new applicant, enrolled on `course`: the learner the data-layer tests start from. */
export async function enrolledLearner(
  db: Database,
  course: CourseRules,
  options: { givenName?: string; familyName?: string; district?: string; locale?: Locale; now?: Date } = {},
): Promise<string> {
  const locale = options.locale ?? 'kk';
  const [row] = await db.query<{ id: string }>('insert into applicants (email, locale) values ($1, $2) returning id', [
    `${crypto.randomUUID()}@example.kz`,
    locale,
  ]);
  const applicantId = must(row?.id, 'the applicant');
  await enrol(db, {
    applicantId,
    course: course.key,
    name: { givenName: options.givenName ?? 'Әлия', familyName: options.familyName ?? 'Құрманова' },
    district: options.district ?? 'taraz',
    locale,
    now: options.now ?? new Date('2026-11-30T08:00:00Z'),
  });
  return applicantId;
}
