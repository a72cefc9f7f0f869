import { DocumentTextIcon } from '@sanity/icons/DocumentText';
import { defineArrayMember, defineField, defineType } from 'sanity';
import {
  bodyField,
  descriptionField,
  languageField,
  slugField,
  sourcesField,
  titleField,
  translationKeyField,
} from '../fields.ts';

/** A page of prose: the home page, the school, statistics, districts, privacy, accessibility. */
export const page = defineType({
  name: 'page',
  title: 'Page',
  type: 'document',
  icon: DocumentTextIcon,
  fields: [
    languageField,
    translationKeyField,
    titleField,
    slugField,
    descriptionField,
    defineField({
      name: 'template',
      title: 'Layout',
      description: 'Statistics and districts add their charts or list below the text.',
      type: 'string',
      options: {
        list: [
          { value: 'home', title: 'Home page' },
          { value: 'prose', title: 'Text' },
          { value: 'school', title: 'School of adoptive parents' },
          { value: 'statistics', title: 'Statistics (adds the charts)' },
          { value: 'districts', title: 'Districts (adds the list of districts)' },
        ],
      },
      initialValue: 'prose',
    }),
    defineField({ name: 'keyFacts', title: 'Key facts', type: 'array', of: [defineArrayMember({ type: 'keyFact' })] }),
    bodyField,
    sourcesField,
  ],
  preview: { select: { title: 'title', subtitle: 'language' } },
});
