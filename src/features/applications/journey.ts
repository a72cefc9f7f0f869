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
import { placementForms } from '../../content/schema.ts';
import { parseIin, type IinProblem } from '../applicant/iin.ts';

/** Control and bidirectional-override characters: they have no place in a name or an address. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const controlCharacters = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/** Text a person types: trimmed, without control characters, of a sane length. */
function typed(max: number) {
  return z
    .string({ message: 'apply.error.required' })
    .trim()
    .min(1, 'apply.error.required')
    .max(max, 'apply.error.tooLong')
    .refine((value) => !controlCharacters.test(value), 'apply.error.controlCharacters');
}

const isoDate = z
  .string({ message: 'apply.error.date' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'apply.error.date')
  .refine((value) => {
    const date = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
  }, 'apply.error.date');

/** The year a member of the household was born: from 1900 to this year. */
const birthYear = z.coerce
  .number({ message: 'apply.error.birthYear' })
  .int('apply.error.birthYear')
  .min(1900, 'apply.error.birthYear')
  .refine((year) => year <= new Date().getUTCFullYear(), 'apply.error.birthYear');

const person = z.object({
  fullName: typed(150),
  iin: z.string({ message: 'apply.error.iin.format' }).transform((value) => value.replace(/\s+/g, '')),
  birthDate: isoDate,
  sex: z.enum(['female', 'male'], { message: 'apply.error.choose' }),
});

/** What to tell the applicant about each way an IIN can be wrong. */
const iinMessages: Record<IinProblem, string> = {
  format: 'apply.error.iin.format',
  century: 'apply.error.iin.century',
  date: 'apply.error.iin.date',
  checksum: 'apply.error.iin.checksum',
};

/** The IIN must be valid and encode the date of birth and sex given beside it. */
function withMatchingIin<T extends z.ZodType<{ iin: string; birthDate: string; sex: 'female' | 'male' }>>(schema: T) {
  return schema.superRefine((value, context) => {
    const parsed = parseIin(value.iin);
    if (!parsed.ok) {
      context.addIssue({ code: 'custom', path: ['iin'], message: iinMessages[parsed.problem] });
    } else if (parsed.birthDate !== value.birthDate || parsed.sex !== value.sex) {
      context.addIssue({ code: 'custom', path: ['iin'], message: 'apply.error.iin.mismatch' });
    }
  });
}

export const stepSchemas = {
  form: z.strictObject({ form: z.enum(placementForms, { message: 'apply.error.choose' }) }),
  applicant: withMatchingIin(
    person
      .extend({
        citizenship: z.enum(['kz', 'foreign', 'stateless'], { message: 'apply.error.choose' }),
        maritalStatus: z.enum(['married', 'single'], { message: 'apply.error.choose' }),
        phone: z
          .string({ message: 'apply.error.phone' })
          .transform((value) => value.replace(/[\s()-]/g, ''))
          .pipe(z.string().regex(/^\+7\d{10}$/, 'apply.error.phone')),
        email: z
          .string({ message: 'apply.error.email' })
          .trim()
          .toLowerCase()
          .max(254, 'apply.error.email')
          .pipe(z.email('apply.error.email')),
      })
      .strict(),
  ),
  spouse: withMatchingIin(person.strict()),
  address: z.strictObject({
    region: z.string({ message: 'apply.error.choose' }).regex(/^[a-z0-9-]+$/, 'apply.error.choose'),
    district: z.string({ message: 'apply.error.choose' }).regex(/^[a-z0-9-]+$/, 'apply.error.choose'),
    settlement: typed(120),
    street: typed(200),
  }),
  household: z.strictObject({
    members: z
      .array(
        z.strictObject({
          fullName: typed(150),
          relation: typed(60),
          birthYear,
        }),
        // Not a list of people: the form was not the one this page sent.
        { message: 'apply.error.unexpected' },
      )
      .max(15, 'apply.error.tooMany'),
  }),
  housing: z.strictObject({
    tenure: z.enum(['own', 'rent', 'family', 'other'], { message: 'apply.error.choose' }),
    rooms: z.coerce
      .number({ message: 'apply.error.number' })
      .int('apply.error.number')
      .min(1, 'apply.error.number')
      .max(50, 'apply.error.number'),
  }),
  income: z.strictObject({
    employment: z.enum(['employed', 'self-employed', 'pensioner', 'not-working'], { message: 'apply.error.choose' }),
    monthlyIncome: z.coerce
      .number({ message: 'apply.error.number' })
      .int('apply.error.number')
      .min(0, 'apply.error.number')
      .max(100_000_000, 'apply.error.number'),
  }),
  health: z.strictObject({
    listedDisease: z.enum(['no', 'yes'], { message: 'apply.error.choose' }),
    dispensary: z.enum(['no', 'yes'], { message: 'apply.error.choose' }),
  }),
  criminalRecord: z.strictObject({ record: z.enum(['none', 'has'], { message: 'apply.error.choose' }) }),
  child: z
    .strictObject({
      ageFrom: z.coerce
        .number({ message: 'apply.error.number' })
        .int('apply.error.number')
        .min(0, 'apply.error.childAge')
        .max(17, 'apply.error.childAge'),
      ageTo: z.coerce
        .number({ message: 'apply.error.number' })
        .int('apply.error.number')
        .min(0, 'apply.error.childAge')
        .max(17, 'apply.error.childAge'),
      siblings: z.enum(['yes', 'no', 'either'], { message: 'apply.error.choose' }),
      health: z.enum(['healthy', 'any'], { message: 'apply.error.choose' }),
    })
    .refine((value) => value.ageTo >= value.ageFrom, { path: ['ageTo'], message: 'apply.error.ageRange' }),
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
