import { EarthGlobeIcon } from '@sanity/icons/EarthGlobe';
import { defineField, defineType } from 'sanity';
import { languageField, translationKeyField } from '../fields.ts';

/** A region the portal serves. */
export const region = defineType({
  name: 'region',
  title: 'Region',
  type: 'document',
  icon: EarthGlobeIcon,
  fields: [
    languageField,
    translationKeyField,
    defineField({
      name: 'name',
      title: 'Name',
      type: 'string',
      validation: (rule) => rule.required().error('Write the name of the region.'),
    }),
    defineField({
      name: 'centre',
      title: 'Administrative centre',
      type: 'string',
      validation: (rule) => rule.required().error('Write the administrative centre.'),
    }),
    defineField({
      name: 'department',
      title: 'Department that runs the portal',
      type: 'string',
      validation: (rule) => rule.required().error('Write the name of the department.'),
    }),
  ],
  preview: { select: { title: 'name', subtitle: 'language' } },
});
