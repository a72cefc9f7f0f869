import { defineField, defineType } from 'sanity';

/** One step of a procedure, in order. */
export const step = defineType({
  name: 'step',
  title: 'Step',
  type: 'object',
  fields: [
    defineField({
      name: 'title',
      title: 'Step',
      type: 'string',
      validation: (rule) => rule.required().error('Name the step in a few words.'),
    }),
    defineField({
      name: 'text',
      title: 'What happens',
      type: 'text',
      rows: 3,
      validation: (rule) => rule.required().error('Say what happens at this step.'),
    }),
  ],
  preview: { select: { title: 'title', subtitle: 'text' } },
});
