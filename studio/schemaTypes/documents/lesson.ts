import { DocumentsIcon } from '@sanity/icons/Documents';
import { defineArrayMember, defineField, defineType } from 'sanity';
import {
  bodyField,
  descriptionField,
  keyField,
  languageField,
  optionalSourcesField,
  orderField,
  titleField,
  translationKeyField,
} from '../fields.ts';

/** A lesson of a course module. Its Markdown body is the lesson's text; its page is addressed by its key. */
export const lesson = defineType({
  name: 'lesson',
  title: 'Lesson',
  type: 'document',
  icon: DocumentsIcon,
  groups: [
    { name: 'main', title: 'Main', default: true },
    { name: 'after', title: 'Key points and reflection' },
  ],
  fields: [
    languageField,
    {
      ...translationKeyField,
      description:
        'The same in the Kazakh, Russian and English versions, in lower-case Latin letters, for example "why-children-test-limits". It is also the last part of the lesson\'s address, and learners\' progress is kept under it: do not change it once published. Do not use test, attempts, certificate, start, progress or answer.',
      group: 'main',
    },
    { ...titleField, group: 'main' },
    { ...descriptionField, group: 'main' },
    {
      ...keyField('module', 'Module (translation key)', {
        description: 'The translation key of the module this lesson belongs to, for example "first-days".',
        required: 'Write the translation key of the module this lesson belongs to.',
      }),
      group: 'main',
    },
    {
      ...orderField,
      title: 'Position in the module',
      description: '1 is the first lesson of the module. The same in the three language versions.',
      group: 'main',
    },
    {
      ...bodyField,
      title: 'Lesson text (Markdown)',
      description:
        'The text of the lesson in Markdown: "## " starts a section heading, "- " a list item, [text](/kk/...) a link. The lesson title is added above it.',
      validation: (rule) => rule.required().error('Write the text of the lesson.'),
      group: 'main',
    },
    defineField({
      name: 'keyPoints',
      title: 'Key points',
      description: 'What the learner should remember: two to six short sentences, shown after the text.',
      type: 'array',
      of: [defineArrayMember({ type: 'string' })],
      validation: (rule) => [
        rule.required().min(2).error('Write at least two key points.'),
        rule.max(6).error('Keep to six key points at most.'),
      ],
      group: 'after',
    }),
    defineField({
      name: 'reflection',
      title: 'To think over',
      description: 'A question or a small task for the learner to think over, on their own or with their family.',
      type: 'text',
      rows: 3,
      validation: (rule) => rule.required().error('Write a question or a small task for the learner to think over.'),
      group: 'after',
    }),
    { ...optionalSourcesField, group: 'after' },
  ],
  orderings: [
    {
      title: 'Module, then position',
      name: 'moduleOrder',
      by: [
        { field: 'module', direction: 'asc' },
        { field: 'order', direction: 'asc' },
      ],
    },
  ],
  preview: {
    select: { title: 'title', order: 'order', module: 'module', language: 'language' },
    prepare: ({
      title,
      order,
      module,
      language,
    }: {
      title?: string;
      order?: number;
      module?: string;
      language?: string;
    }) => ({
      title: `${order ?? '?'}. ${title ?? 'Untitled lesson'}`,
      subtitle: [module ? `Module "${module}"` : 'No module', language].filter(Boolean).join(' · '),
    }),
  },
});
