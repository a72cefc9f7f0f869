import { defineField, defineType } from 'sanity';

/** A question and its answer on a guide. */
export const faqItem = defineType({
  name: 'faqItem',
  title: 'Question and answer',
  type: 'object',
  fields: [
    defineField({
      name: 'question',
      title: 'Question',
      type: 'string',
      validation: (rule) => rule.required().error('Write the question.'),
    }),
    defineField({
      name: 'answer',
      title: 'Answer',
      type: 'text',
      rows: 4,
      validation: (rule) => rule.required().error('Write the answer.'),
    }),
  ],
  preview: { select: { title: 'question', subtitle: 'answer' } },
});
