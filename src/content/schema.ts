/**
 * The content model: one zod schema per document type. Files in `content/` are validated against
 * these at build time (through Astro content collections and `check.ts`), and the Sanity Studio
 * schema describes the same documents. A document's language and slug are not fields: they come
 * from its path, `content/<type>/<lang>/<slug>.<ext>`, so a file cannot contradict its place.
 */
import { z } from 'zod';

/** Lower-case Latin words joined by hyphens: safe in a URL without percent-encoding. */
const slugPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const key = z
  .string()
  .regex(slugPattern, 'use lower-case Latin letters, digits and hyphens, for example "foster-family"');

const text = z.string().trim().min(1, 'write some text here; it must not be empty');

/** A date as precisely as a source gives it: a year, a month or a day. */
const partialDate = z
  .string()
  .regex(
    /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/,
    'write a year (2020), a month (2020-07) or a date (2026-01-24)',
  );

/** Where a fact on the page comes from, so an editor can check it. */
export const sourceSchema = z.strictObject({
  /** The document's title, in the page's language. */
  title: text,
  /** Who published it (an authority, a newspaper, the seed document). */
  publisher: text,
  /** When it was published, as precisely as known. */
  date: partialDate.optional(),
  /** A public address of the document, when there is one. */
  url: z.url({ message: 'write a full address starting with https://' }).optional(),
});

/** Fields every document with a page of its own has. */
const documentBase = z.strictObject({
  /** Links the kk, ru and en versions of one document; the same in all three files. */
  translationKey: key,
  /** The page title: shown as the heading and in the browser tab. */
  title: text.max(90, 'keep the title under 90 characters; longer titles are cut in search results'),
  /** One or two sentences for search engines and link previews. */
  description: text
    .min(50, 'write at least 50 characters: one full sentence about the page')
    .max(220, 'keep the description under 220 characters; search results cut longer ones'),
});

/** The documents a page's facts come from; at least one. Last in every document, as in print. */
const sources = z.array(sourceSchema).min(1, 'name at least one source for the facts on this page');

/** A question and its answer, shown on a guide page. */
export const faqItemSchema = z.strictObject({
  question: text,
  answer: text,
});

/** One step of a procedure, in order. */
export const stepSchema = z.strictObject({
  title: text,
  text: text,
});

/** A document the applicant brings or submits. */
export const requiredDocumentSchema = z.strictObject({
  name: text,
  /** When it is needed, or where to get it. */
  note: text.optional(),
});

/** A law or regulation the guide rests on. */
export const legalBasisSchema = z.strictObject({
  title: text,
  /** Which articles or points, or what it says, in a sentence. */
  note: text.optional(),
  url: z.url({ message: 'write a full address starting with https://' }).optional(),
});

export const placementForms = [
  'adoption',
  'guardianship',
  'patronage',
  'foster-family',
  'guest-family',
  'family-type-home',
  'mentorship',
] as const;

/** A guide to one form of family placement. The Markdown body explains what the form is. */
export const guideSchema = documentBase.extend({
  translationKey: z.enum(placementForms, {
    message: `use one of the forms of placement: ${placementForms.join(', ')}`,
  }),
  /** Position in lists: 1 comes first. */
  order: z.number().int().min(1),
  /** One paragraph for the card on the home page. */
  summary: text.max(300, 'keep the summary under 300 characters: it is shown on a card'),
  whoCan: z.array(text).min(1, 'say who can take up this form'),
  /** Empty lists may be left out: an editor of the Studio may never open them. */
  whoCannot: z.array(text).default([]),
  steps: z.array(stepSchema).min(1, 'list the steps, in order'),
  documents: z.array(requiredDocumentSchema).default([]),
  /** Support and payments the family gets, as far as the sources say. */
  support: z.array(text).default([]),
  faq: z.array(faqItemSchema).default([]),
  legalBasis: z.array(legalBasisSchema).min(1, 'name the law this form rests on'),
  /** Whom to contact, in a sentence or two. */
  contact: text,
  sources,
});

export const pageTemplates = ['home', 'prose', 'school', 'statistics', 'districts'] as const;

/** A page of prose (the home page, the school, privacy, accessibility, statistics, districts). */
export const pageSchema = documentBase.extend({
  /** How the page is laid out; statistics and districts add their data below the prose. */
  template: z.enum(pageTemplates).default('prose'),
  /** Short facts shown as a list beside the text (used by the school page). */
  keyFacts: z.array(z.strictObject({ label: text, value: text })).default([]),
  sources,
});

/** A news item. */
export const newsSchema = documentBase.extend({
  /** When the news was published, as precisely as the source says: 2020, 2020-07 or 2026-01-24. */
  date: partialDate,
  sources,
});

/** One bar of a chart. */
export const figureValueSchema = z.strictObject({
  label: text,
  /** The count; null where the source gives only a share. */
  value: z.number().nonnegative().nullable(),
  /** The share exactly as the source gives it ("74.1%"): sources do not always add up. */
  share: z.string().optional(),
});

/** A set of figures drawn as one chart on the statistics page. */
export const figureSetSchema = z.strictObject({
  translationKey: key,
  title: text,
  /** What the chart shows, in a sentence: the text alternative of the picture. */
  description: text,
  /** Whether the figures are for the region or the whole country. */
  scope: z.enum(['region', 'national']),
  /** What is counted, in the plural ("children", "homes"). */
  unit: text,
  /** Position on the statistics page: 1 comes first. */
  order: z.number().int().min(1),
  /** The year or period the figures describe, as the source gives it. */
  period: text,
  values: z.array(figureValueSchema).min(1, 'a chart needs at least one value'),
  /** A caveat shown under the chart (for example, shares that do not add up). */
  note: text.optional(),
  source: sourceSchema,
});

/** The guardianship and custody authority of a district; only what a source gives. */
export const authoritySchema = z.strictObject({
  name: text,
  address: text.optional(),
  phone: z
    .string()
    .regex(/^\+7 \d{3} \d{3} \d{2} \d{2}$/, 'write the phone as +7 XXX XXX XX XX')
    .optional(),
  email: z.email({ message: 'write a full email address' }).optional(),
  hours: text.optional(),
  source: sourceSchema.optional(),
});

/** A district (or city) of a region and its guardianship authority. */
export const districtSchema = z.strictObject({
  translationKey: key,
  /** The translationKey of the region the district belongs to. */
  region: key,
  name: text,
  kind: z.enum(['city', 'district']),
  order: z.number().int().min(1),
  authority: authoritySchema.optional(),
});

/** A region the portal serves. */
export const regionSchema = z.strictObject({
  translationKey: key,
  name: text,
  /** The region's administrative centre. */
  centre: text,
  /** The department that runs the portal for this region. */
  department: text,
});

/** Settings of the whole site, one file per language. */
export const settingsSchema = z.strictObject({
  translationKey: z.literal('settings'),
  siteName: text.max(40),
  tagline: text.max(120),
  /** The translationKey of the region this deployment serves. */
  region: key,
  /** Shown in the footer: who runs the portal. */
  publisher: text,
});

/**
 * The School of adoptive parents online. A course is made of modules; a module of lessons (Markdown
 * documents of their own) and a bank of test questions. Keys, not slugs, link them, and the same keys
 * are used in every language, so a learner's progress holds when they switch language.
 */
export const courseSchema = documentBase.extend({
  /** The course's name as it is printed on the certificate. */
  certificateTitle: text.max(160, 'keep the name on the certificate under 160 characters'),
  /** How many questions a module's test draws from its bank. */
  questionsPerTest: z.number().int().min(5).max(30).default(10),
  /** The share of right answers that passes a test: 0.8 is 80%. */
  passMark: z.number().min(0.5).max(1).default(0.8),
  /** How long a learner waits after a failed test before a new attempt, in minutes. */
  retryPauseMinutes: z.number().int().min(0).max(10080).default(60),
  /** Academic hours of group sessions with the school's psychologist the course requires; 0 for none. */
  requiredGroupHours: z.number().min(0).max(60).default(0),
  sources,
});

/** One answer to a test question, with the reason it is right or wrong (shown after the test). */
export const answerOptionSchema = z.strictObject({
  /** a, b, c…: the same in every language. */
  key: z.string().regex(/^[a-f]$/, 'use a single letter from a to f'),
  text,
  correct: z.boolean().default(false),
  /** Why this answer is right, or why it is wrong: the learner reads it after the test. */
  explanation: text,
});

/** A question of a module's test bank. */
export const questionSchema = z.strictObject({
  /** The same in every language: answers are stored under it. */
  key,
  text,
  options: z.array(answerOptionSchema).min(3, 'give at least three answers').max(6, 'give at most six answers'),
});

/** A module of a course: its lessons are documents of their own that name it. */
export const moduleSchema = documentBase.extend({
  /** The translationKey of the course. */
  course: key,
  /** Position in the course: 1 comes first. */
  order: z.number().int().min(1),
  /** Academic hours this module counts for. */
  academicHours: z.number().positive().max(20),
  /** The test bank: a test draws its questions from here. */
  questions: z.array(questionSchema).min(12, 'write at least 12 questions for the test bank'),
  sources: z.array(sourceSchema).default([]),
});

/** A lesson of a module. The Markdown body is the lesson's text. */
export const lessonSchema = documentBase.extend({
  /** The translationKey of the module. */
  module: key,
  /** Position in the module: 1 comes first. */
  order: z.number().int().min(1),
  /** What to remember: two to six short sentences. */
  keyPoints: z.array(text).min(2, 'write at least two key points').max(6, 'keep to six key points at most'),
  /** A question or small task for the learner to think over, on their own or with their family. */
  reflection: text,
  /** Where the facts and rules in the lesson come from; a lesson of advice only may leave it empty. */
  sources: z.array(sourceSchema).default([]),
});

export type Guide = z.infer<typeof guideSchema>;
export type Page = z.infer<typeof pageSchema>;
export type News = z.infer<typeof newsSchema>;
export type FigureSet = z.infer<typeof figureSetSchema>;
export type District = z.infer<typeof districtSchema>;
export type Region = z.infer<typeof regionSchema>;
export type Settings = z.infer<typeof settingsSchema>;
export type Course = z.infer<typeof courseSchema>;
export type CourseModule = z.infer<typeof moduleSchema>;
export type Lesson = z.infer<typeof lessonSchema>;
export type Question = z.infer<typeof questionSchema>;

/**
 * Every collection: its folder under `content/`, the file extension its documents use, and its
 * schema. Markdown files keep prose in the body; YAML files are purely structured.
 */
export const collections = {
  guides: { ext: 'md', schema: guideSchema },
  pages: { ext: 'md', schema: pageSchema },
  news: { ext: 'md', schema: newsSchema },
  figures: { ext: 'yaml', schema: figureSetSchema },
  districts: { ext: 'yaml', schema: districtSchema },
  regions: { ext: 'yaml', schema: regionSchema },
  settings: { ext: 'yaml', schema: settingsSchema },
  courses: { ext: 'yaml', schema: courseSchema },
  modules: { ext: 'yaml', schema: moduleSchema },
  lessons: { ext: 'md', schema: lessonSchema },
} as const;

export type CollectionName = keyof typeof collections;
