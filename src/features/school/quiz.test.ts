import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { attemptGate, drawQuestions, isOption, markAttempt } from './quiz.ts';
import { must, testCourse } from './test-course.ts';

const course = testCourse();
const module = must(course.modules[0]);
const bank = module.questions.map((question) => question.key);

describe('a test attempt', () => {
  it('draws distinct questions of the bank, as many as asked, in a shuffled order', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(), { minLength: 12, maxLength: 12 }), (rolls) => {
        let call = 0;
        const drawn = drawQuestions(bank, 10, (max) => (rolls[call++ % rolls.length] ?? 0) % max);
        expect(drawn).toHaveLength(10);
        expect(new Set(drawn).size).toBe(10);
        for (const key of drawn) expect(bank).toContain(key);
      }),
    );
    const orders = new Set(Array.from({ length: 20 }, () => drawQuestions(bank, 10).join()));
    expect(orders.size).toBeGreaterThan(1);
  });

  it('passes at 8 of 10 and fails at 7; an unanswered question is wrong', () => {
    const drawn = bank.slice(0, 10);
    const answers = (right: number) => new Map(drawn.map((key, index) => [key, index < right ? 'b' : 'a']));
    expect(markAttempt(module, drawn, answers(8), 0.8)).toMatchObject({ correct: 8, total: 10, passed: true });
    expect(markAttempt(module, drawn, answers(7), 0.8)).toMatchObject({ correct: 7, passed: false });
    const missing = answers(10);
    missing.delete(must(drawn[0]));
    missing.delete(must(drawn[1]));
    missing.delete(must(drawn[2]));
    const marked = markAttempt(module, drawn, missing, 0.8);
    expect(marked).toMatchObject({ correct: 7, passed: false });
    expect(marked.questions[0]).toEqual({ key: drawn[0], given: undefined, right: 'b', isCorrect: false });
  });

  it('knows the letters of each question', () => {
    expect(isOption(module, must(bank[0]), 'c')).toBe(true);
    expect(isOption(module, must(bank[0]), 'd')).toBe(false);
    expect(isOption(module, 'elsewhere-q1', 'a')).toBe(false);
  });

  it('starts only when the lessons are read, the test not passed, and the pause is over', () => {
    const now = new Date('2026-11-30T10:00:00Z');
    const read = new Set(module.lessons);
    expect(
      attemptGate(
        course,
        module,
        { read: new Set([must(module.lessons[0])]), passed: false, lastFailedAt: undefined },
        now,
      ),
    ).toEqual({
      allowed: false,
      reason: 'lessons-unread',
      unread: [module.lessons[1]],
    });
    expect(attemptGate(course, module, { read, passed: true, lastFailedAt: undefined }, now)).toEqual({
      allowed: false,
      reason: 'passed',
    });
    const failed = new Date('2026-11-30T09:30:00Z');
    expect(attemptGate(course, module, { read, passed: false, lastFailedAt: failed }, now)).toEqual({
      allowed: false,
      reason: 'pause',
      until: new Date('2026-11-30T10:30:00Z'),
    });
    expect(
      attemptGate(course, module, { read, passed: false, lastFailedAt: failed }, new Date('2026-11-30T10:30:00Z')),
    ).toEqual({
      allowed: true,
    });
  });
});
