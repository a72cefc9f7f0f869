import { BellIcon } from '@sanity/icons/Bell';
import { defineField, defineType } from 'sanity';
import {
  bodyField,
  descriptionField,
  languageField,
  slugField,
  sourcesField,
  titleField,
  translationKeyField,
} from '../fields.ts';

/** A news item. */
export const newsItem = defineType({
  name: 'newsItem',
  title: 'News item',
  type: 'document',
  icon: BellIcon,
  fields: [
    languageField,
    translationKeyField,
    titleField,
    slugField,
    descriptionField,
    defineField({
      name: 'date',
      title: 'Published',
      description: 'As precisely as the source says: 2020, 2020-07 or 2026-01-24.',
      type: 'string',
      validation: (rule) =>
        rule
          .required()
          .error('Write when the news was published.')
          .regex(/^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/)
          .error('Write a year (2020), a month (2020-07) or a date (2026-01-24).'),
    }),
    bodyField,
    sourcesField,
  ],
  orderings: [{ title: 'Newest first', name: 'date', by: [{ field: 'date', direction: 'desc' }] }],
  preview: { select: { title: 'title', subtitle: 'date' } },
});
