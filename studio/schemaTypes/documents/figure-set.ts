import { BarChartIcon } from '@sanity/icons/BarChart';
import { defineArrayMember, defineField, defineType } from 'sanity';
import { languageField, orderField, translationKeyField } from '../fields.ts';

/** A set of figures drawn as one chart on the statistics page. */
export const figureSet = defineType({
  name: 'figureSet',
  title: 'Figures (one chart)',
  type: 'document',
  icon: BarChartIcon,
  fields: [
    languageField,
    translationKeyField,
    defineField({
      name: 'title',
      title: 'Title',
      type: 'string',
      validation: (rule) => rule.required().error('Write the title of the chart.'),
    }),
    defineField({
      name: 'description',
      title: 'What the chart shows',
      description: 'One sentence with the numbers: read aloud to people who cannot see the chart.',
      type: 'text',
      rows: 3,
      validation: (rule) => rule.required().error('Describe the chart in one sentence with its numbers.'),
    }),
    defineField({
      name: 'scope',
      title: 'Scope',
      type: 'string',
      options: {
        list: [
          { value: 'region', title: 'The region' },
          { value: 'national', title: 'Kazakhstan' },
        ],
        layout: 'radio',
      },
      validation: (rule) => rule.required().error('Say whether the figures are for the region or the country.'),
    }),
    defineField({
      name: 'unit',
      title: 'What is counted',
      description: 'In the plural: children, homes.',
      type: 'string',
      validation: (rule) => rule.required().error('Say what is counted.'),
    }),
    orderField,
    defineField({
      name: 'period',
      title: 'Period',
      description: 'As the source gives it.',
      type: 'string',
      validation: (rule) => rule.required().error('Say which year or period the figures describe.'),
    }),
    defineField({
      name: 'values',
      title: 'Values',
      description: 'The same numbers, in the same order, in all three languages.',
      type: 'array',
      of: [defineArrayMember({ type: 'figureValue' })],
      validation: (rule) => rule.required().min(1).error('A chart needs at least one value.'),
    }),
    defineField({ name: 'note', title: 'Note under the chart', type: 'text', rows: 2 }),
    defineField({
      name: 'source',
      title: 'Source',
      type: 'source',
      validation: (rule) => rule.required().error('Name the source of the figures.'),
    }),
  ],
  preview: { select: { title: 'title', subtitle: 'language' } },
});
