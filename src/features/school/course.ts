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

/** The content's shapes this needs (the course, module and lesson documents of one language). */
interface CourseDocument {
  translationKey: string;
  questionsPerTest: number;
  passMark: number;
  retryPauseMinutes: number;
  requiredGroupHours: number;
}
interface ModuleDocument {
  translationKey: string;
  course: string;
  order: number;
  academicHours: number;
  questions: readonly { key: string; options: readonly { key: string; correct: boolean }[] }[];
}
interface LessonDocument {
  translationKey: string;
  module: string;
  order: number;
}

/** The rules of a course from its documents in one language (the content checks make every language agree). */
export function courseRulesFrom(
  course: CourseDocument,
  modules: readonly ModuleDocument[],
  lessons: readonly LessonDocument[],
): CourseRules {
  return {
    key: course.translationKey,
    questionsPerTest: course.questionsPerTest,
    passMark: course.passMark,
    retryPauseMinutes: course.retryPauseMinutes,
    requiredGroupHours: course.requiredGroupHours,
    modules: modules
      .filter((module) => module.course === course.translationKey)
      .toSorted((a, b) => a.order - b.order)
      .map((module) => ({
        key: module.translationKey,
        order: module.order,
        academicHours: module.academicHours,
        lessons: lessons
          .filter((lesson) => lesson.module === module.translationKey)
          .toSorted((a, b) => a.order - b.order)
          .map((lesson) => lesson.translationKey),
        questions: module.questions.map((question) => ({
          key: question.key,
          options: question.options.map((option) => option.key),
          correct: question.options.find((option) => option.correct)?.key ?? '',
        })),
      })),
  };
}
