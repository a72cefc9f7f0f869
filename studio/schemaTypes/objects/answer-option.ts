import { CheckmarkCircleIcon } from '@sanity/icons/CheckmarkCircle';
import { defineField, defineType } from 'sanity';

/** One answer to a test question, with the reason it is right or wrong (shown after the test). */
export const answerOption = defineType({
  name: 'answerOption',
  title: 'Answer',
  type: 'object',
  icon: CheckmarkCircleIcon,
  fields: [
    defineField({
      name: 'key',
      title: 'Letter',
      description: 'a, b, c, d, e or f: the same letter for this answer in the three language versions.',
      type: 'string',
      validation: (rule) =>
        rule
          .required()
          .error('Give the answer its letter, from a to f.')
          .regex(/^[a-f]$/, { name: 'letter' })
          .error('Use a single letter from a to f.'),
    }),
    defineField({
      name: 'text',
      title: 'Answer',
      description: 'The answer as the learner reads it in the test.',
      type: 'text',
      rows: 2,
      validation: (rule) => rule.required().error('Write the answer.'),
    }),
    defineField({
      name: 'correct',
      title: 'This is the right answer',
      description: 'Switch on for the one right answer of the question; leave off for the others.',
      type: 'boolean',
      initialValue: false,
    }),
    defineField({
      name: 'explanation',
      title: 'Why it is right or wrong',
      description:
        'One or two sentences the learner reads after the test: why this answer is right, or why it is wrong.',
      type: 'text',
      rows: 3,
      validation: (rule) => rule.required().error('Explain why this answer is right or wrong.'),
    }),
  ],
  preview: {
    select: { key: 'key', text: 'text', correct: 'correct' },
    prepare: ({ key, text, correct }: { key?: string; text?: string; correct?: boolean }) => ({
      title: `${key ?? '?'}) ${text ?? ''}`,
      ...(correct ? { subtitle: 'Right answer' } : {}),
    }),
  },
});
