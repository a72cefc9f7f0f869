/**
 * The course as the school's rules see it: modules, their lessons and the right answer of every
 * question, the same in every language (the content checks guarantee that). Pure: the pages build
 * it from the content collections (`src/lib/school-course.ts`) and hand it to the store, which never
 * reads content itself.
 */

export interface CourseQuestion {
  key: string;
  /** The letters of the answers, in the order they are shown. */
  options: readonly string[];
  /** The letter of the right answer. Never sent to the browser before an attempt is submitted. */
  correct: string;
}

export interface CourseModule {
  key: string;
  order: number;
  academicHours: number;
  /** Lesson keys, in order. */
  lessons: readonly string[];
  questions: readonly CourseQuestion[];
}

export interface CourseRules {
  key: string;
  questionsPerTest: number;
  /** 0.8 is 80%. */
  passMark: number;
  retryPauseMinutes: number;
  requiredGroupHours: number;
  /** In order. */
  modules: readonly CourseModule[];
}

/** The academic hours of the whole course: what the certificate states. */
export function courseHours(course: CourseRules): number {
  return course.modules.reduce((sum, module) => sum + module.academicHours, 0);
}

export function findModule(course: CourseRules, key: string): CourseModule | undefined {
  return course.modules.find((module) => module.key === key);
}

/** The module a lesson belongs to, if the lesson is in the course. */
export function moduleOfLesson(course: CourseRules, lessonKey: string): CourseModule | undefined {
  return course.modules.find((module) => module.lessons.includes(lessonKey));
}
