import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { translatorFor, type Translate } from '../../i18n/translator.ts';
import {
  checkEligibility,
  eligibilityFields,
  eligibilityQuestions,
  readEligibilityForm,
  reasonTexts,
  verdictTexts,
} from './questions.ts';
import { eligibilityAnswersSchema } from './rules.ts';

/** A translator that shows the key and its values, to see which sentence was chosen. */
const t = ((key: string, values?: Record<string, unknown>) =>
  values ? `${key}(${JSON.stringify(values)})` : key) as unknown as Translate;

const answers = {
  age: '34',
  sex: 'female',
  citizenship: 'kz',
  married: 'yes',
  limitedCapacity: 'no',
  lostParentalRights: 'no',
  pastRemoval: 'no',
  health: 'fit',
  dispensary: 'no',
  criminalRecord: 'no',
  permanentResidence: 'yes',
  income: 'covers',
  childAge: '',
};

describe('the eligibility questions', () => {
  it('ask every answer the rules need, and offer only answers the rules know', () => {
    const questions = eligibilityQuestions(t);
    expect([...eligibilityFields].sort()).toEqual(Object.keys(eligibilityAnswersSchema.shape).sort());
    expect(questions.map((question) => question.name)).toEqual(eligibilityFields.slice(2));
    for (const question of questions) {
      for (const option of question.options) {
        expect(checkEligibility({ ...answers, [question.name]: option.value }, t).errors, option.value).toEqual([]);
      }
    }
  });

  it('are asked in the page’s language', () => {
    const [sex] = eligibilityQuestions(translatorFor('ru'));
    expect(sex?.legend).toBe('Вы женщина или мужчина?');
    expect(sex?.options.map((option) => option.label)).toEqual(['Женщина', 'Мужчина']);
    expect(Object.values(reasonTexts(translatorFor('kk'))).every((text) => !text.startsWith('eligibility.'))).toBe(
      true,
    );
    expect(verdictTexts(t)).toEqual({
      can: 'eligibility.verdict.can',
      cannot: 'eligibility.verdict.cannot',
      ask: 'eligibility.verdict.ask',
    });
  });
});

describe('reading the posted questionnaire', () => {
  it('reads only its own fields, trimmed and cut to a sane length', () => {
    const form = new FormData();
    form.append('age', ' 34 ');
    form.append('sex', 'x'.repeat(500));
    form.append('married', 'yes');
    form.append('married', 'no');
    form.append('health', new File(['fit'], 'fit.txt'));
    form.append('role', 'admin');
    const values = readEligibilityForm(form);
    expect(Object.keys(values).sort()).toEqual([...eligibilityFields].sort());
    expect(values['age']).toBe('34');
    expect(values['sex']).toHaveLength(50);
    expect(values['married']).toBe('yes');
    expect(values['health']).toBe('');
    expect(values['citizenship']).toBe('');
  });

  it('reads a body that is not a form as no answers', () => {
    expect(Object.values(readEligibilityForm(undefined)).every((value) => value === '')).toBe(true);
  });
});

describe('checking the answers', () => {
  it('gives a verdict for every form of placement when every question is answered', () => {
    const check = checkEligibility(answers, t);
    expect(check.errors).toEqual([]);
    expect(check.outcomes?.map((outcome) => outcome.verdict)).toContain('can');
  });

  it('takes the child’s age when it is given, and checks it', () => {
    expect(checkEligibility({ ...answers, childAge: '5' }, t).errors).toEqual([]);
    expect(checkEligibility({ ...answers, childAge: '18' }, t).errors).toEqual([
      { field: 'childAge', message: 'eligibility.error.childAge' },
    ]);
  });

  it('names each question left unanswered, ages first, as the page always listed them', () => {
    const check = checkEligibility(
      { ...readEligibilityForm(undefined), age: 'forty', married: 'yes', childAge: '-5' },
      t,
    );
    expect(check.outcomes).toBeUndefined();
    expect(check.errors.map((error) => error.field)).toEqual([
      'age',
      'childAge',
      ...eligibilityFields.slice(2).filter((name) => name !== 'married'),
    ]);
    expect(check.errors[0]).toEqual({ field: 'age', message: 'eligibility.error.age' });
    expect(check.errors[2]).toEqual({
      field: 'sex',
      message: 'eligibility.error.choice({"question":"eligibility.q.sex"})',
    });
  });

  it('answers hostile values with errors, never with a verdict or an exception', () => {
    for (const value of [
      null,
      42,
      ['yes'],
      { $ne: 1 },
      '1e309',
      'NaN',
      '-1',
      '121',
      "' or 1=1 --",
      'x'.repeat(10_000),
    ]) {
      const check = checkEligibility({ ...answers, age: value, sex: value }, t);
      expect(check.outcomes, inspect(value)).toBeUndefined();
      expect(check.errors.map((error) => error.field)).toContain('sex');
    }
  });
});
