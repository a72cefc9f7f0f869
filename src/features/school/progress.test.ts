import { describe, expect, it } from 'vitest';
import { courseProgress } from './progress.ts';
import { testCourse } from './test-course.ts';

const course = testCourse();

describe('a learner’s progress', () => {
  it('is nothing at the start, and points to the first lesson', () => {
    const progress = courseProgress(course, { read: new Set(), passed: new Set(), groupHours: 0 });
    expect(progress).toMatchObject({
      percent: 0,
      modulesComplete: 0,
      complete: false,
      next: { module: 'motivation', lesson: 'motivation-one' },
    });
  });

  it('counts lessons and tests as steps, and points to the test once the lessons are read', () => {
    const progress = courseProgress(course, {
      read: new Set(['motivation-one', 'motivation-two']),
      passed: new Set(),
      groupHours: 0,
    });
    expect(progress.modules[0]).toMatchObject({ lessonsRead: 2, testPassed: false, complete: false, percent: 66 });
    expect(progress.percent).toBe(33);
    expect(progress.next).toEqual({ module: 'motivation', test: true });
  });

  it('is complete only with every lesson read and every test passed', () => {
    const all = new Set(course.modules.flatMap((module) => module.lessons));
    const allTests = new Set(course.modules.map((module) => module.key));
    expect(courseProgress(course, { read: all, passed: allTests, groupHours: 0 })).toMatchObject({
      complete: true,
      percent: 100,
      next: undefined,
    });
    const oneUnread = new Set([...all].slice(1));
    expect(courseProgress(course, { read: oneUnread, passed: allTests, groupHours: 0 }).complete).toBe(false);
  });

  it('needs the group hours a course requires', () => {
    const strict = testCourse({ requiredGroupHours: 4 });
    const all = new Set(strict.modules.flatMap((module) => module.lessons));
    const allTests = new Set(strict.modules.map((module) => module.key));
    expect(courseProgress(strict, { read: all, passed: allTests, groupHours: 2 })).toMatchObject({
      complete: false,
      groupHoursMissing: 2,
    });
    expect(courseProgress(strict, { read: all, passed: allTests, groupHours: 4 })).toMatchObject({
      complete: true,
      groupHoursMissing: 0,
    });
  });
});
