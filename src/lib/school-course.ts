/**
 * The school's course from the content collections: its rules (the same in every language, taken
 * from the first language) and its text in the page's language. The pages hand the rules to the
 * school's store, which never reads content itself.
 */
import type { CollectionEntry } from 'astro:content';
import { locales, type Locale } from '../i18n/locales.ts';
import { schoolCourse } from '../content/check.ts';
import { courseRulesFrom, type CourseRules } from '../features/school/course.ts';
import { entriesIn, settingsFor } from './site.ts';

export interface SchoolModule {
  entry: CollectionEntry<'modules'>;
  lessons: CollectionEntry<'lessons'>[];
}

export interface School {
  rules: CourseRules;
  course: CollectionEntry<'courses'>;
  modules: SchoolModule[];
  /** The course's name as printed, in each language. */
  titles: Record<Locale, string>;
}

async function courseIn(lang: Locale) {
  const course = (await entriesIn('courses', lang)).find((entry) => entry.data.translationKey === schoolCourse);
  if (!course) throw new Error(`courses/${schoolCourse} has no ${lang} version`);
  const modules = (await entriesIn('modules', lang))
    .filter((entry) => entry.data.course === schoolCourse)
    .sort((a, b) => a.data.order - b.data.order);
  const lessons = await entriesIn('lessons', lang);
  return {
    course,
    modules: modules.map((entry) => ({
      entry,
      lessons: lessons
        .filter((lesson) => lesson.data.module === entry.data.translationKey)
        .sort((a, b) => a.data.order - b.data.order),
    })),
  };
}

function rulesOf(reference: Awaited<ReturnType<typeof courseIn>>): CourseRules {
  return courseRulesFrom(
    reference.course.data,
    reference.modules.map(({ entry }) => entry.data),
    reference.modules.flatMap(({ lessons }) => lessons.map((lesson) => lesson.data)),
  );
}

/**
 * The course in a language, with its rules (from the first language) and its printed titles.
 * Content is fixed for the life of a build, so each language is assembled once per process, not
 * on every request of every course page.
 */
const schools = new Map<Locale, Promise<School>>();

async function assemble(lang: Locale): Promise<School> {
  const all = await Promise.all(locales.map((locale) => courseIn(locale)));
  const inLang = all[locales.indexOf(lang)];
  const reference = all[0];
  if (!inLang || !reference) throw new Error(`the course has no ${lang} version`);
  const titles = Object.fromEntries(
    locales.map((locale, index) => [locale, all[index]?.course.data.certificateTitle ?? '']),
  );
  return {
    rules: rulesOf(reference),
    course: inLang.course,
    modules: inLang.modules,
    titles: titles as Record<Locale, string>,
  };
}

export function loadSchool(lang: Locale): Promise<School> {
  let school = schools.get(lang);
  if (!school) {
    school = assemble(lang);
    // A failure is not kept: the next request tries again.
    school.catch(() => schools.delete(lang));
    schools.set(lang, school);
  }
  return school;
}

/** The department that issues certificates, as the region's content names it. */
export async function issuerName(lang: Locale): Promise<string> {
  const settings = await settingsFor(lang);
  const region = (await entriesIn('regions', lang)).find((entry) => entry.data.translationKey === settings.region);
  return region?.data.department ?? settings.publisher;
}
