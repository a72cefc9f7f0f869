import { beforeEach, describe, expect, it } from 'vitest';
import { testDatabases, useMigratedDatabase } from '../../../tests/support/databases.ts';
import type { Database } from '../../platform/db/database.ts';
import { districtLearners, learnerProgressSummary, recordGroupSession } from './authority.ts';
import { courseProgress } from './progress.ts';
import { queueInactivityReminders } from './reminders.ts';
import { learnerRecord, markLessonRead, openLesson, startAttempt, submitAttempt } from './store.ts';
import { enrolledLearner, testCourse } from './test-course.ts';

const course = testCourse();
const start = new Date('2026-11-01T08:00:00Z');
const minutes = (count: number) => new Date(start.getTime() + count * 60_000);
const days = (count: number) => new Date(start.getTime() + count * 24 * 60 * 60_000);
const staffId = '5f0c3a4e-9d1b-4c2a-8e7f-1a2b3c4d5e6f';

function learner(db: Database, district: string, givenName = 'Дана'): Promise<string> {
  return enrolledLearner(db, course, { givenName, familyName: 'Сейітова', district, now: start });
}

describe.each(testDatabases)('the school for the authority on $name', (backend) => {
  const database = useMigratedDatabase(backend);
  let db: Database;
  beforeEach(() => {
    db = database();
  });

  it('summarises a learner: lessons, attempts, best score and time per module, last activity', async () => {
    const applicantId = await learner(db, 'taraz');
    const module = course.modules[0];
    if (!module) throw new Error('no module');
    for (const [index, lesson] of module.lessons.entries()) {
      await openLesson(db, { applicantId, course, lesson, now: minutes(index * 10) });
      await markLessonRead(db, { applicantId, course, lesson, now: minutes(index * 10 + 8) });
    }
    for (const [attemptIndex, right] of [6, 9].entries()) {
      const at = minutes(100 + attemptIndex * 70);
      const started = await startAttempt(db, { applicantId, course, module: module.key, now: at });
      if (started.status !== 'started') throw new Error(`attempt ${String(attemptIndex)} not started`);
      const answers = started.attempt.questions.map((question, index) => ({
        question,
        option: index < right ? 'b' : 'a',
      }));
      await submitAttempt(db, {
        module: module.key,
        applicantId,
        course,
        attemptId: started.attempt.id,
        answers,
        now: new Date(at.getTime() + 5 * 60_000),
      });
    }
    const summary = await learnerProgressSummary(db, course, applicantId);
    expect(summary).toMatchObject({
      name: 'Сейітова Дана',
      district: 'taraz',
      academicHours: 42,
      complete: false,
      certificate: undefined,
      lastActivityAt: minutes(175),
    });
    expect(summary?.modules[0]).toMatchObject({
      key: module.key,
      lessonsRead: 2,
      lessonsTotal: 2,
      attempts: 2,
      bestScore: 90,
      passed: true,
    });
    // 8 + 2 + 8 minutes of reading, then 5 minutes on each attempt; the breaks between are not counted.
    expect(summary?.modules[0]?.secondsOnTask).toBe((8 + 2 + 8 + 5 + 5) * 60);
    expect(summary?.modules[1]).toMatchObject({ attempts: 0, bestScore: undefined, passed: false, secondsOnTask: 0 });
    expect(await learnerProgressSummary(db, course, crypto.randomUUID())).toBeUndefined();
  });

  it('lists a district’s learners, and only that district’s', async () => {
    const district = `district-${crypto.randomUUID().slice(0, 8)}`;
    const one = await learner(db, district, 'Айгүл');
    await learner(db, `${district}-other`, 'Бота');
    const list = await districtLearners(db, course.key, district);
    expect(list.map((entry) => [entry.applicantId, entry.name])).toEqual([[one, 'Сейітова Айгүл']]);
  });

  it('records group sessions by staff, checking what is entered, and counts them towards the course', async () => {
    const strict = testCourse({ requiredGroupHours: 4 });
    const applicantId = await learner(db, 'taraz');
    const record = (session: unknown) =>
      recordGroupSession(db, { applicantId, course: course.key, session, staffId, now: days(10) });
    expect(await record({ heldOn: '2026-11-05', academicHours: 2, format: 'in-person' })).toMatchObject({
      status: 'recorded',
    });
    expect(await record({ heldOn: '2026-11-31', academicHours: 2, format: 'online' })).toEqual({
      status: 'invalid',
      errors: ['school.error.group.heldOn.invalid'],
    });
    expect(await record({ heldOn: '2026-12-20', academicHours: 2, format: 'online' })).toEqual({
      status: 'invalid',
      errors: ['school.error.group.heldOn.future'],
    });
    expect(await record({ heldOn: '2026-11-06', academicHours: 1.25, format: 'online' })).toEqual({
      status: 'invalid',
      errors: ['school.error.group.hours.halves'],
    });
    expect(await record({ heldOn: '2026-11-06', academicHours: 2, format: 'by post' })).toEqual({
      status: 'invalid',
      errors: ['school.error.group.format.invalid'],
    });
    expect(
      await recordGroupSession(db, {
        applicantId: crypto.randomUUID(),
        course: course.key,
        session: { heldOn: '2026-11-05', academicHours: 2, format: 'online' },
        staffId,
        now: days(10),
      }),
    ).toEqual({ status: 'not-enrolled' });
    const progress = courseProgress(strict, await learnerRecord(db, applicantId, course.key));
    expect(progress.groupHoursMissing).toBe(2);
    await record({ heldOn: '2026-11-06', academicHours: 2.5, format: 'online' });
    expect(courseProgress(strict, await learnerRecord(db, applicantId, course.key)).groupHoursMissing).toBe(0);
  });

  it('reminds a learner inactive for 14 days, at most once a week, by first name only', async () => {
    const applicantId = await learner(db, 'taraz', 'Жансая');
    const [{ email } = { email: '' }] = await db.query<{ email: string }>(
      'select email from applicants where id = $1',
      [applicantId],
    );
    const courseLink = (locale: string) => `https://alaqan.test/${locale}/course/`;
    const sent = async () =>
      db.query<{ template: string; locale: string; data: { firstName: string; link: string } }>(
        'select template, locale, data from email_outbox where recipient = $1',
        [email],
      );
    await queueInactivityReminders(db, { now: days(13), courseLink });
    expect(await sent()).toHaveLength(0);
    await queueInactivityReminders(db, { now: days(15), courseLink });
    await queueInactivityReminders(db, { now: days(16), courseLink });
    expect(await sent()).toEqual([
      {
        template: 'school-reminder',
        locale: 'kk',
        data: { firstName: 'Жансая', link: 'https://alaqan.test/kk/course/' },
      },
    ]);
    await queueInactivityReminders(db, { now: days(22.5), courseLink });
    expect(await sent()).toHaveLength(2);
    // Four in all, then no more, however long the learner stays away.
    for (const day of [30, 38, 46, 54, 62]) await queueInactivityReminders(db, { now: days(day), courseLink });
    expect(await sent()).toHaveLength(4);
  });
});
