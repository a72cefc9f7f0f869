import { defineField, defineType } from 'sanity';

/** A document the facts on a page come from. */
export const source = defineType({
  name: 'source',
  title: 'Source',
  type: 'object',
  fields: [
    defineField({
      name: 'title',
      title: 'Title',
      type: 'string',
      validation: (rule) => rule.required().error("Write the source's title, in the page's language."),
    }),
    defineField({
      name: 'publisher',
      title: 'Publisher',
      description: 'Who published it: the outlet, the authority or the legal database, so a reader can find it.',
      type: 'string',
      validation: (rule) =>
        rule.required().error('Name who published the source (the outlet, the authority or the legal database).'),
    }),
    defineField({
      name: 'date',
      title: 'Date',
      description: 'A year (2020), a month (2020-07) or a date (2026-01-24), as precisely as known.',
      type: 'string',
      validation: (rule) =>
        rule
          .regex(/^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/)
          .error('Write a year (2020), a month (2020-07) or a date (2026-01-24).'),
    }),
    defineField({
      name: 'url',
      title: 'Address',
      type: 'url',
      validation: (rule) =>
        rule.uri({ scheme: ['https', 'http'] }).error('Write a full address starting with https://'),
    }),
  ],
  preview: { select: { title: 'title', subtitle: 'publisher' } },
});
