import { describe, expect, it } from 'vitest';
import { enrolmentSchema, readAnswersForm, readEnrolmentForm, singleAnswerSchema } from './forms.ts';

const districts = ['taraz', 'baizak'];
const form = (entries: Record<string, string>) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(entries)) data.append(key, value);
  return data;
};
const messages = (input: Record<string, string>) => {
  const parsed = enrolmentSchema(districts).safeParse(readEnrolmentForm(form(input)));
  if (parsed.success) return [];
  // The page shows the first message of each field (toFormErrors), so compare those.
  const first = new Map<string, string>();
  for (const issue of parsed.error.issues)
    if (!first.has(issue.path.join('.'))) first.set(issue.path.join('.'), issue.message);
  return [...first];
};

describe('the enrolment form', () => {
  it('takes names in any script, with hyphens and apostrophes, and an empty patronymic', () => {
    const parsed = enrolmentSchema(districts).parse(
      readEnrolmentForm(
        form({ givenName: ' Әлия ', familyName: "O'Neil-Құрманова", patronymic: '', district: 'taraz' }),
      ),
    );
    expect(parsed).toEqual({
      givenName: 'Әлия',
      familyName: "O'Neil-Құрманова",
      patronymic: undefined,
      district: 'taraz',
    });
  });

  it('says what to fix for every field at once, as keys of the UI strings', () => {
    expect(messages({ givenName: '', familyName: '<b>', patronymic: '123', district: 'almaty' })).toEqual([
      ['givenName', 'school.error.givenName.required'],
      ['familyName', 'school.error.familyName.letters'],
      ['patronymic', 'school.error.patronymic.letters'],
      ['district', 'school.error.district.required'],
    ]);
    expect(messages({ district: 'taraz' })).toEqual([
      ['givenName', 'school.error.givenName.required'],
      ['familyName', 'school.error.familyName.required'],
    ]);
    expect(messages({ givenName: 'А'.repeat(61), familyName: 'Б', district: 'taraz' })).toEqual([
      ['givenName', 'school.error.givenName.tooLong'],
    ]);
  });
});

describe('the answers of a test form', () => {
  it('reads each answered question once, and ignores other fields', () => {
    expect(readAnswersForm(form({ attempt: 'x', action: 'save', 'answer-q1': 'a', 'answer-q2': 'd' }))).toEqual({
      answers: [
        { question: 'q1', option: 'a' },
        { question: 'q2', option: 'd' },
      ],
    });
  });

  it('refuses a question given twice or an answer that is not a letter', () => {
    const twice = new FormData();
    twice.append('answer-q1', 'a');
    twice.append('answer-q1', 'b');
    expect(readAnswersForm(twice)).toEqual({ invalid: 'q1' });
    expect(readAnswersForm(form({ 'answer-q1': 'correct' }))).toEqual({ invalid: 'q1' });
  });

  it('takes one answer from the island only in its shape', () => {
    expect(singleAnswerSchema.safeParse({ attempt: crypto.randomUUID(), question: 'q1', option: 'b' }).success).toBe(
      true,
    );
    expect(singleAnswerSchema.safeParse({ attempt: 'x', question: 'q1', option: 'b' }).success).toBe(false);
    expect(
      singleAnswerSchema.safeParse({ attempt: crypto.randomUUID(), question: 'q1', option: 'b', correct: 'yes' })
        .success,
    ).toBe(false);
  });
});
