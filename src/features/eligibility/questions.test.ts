import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { placementForms } from '../../content/schema.ts';
import { locales } from '../../i18n/locales.ts';
import { translatorFor, type Translate } from '../../i18n/translator.ts';
import {
  ageMessages,
  checkEligibility,
  eligibilityFields,
  eligibilityQuestions,
  readEligibilityForm,
  reasonTexts,
  verdictTexts,
} from './questions.ts';
import { eligibilityAnswersSchema, type EligibilityAnswers } from './rules.ts';

/** A translator that shows the key and its values, to see which sentence was chosen. */
const t = ((key: string, values?: Record<string, unknown>) =>
  values ? `${key}(${JSON.stringify(values)})` : key) as unknown as Translate;

/** The answers without one question: as a posted form that lacks the field. */
const without = (values: Record<string, string>, field: string) =>
  Object.fromEntries(Object.entries(values).filter(([name]) => name !== field));

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

  it.each(locales)('offer their options in one order in %s: yes, then no, then “I do not know”', (lang) => {
    const tr = translatorFor(lang);
    const yes = tr('form.yes');
    const no = tr('form.no');
    const unsure = tr('eligibility.q.health.unsure');
    for (const question of eligibilityQuestions(tr)) {
      const labels = question.options.map((option) => option.label);
      if (!labels.includes(yes)) continue;
      expect(labels, question.name).toEqual(labels.length === 2 ? [yes, no] : [yes, no, unsure]);
    }
    // The two three-way questions are among those checked, not skipped by a label of their own.
    const threeWay = eligibilityQuestions(tr).filter((question) => question.options.length === 3);
    expect(threeWay.map((question) => question.options[0]?.label)).toEqual([
      tr('eligibility.q.citizenship.kz'),
      yes,
      yes,
    ]);
  });

  it.each(locales)('give each question its own error message in %s', (lang) => {
    const tr = translatorFor(lang);
    const ages = ageMessages(tr);
    const messages = [ages.missing, ages.notNumber, ages.range, ages.childAge];
    messages.push(...eligibilityQuestions(tr).map((question) => question.error));
    expect(messages).toHaveLength(4 + eligibilityFields.length - 2);
    expect(new Set(messages).size, messages.join('\n')).toBe(messages.length);
    for (const message of messages) {
      expect(message, 'translated').not.toMatch(/^eligibility\./);
      expect(message, 'a short instruction, not the question repeated').not.toMatch(/\?/);
    }
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
    expect(checkEligibility({ ...answers, childAge: 'five' }, t).errors).toEqual([
      { field: 'childAge', message: 'eligibility.error.childAge' },
    ]);
  });

  it('leaves out the child’s age left empty, rather than reading it as 0', () => {
    for (const childAge of ['', '   ', undefined]) {
      const check = checkEligibility({ ...answers, age: '20', childAge }, t);
      expect(check.errors, JSON.stringify(childAge)).toEqual([]);
      expect(eligibilityAnswersSchema.parse({ ...answers, childAge }).childAge).toBeUndefined();
    }
  });

  it('asks for the age left empty, and gives no verdict', () => {
    for (const age of ['', '  ', undefined]) {
      const check = checkEligibility({ ...answers, age }, t);
      expect(check.outcomes, JSON.stringify(age)).toBeUndefined();
      expect(check.errors).toEqual([{ field: 'age', message: 'eligibility.error.age.missing' }]);
    }
    expect(checkEligibility(without(answers, 'age'), t).errors).toEqual([
      { field: 'age', message: 'eligibility.error.age.missing' },
    ]);
  });

  it('takes an age typed with spaces around it', () => {
    const check = checkEligibility({ ...answers, age: ' 35 ' }, t);
    expect(check.errors).toEqual([]);
    expect(check.outcomes?.every((outcome) => outcome.verdict === 'can')).toBe(true);
  });

  it('says how to write an age that is not a number, or is out of range', () => {
    for (const age of ['abc', '35.5', '1e2', '3 5', 'thirty-five', '-1']) {
      expect(checkEligibility({ ...answers, age }, t).errors, age).toEqual([
        { field: 'age', message: 'eligibility.error.age.notNumber' },
      ]);
    }
    expect(checkEligibility({ ...answers, age: '121' }, t).errors).toEqual([
      { field: 'age', message: 'eligibility.error.age.range' },
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
    expect(check.errors[0]).toEqual({ field: 'age', message: 'eligibility.error.age.notNumber' });
    expect(check.errors[2]).toEqual({ field: 'sex', message: 'eligibility.error.sex' });
  });

  it('words the messages for the visitor, in their language', () => {
    expect(checkEligibility({ ...without(answers, 'married'), age: '' }, translatorFor('en')).errors).toEqual([
      { field: 'age', message: 'Enter your age in full years' },
      { field: 'married', message: 'Select whether you are married' },
    ]);
    expect(checkEligibility({ ...answers, age: 'abc' }, translatorFor('en')).errors).toEqual([
      { field: 'age', message: 'Enter your age as a number of full years, for example 35' },
    ]);
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

/** Every required question: the age and every choice (the child's age may be left out). */
const requiredFields = eligibilityFields.filter((name) => name !== 'childAge');

/**
 * Complete sets of valid answers, as typed into the page: together they give every question at
 * least two different answers, and lead to every verdict (can, cannot, ask).
 */
const answerSets: Record<keyof EligibilityAnswers, string>[] = [
  answers,
  {
    age: ' 17 ',
    sex: 'male',
    citizenship: 'stateless',
    married: 'no',
    limitedCapacity: 'yes',
    lostParentalRights: 'yes',
    pastRemoval: 'yes',
    health: 'listed-disease',
    dispensary: 'yes',
    criminalRecord: 'yes',
    permanentResidence: 'no',
    income: 'below',
    childAge: '4',
  },
  {
    age: '70',
    sex: 'male',
    citizenship: 'foreign',
    married: 'no',
    limitedCapacity: 'no',
    lostParentalRights: 'no',
    pastRemoval: 'no',
    health: 'unsure',
    dispensary: 'no',
    criminalRecord: 'no',
    permanentResidence: 'yes',
    income: 'unsure',
    childAge: '  ',
  },
];

describe('a verdict needs every answer', () => {
  const questions = eligibilityQuestions(t);
  const ownMessage = (field: string) =>
    field === 'age' ? ageMessages(t).missing : questions.find((question) => question.name === field)?.error;

  it('has the answer sets it claims: two answers or more for every question', () => {
    for (const field of requiredFields) {
      expect(new Set(answerSets.map((set) => set[field].trim())).size, field).toBeGreaterThanOrEqual(2);
    }
    expect(new Set(answerSets.flatMap((set) => checkEligibility(set, t).outcomes ?? []).map((o) => o.verdict))).toEqual(
      new Set(['can', 'cannot', 'ask']),
    );
  });

  it('for every combination of questions left out, names each, with its own message, and gives no verdict', () => {
    // Left out in each way a posted form can leave it: absent, empty, or only spaces.
    const blanks = [undefined, '', '  '] as const;
    let combinations = 0;
    for (const [setIndex, set] of answerSets.entries()) {
      for (let mask = 0; mask < 2 ** requiredFields.length; mask++) {
        const missing = requiredFields.filter((_, index) => mask & (1 << index));
        let values: Record<string, string> = { ...set };
        for (const [index, field] of missing.entries()) {
          const blank = blanks[(mask + index + setIndex) % blanks.length];
          values = blank === undefined ? without(values, field) : { ...values, [field]: blank };
        }
        const check = checkEligibility(values, t);
        combinations++;
        if (missing.length === 0) {
          expect(check.errors).toEqual([]);
          expect(check.outcomes).toHaveLength(placementForms.length);
          continue;
        }
        const label = `${setIndex}: ${missing.join(', ')}`;
        expect(check.outcomes, label).toBeUndefined();
        expect(check.errors, label).toEqual(missing.map((field) => ({ field, message: ownMessage(field) })));
      }
    }
    expect(combinations).toBe(answerSets.length * 2 ** 12);
  });
});
