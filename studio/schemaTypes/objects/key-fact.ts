import { defineField, defineType } from 'sanity';

/** A short fact shown as a list beside a page's text. */
export const keyFact = defineType({
  name: 'keyFact',
  title: 'Key fact',
  type: 'object',
  fields: [
    defineField({
      name: 'label',
      title: 'Label',
      type: 'string',
      validation: (rule) => rule.required().error('Write the label, for example "Duration".'),
    }),
    defineField({
      name: 'value',
      title: 'Value',
      type: 'string',
      validation: (rule) => rule.required().error('Write the value, for example "42 to 60 academic hours".'),
    }),
  ],
  preview: { select: { title: 'label', subtitle: 'value' } },
});
