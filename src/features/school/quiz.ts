/**
 * A module's test: drawing the questions of an attempt, marking it, and when a new attempt may
 * start. Pure; the random source and the clock are the caller's.
 */
import { randomInt } from 'node:crypto';
import type { CourseModule, CourseRules } from './course.ts';

/**
 * The questions of a new attempt: `count` distinct questions of the bank in a shuffled order
 * (a Fisher–Yates shuffle, cut to length).
 */
export function drawQuestions(
  bank: readonly string[],
  count: number,
  random: (max: number) => number = randomInt,
): string[] {
  const pool = [...bank];
  for (let index = pool.length - 1; index > 0; index -= 1) {
    const other = random(index + 1);
    [pool[index], pool[other]] = [pool[other] as string, pool[index] as string];
  }
  return pool.slice(0, Math.min(count, pool.length));
}

export interface Marked {
  correct: number;
  total: number;
  passed: boolean;
  /** Per drawn question, in the attempt's order: the answer given (if any) and whether it was right. */
  questions: { key: string; given: string | undefined; right: string; isCorrect: boolean }[];
}

/** Marks an attempt: an unanswered question counts as wrong. */
export function markAttempt(
  module: CourseModule,
  drawn: readonly string[],
  answers: ReadonlyMap<string, string>,
  passMark: number,
): Marked {
  const questions = drawn.map((key) => {
    const right = module.questions.find((question) => question.key === key)?.correct ?? '';
    const given = answers.get(key);
    return { key, given, right, isCorrect: given !== undefined && given === right };
  });
  const correct = questions.filter((question) => question.isCorrect).length;
  const total = questions.length;
  // Compared in whole numbers so 8 of 10 at a pass mark of 0.8 is never lost to rounding.
  const passed = total > 0 && correct * 100 >= Math.round(passMark * 100) * total;
  return { correct, total, passed, questions };
}

/** Whether `option` is one of the answers of `question` in this module: anything else is refused. */
export function isOption(module: CourseModule, question: string, option: string): boolean {
  return module.questions.some((candidate) => candidate.key === question && candidate.options.includes(option));
}

export type AttemptGate =
  | { allowed: true }
  | { allowed: false; reason: 'passed' }
  | { allowed: false; reason: 'lessons-unread'; unread: string[] }
  | { allowed: false; reason: 'pause'; until: Date };

/**
 * Whether a new attempt may start now: the module's lessons are read, the test is not passed yet,
 * and the pause after the last failed attempt is over.
 */
export function attemptGate(
  course: CourseRules,
  module: CourseModule,
  state: { read: ReadonlySet<string>; passed: boolean; lastFailedAt: Date | undefined },
  now: Date,
): AttemptGate {
  if (state.passed) return { allowed: false, reason: 'passed' };
  const unread = module.lessons.filter((lesson) => !state.read.has(lesson));
  if (unread.length > 0) return { allowed: false, reason: 'lessons-unread', unread };
  if (state.lastFailedAt) {
    const until = new Date(state.lastFailedAt.getTime() + course.retryPauseMinutes * 60_000);
    if (until > now) return { allowed: false, reason: 'pause', until };
  }
  return { allowed: true };
}
