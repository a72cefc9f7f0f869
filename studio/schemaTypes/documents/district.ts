import { PinIcon } from '@sanity/icons/Pin';
import { defineField, defineType } from 'sanity';
import { languageField, orderField, translationKeyField } from '../fields.ts';

/** A district (or city) of a region and its guardianship authority. */
export const district = defineType({
  name: 'district',
  title: 'District',
  type: 'document',
  icon: PinIcon,
  fields: [
    languageField,
    translationKeyField,
    defineField({
      name: 'region',
      title: 'Region (translation key)',
      type: 'string',
      validation: (rule) => rule.required().error('Write the translation key of the region, for example "zhambyl".'),
    }),
    defineField({
      name: 'name',
      title: 'Name',
      type: 'string',
      validation: (rule) => rule.required().error('Write the name of the district or city.'),
    }),
    defineField({
      name: 'kind',
      title: 'Kind',
      type: 'string',
      options: {
        list: [
          { value: 'city', title: 'City' },
          { value: 'district', title: 'District' },
        ],
        layout: 'radio',
      },
      validation: (rule) => rule.required().error('Choose city or district.'),
    }),
    orderField,
    defineField({
      name: 'authority',
      title: 'Guardianship authority',
      description: 'Fill in only what an official source confirms; leave empty otherwise.',
      type: 'authority',
    }),
  ],
  orderings: [{ title: 'Position', name: 'order', by: [{ field: 'order', direction: 'asc' }] }],
  preview: { select: { title: 'name', subtitle: 'language' } },
});
