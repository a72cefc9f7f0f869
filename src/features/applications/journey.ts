/**
 * The application journey as data and rules: its steps in order, one zod schema per step (shared
 * by the server and any island), which steps apply to whom, where to resume, and which steps may
 * be opened at all (no skipping ahead by address). Pure.
 *
 * Schema messages are keys of the UI strings (`apply.error.*`): the pages translate them, so each
 * error reads as an instruction in the applicant's language. Every field names its key; an issue
 * that names none still gets a generic key from the forms kit, never zod's own English.
 */
import { z } from 'zod';
import { formPath, issueKey, pathOf } from '../../platform/forms/errors.ts';
import { dateParts, iinInput, kzPhone, wholeNumber } from '../../platform/forms/fields.ts';
import { placementForms } from '../../content/schema.ts';
import { parseIin, type IinProblem } from '../applicant/iin.ts';

/** Control and bidirectional-override characters: they have no place in a name or an address. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const controlCharacters = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/**
 * Text a person types: trimmed, without control characters, of a sane length. `missing` is the
 * key that names the question ("Enter your full name"), said when nothing was typed.
 */
function typed(max: number, missing: string) {
  return z
    .string({ message: missing })
    .trim()
    .min(1, missing)
    .max(max, 'apply.error.tooLong')
    .refine((value) => !controlCharacters.test(value), 'apply.error.controlCharacters');
}

/** One of the options offered; `missing` names the question ("Select whether you are married"). */
function choice<const Values extends readonly [string, ...string[]]>(values: Values, missing: string) {
  return z.enum(values, { message: missing });
}

/** A whole number as people type it (spaces, a currency sign), out of range said as `range`. */
function count(missing: string, range: string, bounds: { min: number; max: number }) {
  return wholeNumber({
    ...bounds,
    messages: { required: missing, format: range, tooSmall: range, tooBig: range, fraction: range },
  });
}

/**
 * A date asked as three fields, day, month and year (GOV.UK's date input: the same in every
 * browser and language, unlike the browser's date picker). A saved answer, 'YYYY-MM-DD', is read
 * back as its three parts, so that the schema checks what was saved as it checks what is posted.
 */
function dayMonthYear(missing: string) {
  const parts = dateParts({ notAfterToday: true, notBefore: '1900-01-01', messages: { required: missing } });
  return z.preprocess((value) => {
    const saved = typeof value === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value) : null;
    return saved ? { year: saved[1], month: saved[2], day: saved[3] } : value;
  }, parts);
}

/** The year a member of the household was born: from 1900 to this year (read when checked, not at start). */
const birthYear = count('apply.error.member.birthYear', 'apply.error.birthYear', { min: 1900, max: 9999 }).refine(
  (year) => year <= new Date().getUTCFullYear(),
  'apply.error.birthYear',
);

/** What to tell the applicant about each way an IIN can be wrong. */
const iinMessages: Record<IinProblem, string> = {
  format: 'apply.error.iin.format',
  century: 'apply.error.iin.century',
  date: 'apply.error.iin.date',
  checksum: 'apply.error.iin.checksum',
};

/** An IIN as people type it (spaces, dashes), valid by its checksum. */
function iin(missing: string) {
  return iinInput({ messages: { required: missing, format: 'apply.error.iin.format' } }).superRefine(
    (value, context) => {
      const parsed = parseIin(value);
      if (!parsed.ok) context.addIssue({ code: 'custom', message: iinMessages[parsed.problem] });
    },
  );
}

/** The questions about a person, each naming whose answer is missing: the applicant's or the spouse's. */
function person(whose: 'applicant' | 'spouse') {
  const keys =
    whose === 'applicant'
      ? {
          fullName: 'apply.error.applicant.fullName',
          iin: 'apply.error.applicant.iin',
          birthDate: 'apply.error.applicant.birthDate',
          sex: 'apply.error.applicant.sex',
        }
      : {
          fullName: 'apply.error.spouse.fullName',
          iin: 'apply.error.spouse.iin',
          birthDate: 'apply.error.spouse.birthDate',
          sex: 'apply.error.spouse.sex',
        };
  return z.object({
    fullName: typed(150, keys.fullName),
    iin: iin(keys.iin),
    birthDate: dayMonthYear(keys.birthDate),
    sex: choice(['female', 'male'], keys.sex),
  });
}

/**
 * The IIN must encode the date of birth and sex given beside it. Checked whenever those three are
 * each right, even while other answers on the page are wrong, so that every problem of the page
 * is said at once rather than one after the other.
 */
function withMatchingIin<T extends z.ZodType<{ iin: string; birthDate: string; sex: 'female' | 'male' }>>(schema: T) {
  return schema.superRefine(
    (value: unknown, context) => {
      // Runs even when other answers failed: it reads only what it needs, each checked first.
      if (typeof value !== 'object' || value === null) return;
      const { iin, birthDate, sex } = value as Record<string, unknown>;
      if (typeof iin !== 'string' || typeof birthDate !== 'string' || (sex !== 'female' && sex !== 'male')) return;
      const parsed = parseIin(iin);
      if (!parsed.ok || !/^\d{4}-\d{2}-\d{2}$/.test(birthDate)) return;
      if (parsed.birthDate !== birthDate || parsed.sex !== sex) {
        context.addIssue({ code: 'custom', path: ['iin'], message: 'apply.error.iin.mismatch' });
      }
    },
    { when: () => true },
  );
}

const childAge = (missing: string) => count(missing, 'apply.error.childAge', { min: 0, max: 17 });

export const stepSchemas = {
  form: z.strictObject({ form: choice(placementForms, 'apply.error.form.form') }),
  applicant: withMatchingIin(
    person('applicant')
      .extend({
        citizenship: choice(['kz', 'foreign', 'stateless'], 'apply.error.applicant.citizenship'),
        maritalStatus: choice(['married', 'single'], 'apply.error.applicant.maritalStatus'),
        phone: kzPhone({ messages: { required: 'apply.error.applicant.phone', format: 'apply.error.phone' } }),
        email: z
          .string({ message: 'apply.error.applicant.email' })
          .trim()
          .toLowerCase()
          .min(1, 'apply.error.applicant.email')
          .max(254, 'apply.error.email')
          .pipe(z.email('apply.error.email')),
      })
      .strict(),
  ),
  spouse: withMatchingIin(person('spouse').strict()),
  address: z.strictObject({
    region: z.string({ message: 'apply.error.unexpected' }).regex(/^[a-z0-9-]+$/, 'apply.error.unexpected'),
    district: z
      .string({ message: 'apply.error.address.district' })
      .regex(/^[a-z0-9-]+$/, 'apply.error.address.district'),
    settlement: typed(120, 'apply.error.address.settlement'),
    street: typed(200, 'apply.error.address.street'),
  }),
  household: z.strictObject({
    members: z
      .array(
        z.strictObject({
          fullName: typed(150, 'apply.error.member.fullName'),
          relation: typed(60, 'apply.error.member.relation'),
          birthYear,
        }),
        // Not a list of people: the form was not the one this page sent.
        { message: 'apply.error.unexpected' },
      )
      .max(15, 'apply.error.tooMany'),
  }),
  housing: z.strictObject({
    tenure: choice(['own', 'rent', 'family', 'other'], 'apply.error.housing.tenure'),
    rooms: count('apply.error.housing.rooms', 'apply.error.rooms', { min: 1, max: 50 }),
  }),
  income: z.strictObject({
    employment: choice(['employed', 'self-employed', 'pensioner', 'not-working'], 'apply.error.income.employment'),
    monthlyIncome: count('apply.error.income.monthlyIncome', 'apply.error.income.range', {
      min: 0,
      max: 100_000_000,
    }),
  }),
  health: z.strictObject({
    listedDisease: choice(['no', 'yes'], 'apply.error.health.listedDisease'),
    dispensary: choice(['no', 'yes'], 'apply.error.health.dispensary'),
  }),
  criminalRecord: z.strictObject({ record: choice(['none', 'has'], 'apply.error.criminalRecord.record') }),
  child: z
    .strictObject({
      ageFrom: childAge('apply.error.child.ageFrom'),
      ageTo: childAge('apply.error.child.ageTo'),
      siblings: choice(['yes', 'no', 'either'], 'apply.error.child.siblings'),
      health: choice(['healthy', 'any'], 'apply.error.child.health'),
    })
    // Said with the other problems of the page, whenever both ages are numbers.
    .refine(
      (value: unknown) => {
        if (typeof value !== 'object' || value === null) return true;
        const { ageFrom, ageTo } = value as Record<string, unknown>;
        return typeof ageFrom !== 'number' || typeof ageTo !== 'number' || ageTo >= ageFrom;
      },
      { path: ['ageTo'], message: 'apply.error.ageRange', when: () => true },
    ),
  /**
   * The documents themselves are files, kept apart (see features/documents); this step records
   * only that the applicant has been through the list. Documents may also be added after sending.
   */
  documents: z.strictObject({}),
  consent: z.strictObject({
    consent: z.literal('yes', { message: 'apply.error.consent' }),
    /** The version of the consent text the applicant agreed to. */
    version: z.string({ message: 'apply.error.unexpected' }).regex(/^\d{4}-\d{2}-\d{2}$/, 'apply.error.unexpected'),
  }),
} as const;

export type StepId = keyof typeof stepSchemas;
export type Answers = Partial<Record<StepId, unknown>>;

/** The steps in the order the applicant meets them; check-answers and submit follow them. */
export const stepOrder: readonly StepId[] = [
  'form',
  'applicant',
  'spouse',
  'address',
  'household',
  'housing',
  'income',
  'health',
  'criminalRecord',
  'child',
  'documents',
  'consent',
];

export function isStepId(value: unknown): value is StepId {
  return typeof value === 'string' && Object.hasOwn(stepSchemas, value);
}

/** Whether the saved answers of a step pass its schema. */
export function stepIsAnswered(step: StepId, answers: Answers): boolean {
  return answers[step] !== undefined && stepSchemas[step].safeParse(answers[step]).success;
}

/** The steps that apply: the spouse only when married; the child's wishes not for mentorship. */
export function applicableSteps(answers: Answers): StepId[] {
  const applicant = stepSchemas.applicant.safeParse(answers.applicant);
  const married = applicant.success && applicant.data.maritalStatus === 'married';
  const form = stepSchemas.form.safeParse(answers.form);
  const mentorship = form.success && form.data.form === 'mentorship';
  return stepOrder.filter((step) => (step === 'spouse' ? married : step === 'child' ? !mentorship : true));
}

/** Where an applicant who comes back resumes: the first step not yet answered, or the check page. */
export function firstUnanswered(answers: Answers): StepId | 'check' {
  return applicableSteps(answers).find((step) => !stepIsAnswered(step, answers)) ?? 'check';
}

/** A step may be opened only when every step before it is answered: no skipping ahead by address. */
export function canOpen(step: StepId | 'check', answers: Answers): boolean {
  const steps = applicableSteps(answers);
  const index = step === 'check' ? steps.length : steps.indexOf(step);
  if (index < 0) return false;
  return steps.slice(0, index).every((earlier) => stepIsAnswered(earlier, answers));
}

/** The step after this one, for the "Continue" button. */
export function nextStep(step: StepId, answers: Answers): StepId | 'check' {
  const steps = applicableSteps(answers);
  return steps[steps.indexOf(step) + 1] ?? 'check';
}

/** Whether the application is complete and may be submitted. */
export function isComplete(answers: Answers): boolean {
  return firstUnanswered(answers) === 'check';
}

/** A message key of the UI strings per field, by the field's dotted path (`members.0.birthYear`). */
export type StepErrors = Record<string, string>;

/**
 * Validates what was posted for a step; returns the clean data or one message key per field (the
 * first problem of each), through the forms kit.
 */
export function validateStep(
  step: StepId,
  input: unknown,
): { ok: true; data: unknown } | { ok: false; errors: StepErrors } {
  const parsed = stepSchemas[step].safeParse(input);
  if (parsed.success) return { ok: true, data: parsed.data };
  const errors: StepErrors = {};
  for (const issue of parsed.error.issues) {
    const path = pathOf(issue);
    // Unknown fields, or no form at all, come from a tampered request, not from a person: one
    // message for the whole form.
    errors[path] ??=
      path === formPath || issue.code === 'unrecognized_keys' ? 'apply.error.unexpected' : issueKey(issue);
  }
  return { ok: false, errors };
}
