import { defineField, defineType } from 'sanity';

/** A law or regulation a guide rests on. */
export const legalBasis = defineType({
  name: 'legalBasis',
  title: 'Law',
  type: 'object',
  fields: [
    defineField({
      name: 'title',
      title: 'Name of the law',
      type: 'string',
      validation: (rule) => rule.required().error('Write the official name of the law.'),
    }),
    defineField({ name: 'note', title: 'Which articles, or what it says', type: 'text', rows: 2 }),
    defineField({
      name: 'url',
      title: 'Address of the official text',
      type: 'url',
      validation: (rule) =>
        rule.uri({ scheme: ['https', 'http'] }).error('Write a full address starting with https://'),
    }),
  ],
});
