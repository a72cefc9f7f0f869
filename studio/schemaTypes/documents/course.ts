import { PresentationIcon } from '@sanity/icons/Presentation';
import { defineField, defineType } from 'sanity';
import { schoolCourse } from '../../../src/content/check.ts';
import { descriptionField, languageField, sourcesField, titleField, translationKeyField } from '../fields.ts';

/** A course of the School of adoptive parents: its name, its certificate and the rules of its tests. */
export const course = defineType({
  name: 'course',
  title: 'Course',
  type: 'document',
  icon: PresentationIcon,
  groups: [
    { name: 'main', title: 'Main', default: true },
    { name: 'rules', title: 'Tests and hours' },
  ],
  fields: [
    languageField,
    {
      ...translationKeyField,
      description: `The same in the Kazakh, Russian and English versions: "${schoolCourse}" for the course of the School of adoptive parents. Modules name their course by this key; do not change it once published.`,
      initialValue: schoolCourse,
      group: 'main',
    },
    { ...titleField, group: 'main' },
    { ...descriptionField, group: 'main' },
    defineField({
      name: 'certificateTitle',
      title: 'Name on the certificate',
      description: 'The name of the course exactly as it is printed on the certificate a learner receives.',
      type: 'string',
      validation: (rule) => [
        rule.required().error('Write the name of the course as the certificate shows it.'),
        rule.max(160).error('Shorten the name on the certificate to 160 characters or fewer.'),
      ],
      group: 'main',
    }),
    defineField({
      name: 'questionsPerTest',
      title: 'Questions per test',
      description:
        "How many questions each module's test draws from the module's question bank: from 5 to 30. Left empty, it is 10.",
      type: 'number',
      initialValue: 10,
      validation: (rule) => rule.integer().min(5).max(30).error('Give a whole number from 5 to 30.'),
      group: 'rules',
    }),
    defineField({
      name: 'passMark',
      title: 'Pass mark',
      description:
        'The share of right answers that passes a test, as a decimal: 0.8 means 80%. From 0.5 to 1. Left empty, it is 0.8.',
      type: 'number',
      initialValue: 0.8,
      validation: (rule) => rule.min(0.5).max(1).error('Give a decimal from 0.5 to 1, for example 0.8 for 80%.'),
      group: 'rules',
    }),
    defineField({
      name: 'retryPauseMinutes',
      title: 'Pause after a failed test (minutes)',
      description:
        'How long a learner waits after failing a test before trying again, in minutes: 60 is an hour, 1440 a day, 10080 (a week) at most. 0 lets them try again at once. Left empty, it is 60.',
      type: 'number',
      initialValue: 60,
      validation: (rule) => rule.integer().min(0).max(10080).error('Give a whole number of minutes from 0 to 10080.'),
      group: 'rules',
    }),
    defineField({
      name: 'requiredGroupHours',
      title: 'Group sessions required (academic hours)',
      description:
        "Academic hours of group sessions with the school's psychologist that the course requires besides the online modules; 0 for none. At most 60. Left empty, it is 0.",
      type: 'number',
      initialValue: 0,
      validation: (rule) => rule.min(0).max(60).error('Give a number of academic hours from 0 to 60.'),
      group: 'rules',
    }),
    { ...sourcesField, group: 'main' },
  ],
  preview: { select: { title: 'title', subtitle: 'language' } },
});
