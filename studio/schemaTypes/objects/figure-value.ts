import { defineField, defineType } from 'sanity';

/** One bar of a chart. */
export const figureValue = defineType({
  name: 'figureValue',
  title: 'Value',
  type: 'object',
  fields: [
    defineField({
      name: 'label',
      title: 'Label',
      type: 'string',
      validation: (rule) => rule.required().error('Write what this bar counts.'),
    }),
    defineField({
      name: 'value',
      title: 'Count',
      description: 'Leave empty where the source gives only a share.',
      type: 'number',
      validation: (rule) => rule.min(0).error('A count cannot be negative.'),
    }),
    defineField({
      name: 'share',
      title: 'Share, as the source gives it',
      description: 'For example 74.1%',
      type: 'string',
    }),
  ],
  preview: { select: { title: 'label', subtitle: 'share' } },
});
