import { describe, expect, it } from 'vitest';
import {
  applicableSteps,
  canOpen,
  firstUnanswered,
  isComplete,
  nextStep,
  validateStep,
  type Answers,
} from './journey.ts';
import { exampleAnswers } from './examples.ts';

const applicant = {
  fullName: 'Айгерим Серикқызы Нұрланова',
  iin: '951201401235',
  birthDate: '1995-12-01',
  sex: 'female',
  citizenship: 'kz',
  maritalStatus: 'married',
  phone: '+7 701 234 56 78',
  email: 'Aigerim@Example.kz',
};

/** The example application, as a married applicant for adoption, with the spouse step answered. */
const complete: Answers = {
  ...exampleAnswers,
  form: { form: 'adoption' },
  applicant,
  spouse: { fullName: 'Нұрлан Серікұлы', iin: '880316300129', birthDate: '1988-03-16', sex: 'male' },
};

describe('the application journey', () => {
  it('asks about the spouse only when the applicant is married', () => {
    expect(applicableSteps(complete)).toContain('spouse');
    expect(applicableSteps({ ...complete, applicant: { ...applicant, maritalStatus: 'single' } })).not.toContain(
      'spouse',
    );
  });

  it('does not ask a mentor about the child they hope for', () => {
    expect(applicableSteps({ ...complete, form: { form: 'mentorship' } })).not.toContain('child');
  });

  it('resumes at the first unanswered step, and at the check page when all is answered', () => {
    expect(firstUnanswered({})).toBe('form');
    expect(firstUnanswered({ form: { form: 'adoption' } })).toBe('applicant');
    expect(firstUnanswered({ ...complete, housing: undefined })).toBe('housing');
    expect(firstUnanswered({ ...complete, documents: undefined })).toBe('documents');
    expect(firstUnanswered(complete)).toBe('check');
    expect(isComplete(complete)).toBe(true);
  });

  it('lets no step be opened before the ones before it are answered', () => {
    expect(canOpen('form', {})).toBe(true);
    expect(canOpen('address', { form: { form: 'adoption' } })).toBe(false);
    expect(canOpen('check', { form: { form: 'adoption' } })).toBe(false);
    expect(canOpen('check', complete)).toBe(true);
    expect(canOpen('spouse', { ...complete, applicant: { ...applicant, maritalStatus: 'single' } })).toBe(false);
  });

  it('goes on to the next step that applies', () => {
    expect(nextStep('applicant', complete)).toBe('spouse');
    expect(nextStep('applicant', { ...complete, applicant: { ...applicant, maritalStatus: 'single' } })).toBe(
      'address',
    );
    expect(nextStep('child', complete)).toBe('documents');
    expect(nextStep('documents', complete)).toBe('consent');
    expect(nextStep('consent', complete)).toBe('check');
  });
});

describe('validating a step', () => {
  it('cleans what people type: spaces in the IIN and phone, case in the email', () => {
    const result = validateStep('applicant', { ...applicant, iin: '9512 0140 1235' });
    expect(result).toEqual({
      ok: true,
      data: { ...applicant, iin: '951201401235', phone: '+77012345678', email: 'aigerim@example.kz' },
    });
  });

  it.each([
    ['951201401236', 'apply.error.iin.checksum'],
    ['95120140123', 'apply.error.iin.format'],
    ['951301401235', 'apply.error.iin.date'],
    ['880316300129', 'apply.error.iin.mismatch'],
  ])('explains what is wrong with the IIN %s', (iin, message) => {
    expect(validateStep('applicant', { ...applicant, iin })).toEqual({ ok: false, errors: { iin: message } });
  });

  it.each(['8 701 234 56 78', '+7 (701) 234-56-78', '87012345678', '7 701 234 5678'])(
    'takes the phone %s as people type it, stored as +77012345678',
    (phone) => {
      const result = validateStep('applicant', { ...applicant, phone });
      expect(result.ok && (result.data as { phone: string }).phone).toBe('+77012345678');
    },
  );

  it('refuses a phone number that is not a Kazakhstan mobile number, saying how to write one', () => {
    for (const phone of ['+1 202 555 0100', '12345', '8 701 234 56'])
      expect(validateStep('applicant', { ...applicant, phone }), phone).toEqual({
        ok: false,
        errors: { phone: 'apply.error.phone' },
      });
  });

  it('takes amounts as people type them: spaces, thin spaces, the tenge sign', () => {
    for (const monthlyIncome of ['350 000', '350\u00a0000', '350\u2009000 ₸', '350 000 тг', '350000'])
      expect(validateStep('income', { employment: 'employed', monthlyIncome }), monthlyIncome).toEqual({
        ok: true,
        data: { employment: 'employed', monthlyIncome: 350000 },
      });
    expect(validateStep('housing', { tenure: 'own', rooms: 'три' })).toEqual({
      ok: false,
      errors: { rooms: 'apply.error.rooms' },
    });
  });

  it('takes the date of birth as day, month and year, and says which part is missing', () => {
    const withDate = (birthDate: unknown) => validateStep('applicant', { ...applicant, birthDate });
    expect(withDate({ day: '1', month: '12', year: '1995' })).toMatchObject({
      ok: true,
      data: { birthDate: '1995-12-01' },
    });
    expect(withDate({ day: '', month: '', year: '' })).toEqual({
      ok: false,
      errors: { 'birthDate.day': 'apply.error.applicant.birthDate' },
    });
    expect(withDate({ day: '1', month: '', year: '1995' })).toEqual({
      ok: false,
      errors: { 'birthDate.month': 'form.error.date.missingMonth' },
    });
    expect(withDate({ day: '31', month: '2', year: '1995' })).toEqual({
      ok: false,
      errors: { 'birthDate.day': 'form.error.date.real' },
    });
  });

  it('says every problem of a page at once, each naming its question', () => {
    expect(validateStep('applicant', {})).toEqual({
      ok: false,
      errors: {
        fullName: 'apply.error.applicant.fullName',
        iin: 'apply.error.applicant.iin',
        'birthDate.day': 'apply.error.applicant.birthDate',
        sex: 'apply.error.applicant.sex',
        citizenship: 'apply.error.applicant.citizenship',
        maritalStatus: 'apply.error.applicant.maritalStatus',
        phone: 'apply.error.applicant.phone',
        email: 'apply.error.applicant.email',
      },
    });
    // The IIN that does not match is said together with the other problems, not after them.
    expect(validateStep('applicant', { ...applicant, iin: '880316300129', phone: '', citizenship: '' })).toEqual({
      ok: false,
      errors: {
        iin: 'apply.error.iin.mismatch',
        phone: 'apply.error.applicant.phone',
        citizenship: 'apply.error.applicant.citizenship',
      },
    });
    expect(validateStep('child', { ageFrom: '7', ageTo: '3', siblings: '', health: 'any' })).toEqual({
      ok: false,
      errors: { ageTo: 'apply.error.ageRange', siblings: 'apply.error.child.siblings' },
    });
  });

  it('refuses hostile input with messages, never an exception', () => {
    const hostile = [
      null,
      'text',
      42,
      [],
      { ...applicant, fullName: 'A'.repeat(10_000) },
      { ...applicant, fullName: 'Bad\u0000name' },
      { ...applicant, fullName: { $ne: 1 } },
      { ...applicant, role: 'admin' },
      { ...applicant, email: "x'; drop table applicants; --" },
    ];
    for (const input of hostile) {
      const result = validateStep('applicant', input);
      expect(result.ok, JSON.stringify(input).slice(0, 40)).toBe(false);
    }
    expect(validateStep('applicant', { ...applicant, role: 'admin' })).toEqual({
      ok: false,
      errors: { _form: 'apply.error.unexpected' },
    });
  });

  it('asks for a household member’s birth year from 1900 to this year, in the applicant’s language (issue 9)', () => {
    const household = (birthYear: unknown) => ({
      members: [{ fullName: 'Гүлнар Нұрланова', relation: 'анасы', birthYear }],
    });
    const thisYear = new Date().getUTCFullYear();
    expect(validateStep('household', household(''))).toEqual({
      ok: false,
      errors: { 'members.0.birthYear': 'apply.error.member.birthYear' },
    });
    for (const birthYear of [1800, '1899', 'abc', 1968.5, thisYear + 1, '1e309']) {
      expect(validateStep('household', household(birthYear)), String(birthYear)).toEqual({
        ok: false,
        errors: { 'members.0.birthYear': 'apply.error.birthYear' },
      });
    }
    expect(validateStep('household', household('1900')).ok).toBe(true);
    expect(validateStep('household', household(String(thisYear))).ok).toBe(true);
  });

  it('answers a missing or tampered field with a key, never with zod’s English', () => {
    expect(validateStep('address', { region: 'zhambyl', settlement: 'Тараз', street: 'Төле би, 10' })).toEqual({
      ok: false,
      errors: { district: 'apply.error.address.district' },
    });
    expect(validateStep('household', {})).toEqual({ ok: false, errors: { members: 'apply.error.unexpected' } });
    expect(validateStep('child', { ageFrom: 1.5, ageTo: 3, siblings: 'no', health: 'any' })).toEqual({
      ok: false,
      errors: { ageFrom: 'apply.error.childAge' },
    });
    expect(validateStep('consent', { consent: 'yes', version: 'latest' })).toEqual({
      ok: false,
      errors: { version: 'apply.error.unexpected' },
    });
    for (const input of [null, 'text', 42, []]) {
      expect(validateStep('form', input)).toEqual({ ok: false, errors: { _form: 'apply.error.unexpected' } });
    }
  });

  it('checks that the child age range makes sense', () => {
    expect(validateStep('child', { ageFrom: 7, ageTo: 3, siblings: 'no', health: 'any' })).toEqual({
      ok: false,
      errors: { ageTo: 'apply.error.ageRange' },
    });
  });

  it('needs the consent to be given, with the version of its text', () => {
    expect(validateStep('consent', { version: '2026-11-21' })).toEqual({
      ok: false,
      errors: { consent: 'apply.error.consent' },
    });
  });
});
