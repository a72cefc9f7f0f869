import { describe, expect, it } from 'vitest';
import { placementForms } from '../../content/schema.ts';
import { assessEligibility, eligibilityAnswersSchema, typedWholeNumber, type EligibilityAnswers } from './rules.ts';

const eligible: EligibilityAnswers = {
  age: 35,
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
  childAge: 4,
};

const outcome = (answers: Partial<EligibilityAnswers>, form: string) =>
  assessEligibility({ ...eligible, ...answers }).find((result) => result.form === form);

describe('the eligibility self-check', () => {
  it('tells an eligible married citizen she can apply for every form', () => {
    for (const result of assessEligibility(eligible))
      expect(result, result.form).toEqual({ form: result.form, verdict: 'can', reasons: [] });
  });

  it.each([
    [{ age: 17 }, 'adult'],
    [{ limitedCapacity: 'yes' }, 'capacity'],
    [{ lostParentalRights: 'yes' }, 'parentalRights'],
    [{ pastRemoval: 'yes' }, 'pastRemoval'],
    [{ health: 'listed-disease' }, 'health'],
    [{ dispensary: 'yes' }, 'dispensary'],
    [{ criminalRecord: 'yes' }, 'criminalRecord'],
    [{ permanentResidence: 'no' }, 'residence'],
    [{ citizenship: 'stateless' }, 'stateless'],
    [{ income: 'below' }, 'income'],
  ] as const)('rules out adoption for %o, citing the rule (%s)', (answers, reason) => {
    expect(outcome(answers, 'adoption')).toEqual({ form: 'adoption', verdict: 'cannot', reasons: [reason] });
  });

  it('lists every reason that applies', () => {
    expect(outcome({ dispensary: 'yes', income: 'below' }, 'adoption')?.reasons).toEqual(['dispensary', 'income']);
  });

  it.each([
    [{ married: 'no', sex: 'male' }, 'singleMan'],
    [{ citizenship: 'foreign' }, 'foreignCitizen'],
    [{ health: 'unsure' }, 'healthUnsure'],
    [{ income: 'unsure' }, 'incomeUnsure'],
    [{ age: 25, childAge: 10 }, 'ageDifference'],
  ] as const)('sends %o to the authority for adoption (%s)', (answers, reason) => {
    expect(outcome(answers, 'adoption')).toEqual({ form: 'adoption', verdict: 'ask', reasons: [reason] });
  });

  it('does not stop a single woman, or an age difference of exactly 16 years', () => {
    expect(outcome({ married: 'no' }, 'adoption')?.verdict).toBe('can');
    expect(outcome({ age: 26, childAge: 10 }, 'adoption')?.verdict).toBe('can');
  });

  it('applies the health list to guardianship and patronage, and asks for the other forms', () => {
    expect(outcome({ health: 'listed-disease' }, 'guardianship')).toEqual({
      form: 'guardianship',
      verdict: 'cannot',
      reasons: ['health'],
    });
    expect(outcome({ health: 'listed-disease' }, 'patronage')?.verdict).toBe('cannot');
    expect(outcome({ health: 'listed-disease' }, 'guest-family')).toEqual({
      form: 'guest-family',
      verdict: 'ask',
      reasons: ['checkedByAuthority', 'health'],
    });
  });

  it('keeps the adoption-only rules (a single man, the 16-year difference) under adoption', () => {
    const answers = { married: 'no', sex: 'male', age: 30, childAge: 15 } as const;
    expect(outcome(answers, 'adoption')).toEqual({
      form: 'adoption',
      verdict: 'ask',
      reasons: ['singleMan', 'ageDifference'],
    });
    for (const form of placementForms.filter((name) => name !== 'adoption')) {
      expect(outcome(answers, form), form).toEqual({ form, verdict: 'can', reasons: [] });
    }
    // Beside a shared reason too: that one is asked about for every form, the adoption rules are not.
    for (const form of placementForms.filter((name) => name !== 'adoption')) {
      const reasons = outcome({ ...answers, criminalRecord: 'yes' }, form)?.reasons;
      expect(reasons, form).toContain('criminalRecord');
      expect(reasons, form).not.toContain('singleMan');
      expect(reasons, form).not.toContain('ageDifference');
    }
  });

  it('asks the authority about the other restrictions for the other forms', () => {
    expect(outcome({ criminalRecord: 'yes' }, 'guardianship')).toEqual({
      form: 'guardianship',
      verdict: 'ask',
      reasons: ['checkedByAuthority', 'criminalRecord'],
    });
  });

  it('asks about the age limits of professional foster families (30 to 63)', () => {
    expect(outcome({ age: 28 }, 'foster-family')?.reasons).toContain('fosterAge');
    expect(outcome({ age: 64 }, 'foster-family')?.reasons).toContain('fosterAge');
    expect(outcome({ age: 30 }, 'foster-family')?.verdict).toBe('can');
    expect(outcome({ age: 63 }, 'foster-family')?.verdict).toBe('can');
  });

  it('reads form answers, and refuses wrong ones', () => {
    const form = { ...eligible, age: '35', childAge: '4' };
    expect(eligibilityAnswersSchema.parse(form)).toEqual(eligible);
    expect(eligibilityAnswersSchema.safeParse({ ...form, age: '-1' }).success).toBe(false);
    expect(eligibilityAnswersSchema.safeParse({ ...form, health: 'maybe' }).success).toBe(false);
    expect(eligibilityAnswersSchema.safeParse({ ...form, extra: 'x' }).success).toBe(false);
    const withoutChild = Object.fromEntries(Object.entries(form).filter(([name]) => name !== 'childAge'));
    expect(eligibilityAnswersSchema.safeParse(withoutChild).success).toBe(true);
  });

  it('never reads an empty age as 0', () => {
    for (const age of ['', '   ', undefined]) {
      expect(eligibilityAnswersSchema.safeParse({ ...eligible, age }).success, JSON.stringify(age)).toBe(false);
    }
    for (const childAge of ['', '   ', undefined]) {
      const parsed = eligibilityAnswersSchema.parse({ ...eligible, childAge });
      expect(parsed.childAge, JSON.stringify(childAge)).toBeUndefined();
    }
  });

  it('reads whole numbers as people type them, and nothing else as a number', () => {
    expect(typedWholeNumber(' 35 ')).toBe(35);
    expect(typedWholeNumber('007')).toBe(7);
    expect(typedWholeNumber(35)).toBe(35);
    expect(typedWholeNumber('')).toBeUndefined();
    for (const text of ['abc', '1e2', '0x10', '35.5', 'Infinity', '3 5']) {
      expect(eligibilityAnswersSchema.safeParse({ ...eligible, age: text }).success, text).toBe(false);
    }
  });
});
