import { OlistIcon } from '@sanity/icons/Olist';
import { defineArrayMember, defineField, defineType } from 'sanity';
import { schoolCourse } from '../../../src/content/check.ts';
import {
  descriptionField,
  keyField,
  languageField,
  optionalSourcesField,
  orderField,
  titleField,
  translationKeyField,
} from '../fields.ts';

/** A module of a course: its lessons are documents of their own that name it; its test bank is here. */
export const courseModule = defineType({
  name: 'courseModule',
  title: 'Course module',
  type: 'document',
  icon: OlistIcon,
  groups: [
    { name: 'main', title: 'Main', default: true },
    { name: 'test', title: 'Test questions' },
  ],
  fields: [
    languageField,
    {
      ...translationKeyField,
      description:
        'The same in the Kazakh, Russian and English versions, in lower-case Latin letters, for example "first-days". Lessons name their module by it and learners\' progress is kept under it: do not change it once published. Do not use test, attempts, certificate, start, progress or answer: the course\'s addresses use these words.',
      group: 'main',
    },
    { ...titleField, group: 'main' },
    { ...descriptionField, group: 'main' },
    {
      ...keyField('course', 'Course (translation key)', {
        description: `The translation key of the course this module belongs to: "${schoolCourse}" for the School of adoptive parents.`,
        required: `Write the translation key of the course, for example "${schoolCourse}".`,
      }),
      initialValue: schoolCourse,
      group: 'main',
    },
    {
      ...orderField,
      title: 'Position in the course',
      description: '1 is the first module. The same in the three language versions.',
      group: 'main',
    },
    defineField({
      name: 'academicHours',
      title: 'Academic hours',
      description:
        'How many academic hours this module counts for; the modules of a course add up to 42 to 60 hours. The same in the three language versions.',
      type: 'number',
      validation: (rule) =>
        rule.required().positive().max(20).error('Give the academic hours of the module: more than 0, at most 20.'),
      group: 'main',
    }),
    defineField({
      name: 'questions',
      title: 'Test questions',
      description:
        "The module's question bank: each test draws its questions from here, so write at least 12. The same questions, with the same keys, answer letters and right answers, in the three language versions.",
      type: 'array',
      of: [defineArrayMember({ type: 'testQuestion' })],
      validation: (rule) => [
        rule.required().min(12).error('Write at least 12 questions for the test bank.'),
        rule.custom((questions: { key?: string }[] | undefined) => {
          const keys = (questions ?? []).map((question) => question.key).filter((key) => key !== undefined);
          return new Set(keys).size === keys.length ? true : 'Give each question its own key: two questions share one.';
        }),
      ],
      group: 'test',
    }),
    { ...optionalSourcesField, group: 'main' },
  ],
  orderings: [{ title: 'Position in the course', name: 'order', by: [{ field: 'order', direction: 'asc' }] }],
  preview: {
    select: { title: 'title', order: 'order', language: 'language' },
    prepare: ({ title, order, language }: { title?: string; order?: number; language?: string }) => ({
      title: `${order ?? '?'}. ${title ?? 'Untitled module'}`,
      ...(language ? { subtitle: language } : {}),
    }),
  },
});
