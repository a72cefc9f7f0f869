/**
 * The eligibility self-check as the page asks it: the questions and their options in the page's
 * language, how a posted form is read, and what to tell the visitor about an answer that is
 * missing or wrong. The rules that turn answers into verdicts are in rules.ts. Pure.
 */
import type { Translate } from '../../i18n/translator.ts';
import { toFormErrors, type FormError } from '../../platform/forms/errors.ts';
import {
  assessEligibility,
  eligibilityAnswersSchema,
  type EligibilityAnswers,
  type FormOutcome,
  type Reason,
  type Verdict,
} from './rules.ts';

/** A question answered by choosing one option (every question but the two ages). */
export type ChoiceName = Exclude<keyof EligibilityAnswers, 'age' | 'childAge'>;

export interface EligibilityQuestion {
  name: ChoiceName;
  legend: string;
  /**
   * What to do when it is unanswered (or answered with something not offered): an instruction of
   * its own that names the question, never the whole question repeated after "Select an answer".
   */
  error: string;
  /** Short options sit side by side. */
  inline: boolean;
  options: { value: string; label: string }[];
}

/**
 * The questions answered by a choice, in the order the page asks them (between the two ages).
 * Options read the same way in every question: "yes" before "no", and "I do not know" last, so
 * the health question (whose "no" is the fit answer) lists them as the others do.
 */
export function eligibilityQuestions(t: Translate): EligibilityQuestion[] {
  const yesNo = [
    { value: 'yes', label: t('form.yes') },
    { value: 'no', label: t('form.no') },
  ];
  return [
    {
      name: 'sex',
      legend: t('eligibility.q.sex'),
      error: t('eligibility.error.sex'),
      inline: true,
      options: [
        { value: 'female', label: t('eligibility.q.sex.female') },
        { value: 'male', label: t('eligibility.q.sex.male') },
      ],
    },
    {
      name: 'citizenship',
      legend: t('eligibility.q.citizenship'),
      error: t('eligibility.error.citizenship'),
      inline: false,
      options: [
        { value: 'kz', label: t('eligibility.q.citizenship.kz') },
        { value: 'foreign', label: t('eligibility.q.citizenship.foreign') },
        { value: 'stateless', label: t('eligibility.q.citizenship.stateless') },
      ],
    },
    {
      name: 'married',
      legend: t('eligibility.q.married'),
      error: t('eligibility.error.married'),
      inline: true,
      options: yesNo,
    },
    {
      name: 'limitedCapacity',
      legend: t('eligibility.q.limitedCapacity'),
      error: t('eligibility.error.limitedCapacity'),
      inline: true,
      options: yesNo,
    },
    {
      name: 'lostParentalRights',
      legend: t('eligibility.q.lostParentalRights'),
      error: t('eligibility.error.lostParentalRights'),
      inline: true,
      options: yesNo,
    },
    {
      name: 'pastRemoval',
      legend: t('eligibility.q.pastRemoval'),
      error: t('eligibility.error.pastRemoval'),
      inline: true,
      options: yesNo,
    },
    {
      name: 'health',
      legend: t('eligibility.q.health'),
      error: t('eligibility.error.health'),
      inline: true,
      options: [
        { value: 'listed-disease', label: t('eligibility.q.health.listed-disease') },
        { value: 'fit', label: t('eligibility.q.health.fit') },
        { value: 'unsure', label: t('eligibility.q.health.unsure') },
      ],
    },
    {
      name: 'dispensary',
      legend: t('eligibility.q.dispensary'),
      error: t('eligibility.error.dispensary'),
      inline: true,
      options: yesNo,
    },
    {
      name: 'criminalRecord',
      legend: t('eligibility.q.criminalRecord'),
      error: t('eligibility.error.criminalRecord'),
      inline: true,
      options: yesNo,
    },
    {
      name: 'permanentResidence',
      legend: t('eligibility.q.permanentResidence'),
      error: t('eligibility.error.permanentResidence'),
      inline: true,
      options: yesNo,
    },
    {
      name: 'income',
      legend: t('eligibility.q.income'),
      error: t('eligibility.error.income'),
      inline: true,
      options: [
        { value: 'covers', label: t('eligibility.q.income.covers') },
        { value: 'below', label: t('eligibility.q.income.below') },
        { value: 'unsure', label: t('eligibility.q.income.unsure') },
      ],
    },
  ];
}

/** Each answer's field: the two ages first, then the choices; the error summary lists problems in this order. */
export const eligibilityFields: readonly (keyof EligibilityAnswers)[] = [
  'age',
  'childAge',
  ...Object.keys(eligibilityAnswersSchema.shape).filter(
    (name): name is ChoiceName => name !== 'age' && name !== 'childAge',
  ),
];

/** How long an answer may be: the longest option is 14 characters. */
const answerLength = 50;

/**
 * Reads a posted form: only the questionnaire's own fields, each trimmed and cut to a sane length;
 * anything else (unknown fields, files, a body that is not a form) is ignored.
 */
export function readEligibilityForm(form: FormData | undefined): Record<string, string> {
  return Object.fromEntries(
    eligibilityFields.map((name) => {
      const raw = form?.get(name);
      return [name, typeof raw === 'string' ? raw.trim().slice(0, answerLength) : ''];
    }),
  );
}

export type EligibilityCheck = { outcomes: FormOutcome[]; errors: [] } | { outcomes: undefined; errors: FormError[] };

/** The two typed answers' instructions: what to do when the age is missing, not a number or out of range. */
export function ageMessages(t: Translate): { missing: string; notNumber: string; range: string; childAge: string } {
  return {
    missing: t('eligibility.error.age.missing'),
    notNumber: t('eligibility.error.age.notNumber'),
    range: t('eligibility.error.age.range'),
    // The child's age may be left out, so it is never "missing": one sentence says both ways out.
    childAge: t('eligibility.error.childAge'),
  };
}

/** Nothing typed or chosen: the field absent, or only spaces. */
function isBlank(value: unknown): boolean {
  return value === undefined || (typeof value === 'string' && value.trim() === '');
}

/**
 * The verdict for every form of placement, or what to correct: one message per question that is
 * unanswered or answered with something not offered, each naming its question. A verdict needs
 * every required answer: one left out is an error, never read as "no" or as an age of 0.
 */
export function checkEligibility(values: Readonly<Record<string, unknown>>, t: Translate): EligibilityCheck {
  const input = Object.fromEntries(
    eligibilityFields.map((name) => [name, Object.hasOwn(values, name) ? values[name] : undefined]),
  );
  const parsed = eligibilityAnswersSchema.safeParse(input);
  if (parsed.success) return { outcomes: assessEligibility(parsed.data), errors: [] };
  const ages = ageMessages(t);
  const ageOutOfRange = parsed.error.issues.some(
    (issue) => issue.path[0] === 'age' && (issue.code === 'too_small' || issue.code === 'too_big'),
  );
  const messages: Record<string, string> = {
    age: isBlank(input['age']) ? ages.missing : ageOutOfRange ? ages.range : ages.notNumber,
    childAge: ages.childAge,
  };
  for (const question of eligibilityQuestions(t)) messages[question.name] = question.error;
  const order = (field: string) => eligibilityFields.indexOf(field as keyof EligibilityAnswers);
  const errors = toFormErrors(parsed.error.issues, { t, messages }).sort((a, b) => order(a.field) - order(b.field));
  return { outcomes: undefined, errors };
}

/** Why a verdict was given, a sentence per reason. */
export function reasonTexts(t: Translate): Record<Reason, string> {
  return {
    adult: t('eligibility.reason.adult'),
    capacity: t('eligibility.reason.capacity'),
    parentalRights: t('eligibility.reason.parentalRights'),
    pastRemoval: t('eligibility.reason.pastRemoval'),
    health: t('eligibility.reason.health'),
    healthUnsure: t('eligibility.reason.healthUnsure'),
    dispensary: t('eligibility.reason.dispensary'),
    criminalRecord: t('eligibility.reason.criminalRecord'),
    residence: t('eligibility.reason.residence'),
    stateless: t('eligibility.reason.stateless'),
    foreignCitizen: t('eligibility.reason.foreignCitizen'),
    singleMan: t('eligibility.reason.singleMan'),
    income: t('eligibility.reason.income'),
    incomeUnsure: t('eligibility.reason.incomeUnsure'),
    ageDifference: t('eligibility.reason.ageDifference'),
    fosterAge: t('eligibility.reason.fosterAge'),
    checkedByAuthority: t('eligibility.reason.checkedByAuthority'),
  };
}

/** The verdicts as the page says them. */
export function verdictTexts(t: Translate): Record<Verdict, string> {
  return {
    can: t('eligibility.verdict.can'),
    cannot: t('eligibility.verdict.cannot'),
    ask: t('eligibility.verdict.ask'),
  };
}
