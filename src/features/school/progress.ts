/**
 * How far a learner is, from what the server has recorded: lessons read, tests passed, time on
 * task and group sessions. Pure. Nothing here is taken from the browser.
 */
import type { CourseRules } from './course.ts';

export interface LearnerRecord {
  read: ReadonlySet<string>;
  /** Modules whose test has been passed. */
  passed: ReadonlySet<string>;
  groupHours: number;
}

export interface ModuleProgress {
  key: string;
  lessonsRead: number;
  lessonsTotal: number;
  testPassed: boolean;
  complete: boolean;
  /** 0 to 100: each lesson one step, the test one step. */
  percent: number;
}

export interface CourseProgress {
  modules: ModuleProgress[];
  modulesComplete: number;
  percent: number;
  /** Every module complete and the required group hours attended. */
  complete: boolean;
  groupHoursMissing: number;
  /** Where to go on: the first unread lesson, or the first test not passed; undefined when complete. */
  next: { module: string; lesson: string } | { module: string; test: true } | undefined;
}

export function courseProgress(course: CourseRules, record: LearnerRecord): CourseProgress {
  const modules = course.modules.map((module): ModuleProgress => {
    const lessonsRead = module.lessons.filter((lesson) => record.read.has(lesson)).length;
    const lessonsTotal = module.lessons.length;
    // A pass counts only with every lesson read: the module is complete only then.
    const testPassed = record.passed.has(module.key);
    const steps = lessonsTotal + 1;
    const done = lessonsRead + (testPassed ? 1 : 0);
    return {
      key: module.key,
      lessonsRead,
      lessonsTotal,
      testPassed,
      complete: testPassed && lessonsRead === lessonsTotal,
      percent: Math.floor((done * 100) / steps),
    };
  });
  const steps = modules.reduce((sum, module) => sum + module.lessonsTotal + 1, 0);
  const done = modules.reduce((sum, module) => sum + module.lessonsRead + (module.testPassed ? 1 : 0), 0);
  const groupHoursMissing = Math.max(0, course.requiredGroupHours - record.groupHours);
  let next: CourseProgress['next'];
  for (const module of course.modules) {
    const lesson = module.lessons.find((candidate) => !record.read.has(candidate));
    if (lesson) {
      next = { module: module.key, lesson };
      break;
    }
    if (!record.passed.has(module.key)) {
      next = { module: module.key, test: true };
      break;
    }
  }
  const modulesComplete = modules.filter((module) => module.complete).length;
  return {
    modules,
    modulesComplete,
    percent: steps === 0 ? 0 : Math.floor((done * 100) / steps),
    complete: modulesComplete === modules.length && modules.length > 0 && groupHoursMissing === 0,
    groupHoursMissing,
    next,
  };
}
