/**
 * The school's forms, read and checked at the boundary: starting the course (the name printed on
 * the certificate and the district whose authority follows the training) and the answers of a
 * test. Every message is a key of the UI strings, phrased as what to do.
 */
import { z } from 'zod';
import type { GivenAnswer } from './store.ts';

/** Letters of any script, with the spaces, hyphens and apostrophes names have: no digits, no markup. */
const namePattern = /^[\p{L}\p{M}][\p{L}\p{M}\s'’-]*$/u;

const name = (keys: { required: string; tooLong: string; letters: string }) =>
  z
    .string({ message: keys.required })
    .trim()
    .min(1, keys.required)
    .max(60, keys.tooLong)
    .regex(namePattern, keys.letters);

export function enrolmentSchema(districts: readonly string[]) {
  return z.object({
    givenName: name({
      required: 'school.error.givenName.required',
      tooLong: 'school.error.givenName.tooLong',
      letters: 'school.error.givenName.letters',
    }),
    familyName: name({
      required: 'school.error.familyName.required',
      tooLong: 'school.error.familyName.tooLong',
      letters: 'school.error.familyName.letters',
    }),
    patronymic: z
      .string()
      .trim()
      .max(60, 'school.error.patronymic.tooLong')
      .regex(/^$|^[\p{L}\p{M}][\p{L}\p{M}\s'’-]*$/u, 'school.error.patronymic.letters')
      .optional()
      .transform((value) => value || undefined),
    district: z.enum(districts as [string, ...string[]], { message: 'school.error.district.required' }),
  });
}

export type Enrolment = z.infer<ReturnType<typeof enrolmentSchema>>;

/** The form fields of an enrolment, as strings (a missing field is undefined, so zod names it). */
export function readEnrolmentForm(form: FormData): Record<string, string | undefined> {
  const field = (key: string) => {
    const value = form.get(key);
    return typeof value === 'string' ? value : undefined;
  };
  return {
    givenName: field('givenName'),
    familyName: field('familyName'),
    patronymic: field('patronymic'),
    district: field('district'),
  };
}

/** The name of the form field of a question's answer. */
export const answerField = (question: string) => `answer-${question}`;

const letter = z.string().regex(/^[a-f]$/);

/**
 * The answers a test form carries: one `answer-<question>` field per answered question. Anything
 * else in the form is ignored here; whether a question belongs to the attempt is the store's to
 * check. A field given twice, or a value that is not a letter, is refused.
 */
export function readAnswersForm(form: FormData): { answers: GivenAnswer[] } | { invalid: string } {
  const answers: GivenAnswer[] = [];
  const seen = new Set<string>();
  for (const [field, value] of form.entries()) {
    if (!field.startsWith('answer-')) continue;
    const question = field.slice('answer-'.length);
    if (seen.has(question) || typeof value !== 'string' || !letter.safeParse(value).success)
      return { invalid: question };
    seen.add(question);
    answers.push({ question, option: value });
  }
  return { answers };
}

/** One answer posted by the quiz island: the attempt, the question and the letter. */
export const singleAnswerSchema = z.strictObject({
  attempt: z.uuid(),
  question: z.string().min(1).max(80),
  option: letter,
});
