/** A small course for the school's tests: two modules, a bank of 12 questions each, right answer "b". */
import type { CourseRules } from './course.ts';

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
