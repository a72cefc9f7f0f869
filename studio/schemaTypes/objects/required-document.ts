import { defineField, defineType } from 'sanity';

/** A document the applicant brings or submits. */
export const requiredDocument = defineType({
  name: 'requiredDocument',
  title: 'Document to submit',
  type: 'object',
  fields: [
    defineField({
      name: 'name',
      title: 'Document',
      type: 'string',
      validation: (rule) => rule.required().error('Name the document.'),
    }),
    defineField({ name: 'note', title: 'When it is needed, or where to get it', type: 'string' }),
  ],
  preview: { select: { title: 'name', subtitle: 'note' } },
});
