import { BookIcon } from '@sanity/icons/Book';
import { defineArrayMember, defineField, defineType } from 'sanity';
import {
  bodyField,
  descriptionField,
  languageField,
  orderField,
  slugField,
  sourcesField,
  textListField,
  titleField,
} from '../fields.ts';

export const placementForms = [
  { value: 'adoption', title: 'Adoption' },
  { value: 'guardianship', title: 'Guardianship and custody' },
  { value: 'patronage', title: 'Patronage' },
  { value: 'foster-family', title: 'Foster family' },
  { value: 'guest-family', title: 'Guest family' },
  { value: 'family-type-home', title: "Family-type children's home" },
  { value: 'mentorship', title: 'Mentorship' },
];

/** A guide to one form of family placement. */
export const guide = defineType({
  name: 'guide',
  title: 'Guide to a form of placement',
  type: 'document',
  icon: BookIcon,
  groups: [
    { name: 'main', title: 'Main', default: true },
    { name: 'who', title: 'Who can' },
    { name: 'how', title: 'Steps and documents' },
    { name: 'more', title: 'Support, questions, law' },
  ],
  fields: [
    languageField,
    defineField({
      name: 'translationKey',
      title: 'Form of placement',
      description: 'Which form this guide is about; the same in all three language versions.',
      type: 'string',
      options: { list: placementForms, layout: 'radio' },
      validation: (rule) => rule.required().error('Choose the form of placement this guide is about.'),
      group: 'main',
    }),
    { ...titleField, group: 'main' },
    { ...slugField, group: 'main' },
    { ...descriptionField, group: 'main' },
    { ...orderField, group: 'main' },
    defineField({
      name: 'summary',
      title: 'Summary',
      description: 'One paragraph for the card on the home page.',
      type: 'text',
      rows: 3,
      validation: (rule) => [
        rule.required().error('Write the summary shown on the home page card.'),
        rule.max(300).error('Shorten the summary to 300 characters: it is shown on a card.'),
      ],
      group: 'main',
    }),
    { ...bodyField, title: 'What it is (Markdown)', group: 'main' },
    { ...textListField('whoCan', 'Who can', { required: 'Say who can take up this form.' }), group: 'who' },
    { ...textListField('whoCannot', 'Who cannot'), group: 'who' },
    defineField({
      name: 'steps',
      title: 'Steps',
      type: 'array',
      of: [defineArrayMember({ type: 'step' })],
      validation: (rule) => rule.required().min(1).error('List the steps, in order.'),
      group: 'how',
    }),
    defineField({
      name: 'documents',
      title: 'Documents',
      type: 'array',
      of: [defineArrayMember({ type: 'requiredDocument' })],
      group: 'how',
    }),
    { ...textListField('support', 'Support and payments'), group: 'more' },
    defineField({
      name: 'faq',
      title: 'Questions and answers',
      type: 'array',
      of: [defineArrayMember({ type: 'faqItem' })],
      group: 'more',
    }),
    defineField({
      name: 'legalBasis',
      title: 'Legal basis',
      type: 'array',
      of: [defineArrayMember({ type: 'legalBasis' })],
      validation: (rule) => rule.required().min(1).error('Name the law this form rests on.'),
      group: 'more',
    }),
    defineField({
      name: 'contact',
      title: 'Whom to contact',
      type: 'text',
      rows: 3,
      validation: (rule) => rule.required().error('Say whom the reader should contact.'),
      group: 'more',
    }),
    { ...sourcesField, group: 'more' },
  ],
  orderings: [{ title: 'Position', name: 'order', by: [{ field: 'order', direction: 'asc' }] }],
  preview: { select: { title: 'title', subtitle: 'language' } },
});
