import { HelpCircleIcon } from '@sanity/icons/HelpCircle';
import { defineArrayMember, defineField, defineType } from 'sanity';
import { keyPattern } from '../fields.ts';

/** A question of a module's test bank, with three to six answers. */
export const testQuestion = defineType({
  name: 'testQuestion',
  title: 'Test question',
  type: 'object',
  icon: HelpCircleIcon,
  fields: [
    defineField({
      name: 'key',
      title: 'Question key',
      description:
        'A short name for the question in lower-case Latin letters, digits and hyphens, for example "first-week-routine". The same in the three language versions: learners\' answers are stored under it, so do not change it once published.',
      type: 'string',
      validation: (rule) =>
        rule
          .required()
          .error('Give the question a key: the same in all three language versions.')
          .regex(keyPattern, { name: 'key' })
          .error('Use lower-case Latin letters, digits and hyphens only, for example "first-week-routine".'),
    }),
    defineField({
      name: 'text',
      title: 'Question',
      description: 'The question as the learner reads it in the test.',
      type: 'text',
      rows: 2,
      validation: (rule) => rule.required().error('Write the question.'),
    }),
    defineField({
      name: 'options',
      title: 'Answers',
      description:
        'Three to six answers, lettered a, b, c…; mark exactly one as the right answer. The same letters and the same right answer in the three language versions.',
      type: 'array',
      of: [defineArrayMember({ type: 'answerOption' })],
      validation: (rule) => [
        rule.required().min(3).error('Give at least three answers.'),
        rule.max(6).error('Give at most six answers.'),
        rule.custom((options: { key?: string; correct?: boolean }[] | undefined) => {
          if (!options?.length) return true;
          if (options.filter((option) => option.correct === true).length !== 1) {
            return 'Mark exactly one answer as the right answer.';
          }
          const letters = options.map((option) => option.key).filter((key) => key !== undefined);
          return new Set(letters).size === letters.length ? true : 'Give each answer its own letter.';
        }),
      ],
    }),
  ],
  preview: { select: { title: 'text', subtitle: 'key' } },
});
