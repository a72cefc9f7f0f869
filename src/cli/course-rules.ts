/**
 * The school's course rules read straight from `content/` (outside Astro, where the pages read
 * them through the content collections): for the benchmark and the school's test portal, which
 * seed learners through the data layer.
 */
import { checkContent, formatProblems, schoolCourse } from '../content/check.ts';
import { loadRawDocuments } from '../content/sources.ts';
import { courseRulesFrom, type CourseRules } from '../features/school/course.ts';
import type { Course, CourseModule, Lesson } from '../content/schema.ts';

export async function localCourseRules(dir = 'content'): Promise<CourseRules> {
  const { documents, problems } = checkContent(await loadRawDocuments({ kind: 'local', dir }));
  if (problems.length > 0) throw new Error(`The content has problems:\n${formatProblems(problems)}`);
  const inKazakh = (collection: string) =>
    documents
      .filter((document) => document.collection === collection && document.lang === 'kk')
      .map((document) => document.data);
  const course = inKazakh('courses').find((data) => data['translationKey'] === schoolCourse) as Course | undefined;
  if (!course) throw new Error(`content/courses/kk/${schoolCourse}.yaml is missing`);
  return courseRulesFrom(course, inKazakh('modules') as CourseModule[], inKazakh('lessons') as Lesson[]);
}
