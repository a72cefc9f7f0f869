/**
 * The rules a set of content documents must keep, beyond each file's own schema: every document
 * in every language, figures equal across translations, references that resolve, links inside
 * Markdown that lead to a page. Pure: it takes parsed files and returns problems, each naming the
 * file and the field, phrased as what the editor should do.
 */
import type { z } from 'zod';
import { isLocale, locales, type Locale } from '../i18n/locales.ts';
import { collections, placementForms, type CollectionName } from './schema.ts';
import { documentPath, checklistPath, sitePaths } from './routes.ts';
import { styleProblems, textFields } from './style.ts';

export interface RawDocument {
  /** The path below `content/`, with forward slashes: `guides/en/adoption.md`. */
  relativePath: string;
  data: unknown;
  /** The Markdown body; undefined for YAML documents. */
  body: string | undefined;
  /** Set when the file could not be parsed at all. */
  error?: string;
}

export interface CheckedDocument {
  relativePath: string;
  collection: CollectionName;
  lang: Locale;
  slug: string;
  translationKey: string;
  data: Record<string, unknown>;
  body: string | undefined;
}

export interface Problem {
  file: string;
  field?: string;
  message: string;
}

/** Pages the site links to from its navigation; each must exist in every language. */
export const requiredPages = ['home', 'school', 'statistics', 'districts', 'privacy', 'accessibility'] as const;

/** Collections whose files are named after their translationKey in every language (their pages are addressed by key). */
const keyNamed = new Set<CollectionName>(['lessons']);

/** The course the school's pages serve. */
export const schoolCourse = 'adoptive-parents';

/** Words the school's addresses use themselves, so no module or lesson may be called by them. */
const reservedSchoolKeys = new Set(['test', 'attempts', 'certificate', 'start', 'progress', 'answer']);

const pathPattern = /^([a-z]+)\/([a-z]+)\/([a-z0-9]+(?:-[a-z0-9]+)*)\.(md|yaml)$/;

function isCollection(name: string): name is CollectionName {
  return Object.hasOwn(collections, name);
}

function fieldPath(issuePath: readonly PropertyKey[]): string {
  return issuePath
    .map((part, index) => (typeof part === 'number' ? `[${part}]` : `${index === 0 ? '' : '.'}${String(part)}`))
    .join('');
}

/** Formats problems one per line, as the build and `content:check` print them. */
export function formatProblems(problems: readonly Problem[]): string {
  return problems
    .map((problem) => `content/${problem.file}${problem.field ? ` → ${problem.field}` : ''}: ${problem.message}`)
    .join('\n');
}

/** Validates one file against its place and its collection's schema. */
function checkFile(raw: RawDocument, problems: Problem[]): CheckedDocument | undefined {
  const match = pathPattern.exec(raw.relativePath);
  if (!match) {
    problems.push({
      file: raw.relativePath,
      message:
        'put the file at <collection>/<lang>/<slug>.md or .yaml, with a slug of lower-case Latin letters, digits and hyphens',
    });
    return undefined;
  }
  const [, collection = '', lang = '', slug = '', ext = ''] = match;
  if (!isCollection(collection)) {
    problems.push({ file: raw.relativePath, message: `"${collection}" is not a collection; use one of: ${Object.keys(collections).join(', ')}` });
    return undefined;
  }
  if (!isLocale(lang)) {
    problems.push({ file: raw.relativePath, message: `"${lang}" is not a language of the site; use one of: ${locales.join(', ')}` });
    return undefined;
  }
  const definition = collections[collection];
  if (ext !== definition.ext) {
    problems.push({ file: raw.relativePath, message: `documents of "${collection}" are .${definition.ext} files` });
    return undefined;
  }
  if (raw.error) {
    problems.push({ file: raw.relativePath, message: raw.error });
    return undefined;
  }
  const parsed = (definition.schema as z.ZodType).safeParse(raw.data);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = fieldPath(issue.path);
      problems.push({ file: raw.relativePath, ...(field ? { field } : {}), message: issue.message });
    }
    return undefined;
  }
  if (definition.ext === 'md' && !raw.body?.trim()) {
    problems.push({ file: raw.relativePath, field: 'body', message: 'write the text of the page below the front matter' });
    return undefined;
  }
  const data = parsed.data as Record<string, unknown> & { translationKey: string };
  if ((definition.ext === 'yaml' || keyNamed.has(collection)) && slug !== data.translationKey) {
    problems.push({
      file: raw.relativePath,
      field: 'translationKey',
      message: `name the file after its translationKey: ${collection}/${lang}/${data.translationKey}.${definition.ext}`,
    });
    return undefined;
  }
  return { relativePath: raw.relativePath, collection, lang, slug, translationKey: data.translationKey, data, body: raw.body };
}

function checkTranslations(documents: readonly CheckedDocument[], problems: Problem[]): void {
  const byKey = new Map<string, CheckedDocument[]>();
  for (const document of documents) {
    const id = `${document.collection}/${document.translationKey}`;
    byKey.set(id, [...(byKey.get(id) ?? []), document]);
  }
  for (const [id, versions] of byKey) {
    for (const lang of locales) {
      const inLang = versions.filter((version) => version.lang === lang);
      const first = versions[0];
      if (inLang.length === 0 && first) {
        problems.push({
          file: first.relativePath,
          field: 'translationKey',
          message: `"${id}" has no ${lang} version: add ${first.collection}/${lang}/<slug>.${collections[first.collection].ext} with translationKey "${first.translationKey}"`,
        });
      }
      for (const duplicate of inLang.slice(1)) {
        problems.push({
          file: duplicate.relativePath,
          field: 'translationKey',
          message: `"${duplicate.translationKey}" is already used by ${inLang[0]?.relativePath}: give each document its own translationKey`,
        });
      }
    }
  }
}

function checkRequired(documents: readonly CheckedDocument[], problems: Problem[]): void {
  const required: [CollectionName, readonly string[]][] = [
    ['guides', placementForms],
    ['pages', requiredPages],
    ['settings', ['settings']],
    ['courses', [schoolCourse]],
  ];
  for (const [collection, keys] of required) {
    for (const key of keys) {
      if (!documents.some((document) => document.collection === collection && document.translationKey === key)) {
        problems.push({ file: `${collection}/`, message: `add the ${collection} document with translationKey "${key}" in every language` });
      }
    }
  }
}

/** Figures are facts: every translation of a figure set must carry the same numbers. */
function checkFigures(documents: readonly CheckedDocument[], problems: Problem[]): void {
  const figures = documents.filter((document) => document.collection === 'figures');
  for (const figure of figures) {
    const reference = figures.find((other) => other.translationKey === figure.translationKey && other.lang === locales[0]);
    if (!reference || reference === figure) continue;
    const numbers = (document: CheckedDocument) =>
      JSON.stringify((document.data['values'] as { value: number | null; share?: string }[]).map((v) => [v.value, v.share ?? null]));
    if (numbers(figure) !== numbers(reference)) {
      problems.push({
        file: figure.relativePath,
        field: 'values',
        message: `the numbers and shares must be the same as in ${reference.relativePath}, in the same order`,
      });
    }
  }
}

function checkReferences(documents: readonly CheckedDocument[], problems: Problem[]): void {
  const regions = new Set(documents.filter((d) => d.collection === 'regions').map((d) => `${d.lang}/${d.translationKey}`));
  for (const document of documents) {
    if (document.collection !== 'districts' && document.collection !== 'settings') continue;
    const region = document.data['region'];
    if (typeof region === 'string' && !regions.has(`${document.lang}/${region}`)) {
      problems.push({ file: document.relativePath, field: 'region', message: `there is no region "${region}" in ${document.lang}: add regions/${document.lang}/${region}.yaml or correct the key` });
    }
  }
}

/** Every address the site will have, for checking links written in Markdown. */
export function knownPaths(documents: readonly CheckedDocument[]): Set<string> {
  const paths = new Set<string>();
  for (const lang of locales) for (const make of Object.values(sitePaths)) paths.add(make(lang));
  for (const document of documents) {
    if (document.collection === 'guides' || document.collection === 'pages' || document.collection === 'news') {
      const path = documentPath(document.collection, document.lang, document.slug, document.translationKey);
      paths.add(path);
      if (document.collection === 'guides') paths.add(checklistPath(path));
    }
  }
  return paths;
}

function checkLinks(documents: readonly CheckedDocument[], problems: Problem[]): void {
  const paths = knownPaths(documents);
  const link = /\]\((\/[^)\s#]*)(#[^)\s]*)?\)/g;
  for (const document of documents) {
    for (const match of document.body?.matchAll(link) ?? []) {
      const target = match[1] ?? '';
      if (!paths.has(target)) {
        problems.push({ file: document.relativePath, field: 'body', message: `the link to ${target} leads to no page: use an address from content/README.md, with the trailing slash` });
      } else if (!target.startsWith(`/${document.lang}/`)) {
        problems.push({ file: document.relativePath, field: 'body', message: `the link to ${target} leaves the page's language: link to the ${document.lang} version` });
      }
    }
  }
}

interface SchoolQuestion {
  key: string;
  options: { key: string; correct: boolean }[];
}

/**
 * The course's rules: modules and lessons belong to a course and module that exist, a module has
 * two to four lessons, each question exactly one right answer, the hours add up to what the law
 * asks (42 to 60 academic hours), and every language has the same questions with the same right
 * answers (a learner may switch language in the middle of a test).
 */
function checkSchool(documents: readonly CheckedDocument[], problems: Problem[]): void {
  const of = (collection: CollectionName, lang: Locale) =>
    documents.filter((document) => document.collection === collection && document.lang === lang);
  for (const lang of locales) {
    const courses = of('courses', lang);
    const modules = of('modules', lang);
    const lessons = of('lessons', lang);
    for (const module of modules) {
      const course = module.data['course'] as string;
      if (!courses.some((candidate) => candidate.translationKey === course)) {
        problems.push({ file: module.relativePath, field: 'course', message: `there is no course "${course}" in ${lang}: add courses/${lang}/${course}.yaml or correct the key` });
      }
      if (reservedSchoolKeys.has(module.translationKey)) {
        problems.push({ file: module.relativePath, field: 'translationKey', message: `"${module.translationKey}" is a word the course's addresses use: choose another key` });
      }
      const own = lessons.filter((lesson) => lesson.data['module'] === module.translationKey);
      if (own.length < 2 || own.length > 4) {
        problems.push({ file: module.relativePath, message: `a module has two to four lessons; "${module.translationKey}" has ${own.length} in ${lang}` });
      }
      const orders = own.map((lesson) => lesson.data['order'] as number);
      if (new Set(orders).size !== orders.length) {
        problems.push({ file: module.relativePath, message: `two lessons of "${module.translationKey}" have the same order: number them 1, 2, 3…` });
      }
      const questions = module.data['questions'] as SchoolQuestion[];
      const questionKeys = new Set<string>();
      questions.forEach((question, index) => {
        if (questionKeys.has(question.key)) {
          problems.push({ file: module.relativePath, field: `questions[${index}].key`, message: `"${question.key}" is used twice: give each question its own key` });
        }
        questionKeys.add(question.key);
        if (question.options.filter((option) => option.correct).length !== 1) {
          problems.push({ file: module.relativePath, field: `questions[${index}].options`, message: 'mark exactly one answer as correct: true' });
        }
        if (new Set(question.options.map((option) => option.key)).size !== question.options.length) {
          problems.push({ file: module.relativePath, field: `questions[${index}].options`, message: 'give each answer its own letter' });
        }
      });
    }
    for (const lesson of lessons) {
      const module = lesson.data['module'] as string;
      if (!modules.some((candidate) => candidate.translationKey === module)) {
        problems.push({ file: lesson.relativePath, field: 'module', message: `there is no module "${module}" in ${lang}: add modules/${lang}/${module}.yaml or correct the key` });
      }
      if (reservedSchoolKeys.has(lesson.translationKey)) {
        problems.push({ file: lesson.relativePath, field: 'translationKey', message: `"${lesson.translationKey}" is a word the course's addresses use: choose another key` });
      }
    }
    for (const course of courses) {
      const hours = modules
        .filter((module) => module.data['course'] === course.translationKey)
        .reduce((sum, module) => sum + (module.data['academicHours'] as number), 0);
      if (hours < 42 || hours > 60) {
        problems.push({ file: course.relativePath, message: `the modules of "${course.translationKey}" add up to ${hours} academic hours in ${lang}; the school runs 42 to 60` });
      }
    }
  }
  // The same rules and answers in every language, compared with the first language.
  const shape = (document: CheckedDocument): string => {
    if (document.collection === 'modules') {
      const questions = (document.data['questions'] as SchoolQuestion[]).map((question) => [
        question.key,
        question.options.map((option) => `${option.key}${option.correct ? '*' : ''}`).join(''),
      ]);
      return JSON.stringify([document.data['course'], document.data['order'], document.data['academicHours'], questions]);
    }
    if (document.collection === 'lessons') return JSON.stringify([document.data['module'], document.data['order']]);
    return JSON.stringify(['questionsPerTest', 'passMark', 'retryPauseMinutes', 'requiredGroupHours'].map((field) => document.data[field]));
  };
  for (const document of documents) {
    if (document.collection !== 'courses' && document.collection !== 'modules' && document.collection !== 'lessons') continue;
    const reference = documents.find(
      (other) => other.collection === document.collection && other.translationKey === document.translationKey && other.lang === locales[0],
    );
    if (!reference || reference === document) continue;
    if (shape(document) !== shape(reference)) {
      problems.push({
        file: document.relativePath,
        message: `the course, order, hours, question keys, answer letters and right answers must be the same as in ${reference.relativePath}`,
      });
    }
  }
}

/** Fields that hold addresses or keys, not text a reader reads. */
const untextualFields = new Set(['url', 'translationKey', 'date', 'module', 'course']);

/** Titles of the documents a page cites: quoted as their publishers wrote them, not in the site's style. */
const citedTitle = /^(?:sources\[\d+\]|source|legalBasis\[\d+\])\.title$/;

/** Every text a reader sees keeps the house style of its language (`style.ts`). */
function checkStyle(documents: readonly CheckedDocument[], problems: Problem[]): void {
  for (const document of documents) {
    const texts = [...textFields(document.data)].filter(
      ([field]) => !untextualFields.has(field.split('.').at(-1) ?? '') && !citedTitle.test(field),
    );
    if (document.body !== undefined) texts.push(['body', document.body]);
    for (const [field, text] of texts) {
      for (const message of styleProblems(document.lang, text)) problems.push({ file: document.relativePath, field, message });
    }
  }
}

/** Checks a whole set of content documents; the documents are returned only if there are no problems. */
export function checkContent(raw: readonly RawDocument[]): { problems: Problem[]; documents: CheckedDocument[] } {
  const problems: Problem[] = [];
  const documents = raw.map((file) => checkFile(file, problems)).filter((d): d is CheckedDocument => d !== undefined);
  checkTranslations(documents, problems);
  checkRequired(documents, problems);
  checkFigures(documents, problems);
  checkReferences(documents, problems);
  checkLinks(documents, problems);
  checkSchool(documents, problems);
  checkStyle(documents, problems);
  return { problems, documents };
}
