import { beforeEach, describe, expect, it } from 'vitest';
import { testDatabases, useMigratedDatabase } from '../../../tests/support/databases.ts';
import type { Database } from '../../platform/db/database.ts';
import { courseProgress } from './progress.ts';
import {
  attemptResult,
  learnerRecord,
  markLessonRead,
  openAttempt,
  openLesson,
  saveAnswers,
  startAttempt,
  submitAttempt,
  timeOnTask,
  visitModule,
} from './store.ts';
import { enrolledLearner, must, testCourse } from './test-course.ts';

const course = testCourse();
const start = new Date('2026-11-30T08:00:00Z');
const at = (minutes: number) => new Date(start.getTime() + minutes * 60_000);

/** A new applicant enrolled on the course. */
function newLearner(db: Database, name = 'Әлия'): Promise<string> {
  return enrolledLearner(db, course, { givenName: name, now: start });
}

async function readModule(db: Database, applicantId: string, moduleKey: string, now: Date) {
  const module = must(course.modules.find((candidate) => candidate.key === moduleKey));
  for (const lesson of module.lessons) {
    await openLesson(db, { applicantId, course, lesson, now });
    await markLessonRead(db, { applicantId, course, lesson, now });
  }
}

describe.each(testDatabases)('a learner’s progress on $name', (backend) => {
  const database = useMigratedDatabase(backend);
  let db: Database;
  beforeEach(() => {
    db = database();
  });

  it('marks a lesson read only once it was served, and only a lesson of the course', async () => {
    const learner = await newLearner(db);
    expect(await markLessonRead(db, { applicantId: learner, course, lesson: 'motivation-one', now: at(1) })).toBe(
      'not-opened',
    );
    expect(await markLessonRead(db, { applicantId: learner, course, lesson: 'elsewhere', now: at(1) })).toBe(
      'not-in-course',
    );
    expect((await learnerRecord(db, learner, course.key)).read.size).toBe(0);
    await openLesson(db, { applicantId: learner, course, lesson: 'motivation-one', now: at(2) });
    expect(await markLessonRead(db, { applicantId: learner, course, lesson: 'motivation-one', now: at(6) })).toBe(
      'read',
    );
    expect(await markLessonRead(db, { applicantId: learner, course, lesson: 'motivation-one', now: at(7) })).toBe(
      'read',
    );
    expect([...(await learnerRecord(db, learner, course.key)).read]).toEqual(['motivation-one']);
  });

  it('refuses anything from someone who has not started the course', async () => {
    const [row] = await db.query<{ id: string }>(
      "insert into applicants (email, locale) values ('x@example.kz', 'ru') returning id",
    );
    const stranger = row?.id ?? '';
    expect(await openLesson(db, { applicantId: stranger, course, lesson: 'motivation-one', now: at(1) })).toBe(
      'not-enrolled',
    );
    expect(await startAttempt(db, { applicantId: stranger, course, module: 'motivation', now: at(1) })).toEqual({
      status: 'not-enrolled',
    });
  });

  it('counts time on task from the learner’s own activity, with breaks left out', async () => {
    const learner = await newLearner(db);
    await openLesson(db, { applicantId: learner, course, lesson: 'motivation-one', now: at(0) });
    await markLessonRead(db, { applicantId: learner, course, lesson: 'motivation-one', now: at(10) });
    // A night away: nothing counted.
    await openLesson(db, { applicantId: learner, course, lesson: 'motivation-two', now: at(600) });
    await visitModule(db, { applicantId: learner, course, module: 'behaviour', now: at(605) });
    await openLesson(db, { applicantId: learner, course, lesson: 'behaviour-one', now: at(607) });
    const time = await timeOnTask(db, learner, course.key);
    expect(time.get('motivation')).toBe(15 * 60);
    expect(time.get('behaviour')).toBe(2 * 60);
  });

  it('starts a test only after the lessons, draws from the bank, and a double click starts one attempt', async () => {
    const learner = await newLearner(db);
    expect(await startAttempt(db, { applicantId: learner, course, module: 'motivation', now: at(1) })).toMatchObject({
      status: 'refused',
      gate: { reason: 'lessons-unread' },
    });
    await readModule(db, learner, 'motivation', at(2));
    const [first, second] = await Promise.all([
      startAttempt(db, { applicantId: learner, course, module: 'motivation', now: at(3) }),
      startAttempt(db, { applicantId: learner, course, module: 'motivation', now: at(3) }),
    ]);
    if (first.status !== 'started' && first.status !== 'open') throw new Error('no attempt');
    if (second.status !== 'started' && second.status !== 'open') throw new Error('no attempt');
    expect(second.attempt.id).toBe(first.attempt.id);
    expect(first.attempt.questions).toHaveLength(10);
    const [{ n } = { n: 0 }] = await db.query<{ n: number }>(
      'select count(*) as n from school_attempts where applicant_id = $1',
      [learner],
    );
    expect(n).toBe(1);
  });

  it('keeps every answer as it is given, refuses answers to questions not drawn, and writes nothing then', async () => {
    const learner = await newLearner(db);
    await readModule(db, learner, 'motivation', at(1));
    const started = await startAttempt(db, { applicantId: learner, course, module: 'motivation', now: at(2) });
    if (started.status !== 'started') throw new Error('not started');
    const [q1, q2] = started.attempt.questions as [string, string];
    const notDrawn = must(
      must(course.modules[0])
        .questions.map((question) => question.key)
        .find((key) => !started.attempt.questions.includes(key)),
    );
    const attemptId = started.attempt.id;
    expect(
      await saveAnswers(db, {
        module: 'motivation',
        applicantId: learner,
        course,
        attemptId,
        answers: [{ question: q1, option: 'a' }],
        now: at(3),
      }),
    ).toEqual({ status: 'saved', saved: 1 });
    expect(
      await saveAnswers(db, {
        module: 'motivation',
        applicantId: learner,
        course,
        attemptId,
        answers: [{ question: q1, option: 'b' }],
        now: at(4),
      }),
    ).toEqual({ status: 'saved', saved: 1 });
    expect(
      await saveAnswers(db, {
        module: 'motivation',
        applicantId: learner,
        course,
        attemptId,
        answers: [
          { question: q2, option: 'c' },
          { question: notDrawn, option: 'b' },
        ],
        now: at(5),
      }),
    ).toEqual({ status: 'invalid', question: notDrawn });
    expect(
      await saveAnswers(db, {
        module: 'motivation',
        applicantId: learner,
        course,
        attemptId,
        answers: [{ question: q2, option: 'z' }],
        now: at(5),
      }),
    ).toEqual({ status: 'invalid', question: q2 });
    expect(
      await submitAttempt(db, {
        module: 'motivation',
        applicantId: learner,
        course,
        attemptId,
        answers: [{ question: 'behaviour-q1', option: 'b' }],
        now: at(6),
      }),
    ).toEqual({ status: 'invalid', question: 'behaviour-q1' });
    const open = await openAttempt(db, learner, course.key, 'motivation');
    expect([...(open?.answers ?? [])]).toEqual([[q1, 'b']]);
  });

  it('marks a submitted attempt once; a second submit finds nothing open and the first mark stands', async () => {
    const learner = await newLearner(db);
    await readModule(db, learner, 'motivation', at(1));
    const started = await startAttempt(db, { applicantId: learner, course, module: 'motivation', now: at(2) });
    if (started.status !== 'started') throw new Error('not started');
    const answers = started.attempt.questions.map((question, index) => ({ question, option: index < 7 ? 'b' : 'a' }));
    const submitted = await submitAttempt(db, {
      module: 'motivation',
      applicantId: learner,
      course,
      attemptId: started.attempt.id,
      answers,
      now: at(10),
    });
    expect(submitted).toMatchObject({ status: 'submitted', marked: { correct: 7, total: 10, passed: false } });
    const again = await submitAttempt(db, {
      module: 'motivation',
      applicantId: learner,
      course,
      attemptId: started.attempt.id,
      answers: answers.map((answer) => ({ ...answer, option: 'b' })),
      now: at(11),
    });
    expect(again).toEqual({ status: 'not-found' });
    const result = await attemptResult(db, { applicantId: learner, course, attemptId: started.attempt.id });
    expect(result).toMatchObject({ correct: 7, passed: false });
    // The pause: no new attempt until an hour after the failed one.
    expect(await startAttempt(db, { applicantId: learner, course, module: 'motivation', now: at(69) })).toMatchObject({
      status: 'refused',
      gate: { reason: 'pause', until: at(70) },
    });
    const retry = await startAttempt(db, { applicantId: learner, course, module: 'motivation', now: at(70) });
    expect(retry.status).toBe('started');
  });

  it('takes an attempt only on its own module’s page, and submits it only with every question answered', async () => {
    const learner = await newLearner(db);
    await readModule(db, learner, 'motivation', at(1));
    const started = await startAttempt(db, { applicantId: learner, course, module: 'motivation', now: at(2) });
    if (started.status !== 'started') throw new Error('not started');
    const attemptId = started.attempt.id;
    const [first, second] = started.attempt.questions as [string, string];
    expect(
      await saveAnswers(db, {
        applicantId: learner,
        course,
        module: 'behaviour',
        attemptId,
        answers: [{ question: first, option: 'b' }],
        now: at(3),
      }),
    ).toEqual({
      status: 'not-found',
    });
    expect(
      await submitAttempt(db, {
        applicantId: learner,
        course,
        module: 'behaviour',
        attemptId,
        answers: [],
        now: at(3),
      }),
    ).toEqual({ status: 'not-found' });
    const unanswered = await submitAttempt(db, {
      applicantId: learner,
      course,
      module: 'motivation',
      attemptId,
      answers: [{ question: first, option: 'b' }],
      requireAll: true,
      now: at(4),
    });
    expect(unanswered).toMatchObject({ status: 'unanswered' });
    if (unanswered.status !== 'unanswered') throw new Error('submitted');
    expect(unanswered.questions).toHaveLength(9);
    expect(unanswered.questions[0]).toEqual({ key: second, number: 2 });
    // The answer given with it was kept, and the attempt is still open.
    expect((await openAttempt(db, learner, course.key, 'motivation'))?.answers.get(first)).toBe('b');
  });

  it('lets no learner see, answer or submit another learner’s attempt', async () => {
    const owner = await newLearner(db);
    const other = await newLearner(db, 'Дана');
    await readModule(db, owner, 'motivation', at(1));
    await readModule(db, other, 'motivation', at(1));
    const started = await startAttempt(db, { applicantId: owner, course, module: 'motivation', now: at(2) });
    if (started.status !== 'started') throw new Error('not started');
    const question = must(started.attempt.questions[0]);
    expect(
      await saveAnswers(db, {
        module: 'motivation',
        applicantId: other,
        course,
        attemptId: started.attempt.id,
        answers: [{ question, option: 'b' }],
        now: at(3),
      }),
    ).toEqual({
      status: 'not-found',
    });
    expect(
      await submitAttempt(db, {
        applicantId: other,
        course,
        module: 'motivation',
        attemptId: started.attempt.id,
        answers: [],
        now: at(3),
      }),
    ).toEqual({ status: 'not-found' });
    await submitAttempt(db, {
      applicantId: owner,
      course,
      module: 'motivation',
      attemptId: started.attempt.id,
      answers: [],
      now: at(4),
    });
    expect(await attemptResult(db, { applicantId: other, course, attemptId: started.attempt.id })).toBeUndefined();
    expect(await attemptResult(db, { applicantId: owner, course, attemptId: started.attempt.id })).toBeDefined();
    // Ids that are no attempt's, however they are shaped, find nothing (and never reach the uuid column).
    for (const attemptId of ['not-a-uuid', '-'.repeat(36), 'f'.repeat(36), `${started.attempt.id}x`]) {
      expect(await attemptResult(db, { applicantId: owner, course, attemptId })).toBeUndefined();
      expect(
        await saveAnswers(db, { applicantId: owner, course, module: 'motivation', attemptId, answers: [], now: at(5) }),
      ).toEqual({ status: 'not-found' });
      expect(
        await submitAttempt(db, {
          applicantId: owner,
          course,
          module: 'motivation',
          attemptId,
          answers: [],
          now: at(5),
        }),
      ).toEqual({ status: 'not-found' });
    }
    expect((await learnerRecord(db, other, course.key)).passed.size).toBe(0);
  });

  it('completes the course only through the server’s own record', async () => {
    const learner = await newLearner(db);
    for (const module of course.modules) {
      await readModule(db, learner, module.key, at(1));
      const started = await startAttempt(db, { applicantId: learner, course, module: module.key, now: at(2) });
      if (started.status !== 'started') throw new Error('not started');
      await submitAttempt(db, {
        module: module.key,
        applicantId: learner,
        course,
        attemptId: started.attempt.id,
        answers: started.attempt.questions.map((question) => ({ question, option: 'b' })),
        now: at(3),
      });
    }
    expect(courseProgress(course, await learnerRecord(db, learner, course.key))).toMatchObject({
      complete: true,
      percent: 100,
    });
  });
});
