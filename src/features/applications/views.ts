/**
 * How each step of the application journey is asked: its title and fields, in the page's
 * language. The step page renders these (one component per kind of field, chosen in
 * src/components/fields/StepFields.astro), reads the posted form back through them, and the
 * check-your-answers page shows the saved answers with them. Pure.
 */
import type { Translate } from '../../i18n/translator.ts';
import { formField, formPath, type FormError } from '../../platform/forms/errors.ts';
import type { StepId } from './journey.ts';

export type FieldView =
  | {
      kind: 'text';
      name: string;
      label: string;
      hint?: string;
      type?: 'text' | 'email' | 'tel';
      inputmode?: 'numeric' | 'tel' | 'email' | 'text';
      autocomplete?: string;
      width?: 'short' | 'long';
    }
  | { kind: 'radio'; name: string; label: string; options: { value: string; label: string }[]; inline?: boolean }
  /** A date as three fields, day, month and year (`${name}.day` …; see `dateFieldId`). */
  | { kind: 'date'; name: string; label: string; hint?: string; autocompleteBirthday?: boolean }
  /** The people of the household: a group of three fields per row (see `memberFieldId`). */
  | { kind: 'members'; rows: number }
  | { kind: 'consent'; text: string; label: string };

/** What the component of each kind of field is given (src/components/fields/). */
export interface FieldProps<Field extends FieldView = FieldView> {
  field: Field;
  /** The step's answers to show: what was just posted, else what was saved. */
  answers: Readonly<Record<string, unknown>>;
  errors: readonly FormError[];
  /** The field is the step's only one: a question's legend is then the page's heading. */
  only: boolean;
}

export interface StepView {
  title: string;
  hint?: string;
  fields: FieldView[];
}

export interface ViewContext {
  t: Translate;
  /** The districts of the deployment's region, in order. */
  districts: { key: string; name: string }[];
  /** The forms of placement with their guide titles, in order. */
  forms: { key: string; title: string }[];
}

/** How many rows the household step offers (enough for most homes; the schema allows 15). */
export const householdRows = 6;

/** The version of the consent text: stored with each consent, changed whenever the text changes. */
export const consentVersion = '2026-11-21';

export function stepView(step: StepId, { t, districts, forms }: ViewContext): StepView {
  const yesNo = [
    { value: 'no', label: t('form.no') },
    { value: 'yes', label: t('form.yes') },
  ];
  const person: FieldView[] = [
    { kind: 'text', name: 'fullName', label: t('apply.field.fullName'), autocomplete: 'name' },
    {
      kind: 'text',
      name: 'iin',
      label: t('apply.field.iin'),
      hint: t('apply.field.iinHint'),
      inputmode: 'numeric',
      width: 'short',
    },
    {
      kind: 'date',
      name: 'birthDate',
      label: t('apply.field.birthDate'),
      hint: t('apply.field.birthDateHint'),
      autocompleteBirthday: true,
    },
    {
      kind: 'radio',
      name: 'sex',
      label: t('apply.field.sex'),
      inline: true,
      options: [
        { value: 'female', label: t('apply.field.sex.female') },
        { value: 'male', label: t('apply.field.sex.male') },
      ],
    },
  ];
  switch (step) {
    case 'form':
      return {
        title: t('apply.step.form'),
        fields: [
          {
            kind: 'radio',
            name: 'form',
            label: t('apply.step.form'),
            options: forms.map((form) => ({ value: form.key, label: form.title })),
          },
        ],
      };
    case 'applicant':
      return {
        title: t('apply.step.applicant'),
        fields: [
          ...person,
          {
            kind: 'radio',
            name: 'citizenship',
            label: t('apply.field.citizenship'),
            options: [
              { value: 'kz', label: t('apply.field.citizenship.kz') },
              { value: 'foreign', label: t('apply.field.citizenship.foreign') },
              { value: 'stateless', label: t('apply.field.citizenship.stateless') },
            ],
          },
          {
            kind: 'radio',
            name: 'maritalStatus',
            label: t('apply.field.maritalStatus'),
            inline: true,
            options: [
              { value: 'married', label: t('apply.field.maritalStatus.married') },
              { value: 'single', label: t('apply.field.maritalStatus.single') },
            ],
          },
          {
            kind: 'text',
            name: 'phone',
            label: t('apply.field.phone'),
            hint: t('apply.field.phoneHint'),
            type: 'tel',
            inputmode: 'tel',
            autocomplete: 'tel',
          },
          {
            kind: 'text',
            name: 'email',
            label: t('apply.field.email'),
            type: 'email',
            inputmode: 'email',
            autocomplete: 'email',
          },
        ],
      };
    case 'spouse':
      return {
        title: t('apply.step.spouse'),
        // The spouse's answers are not the applicant's: the browser must not fill in the applicant's own.
        fields: person.map((field) =>
          field.kind === 'text' && field.name === 'fullName'
            ? { ...field, autocomplete: 'off' }
            : field.kind === 'date'
              ? { ...field, autocompleteBirthday: false }
              : field,
        ),
      };
    case 'address':
      return {
        title: t('apply.step.address'),
        fields: [
          {
            kind: 'radio',
            name: 'district',
            label: t('apply.field.district'),
            options: districts.map((district) => ({ value: district.key, label: district.name })),
          },
          { kind: 'text', name: 'settlement', label: t('apply.field.settlement'), autocomplete: 'address-level2' },
          { kind: 'text', name: 'street', label: t('apply.field.street'), autocomplete: 'street-address' },
        ],
      };
    case 'household':
      return {
        title: t('apply.step.household'),
        hint: t('apply.step.householdHint'),
        fields: [{ kind: 'members', rows: householdRows }],
      };
    case 'housing':
      return {
        title: t('apply.step.housing'),
        fields: [
          {
            kind: 'radio',
            name: 'tenure',
            label: t('apply.field.tenure'),
            options: [
              { value: 'own', label: t('apply.field.tenure.own') },
              { value: 'rent', label: t('apply.field.tenure.rent') },
              { value: 'family', label: t('apply.field.tenure.family') },
              { value: 'other', label: t('apply.field.tenure.other') },
            ],
          },
          { kind: 'text', name: 'rooms', label: t('apply.field.rooms'), inputmode: 'numeric', width: 'short' },
        ],
      };
    case 'income':
      return {
        title: t('apply.step.income'),
        fields: [
          {
            kind: 'radio',
            name: 'employment',
            label: t('apply.field.employment'),
            options: [
              { value: 'employed', label: t('apply.field.employment.employed') },
              { value: 'self-employed', label: t('apply.field.employment.self-employed') },
              { value: 'pensioner', label: t('apply.field.employment.pensioner') },
              { value: 'not-working', label: t('apply.field.employment.not-working') },
            ],
          },
          {
            kind: 'text',
            name: 'monthlyIncome',
            label: t('apply.field.monthlyIncome'),
            inputmode: 'numeric',
            width: 'short',
          },
        ],
      };
    case 'health':
      return {
        title: t('apply.step.health'),
        fields: [
          { kind: 'radio', name: 'listedDisease', label: t('apply.field.listedDisease'), options: yesNo, inline: true },
          { kind: 'radio', name: 'dispensary', label: t('apply.field.dispensary'), options: yesNo, inline: true },
        ],
      };
    case 'criminalRecord':
      return {
        title: t('apply.step.criminalRecord'),
        fields: [
          {
            kind: 'radio',
            name: 'record',
            label: t('apply.field.record'),
            inline: true,
            options: [
              { value: 'none', label: t('apply.field.record.none') },
              { value: 'has', label: t('apply.field.record.has') },
            ],
          },
        ],
      };
    case 'child':
      return {
        title: t('apply.step.child'),
        fields: [
          {
            kind: 'text',
            name: 'ageFrom',
            label: t('apply.field.ageFrom'),
            hint: t('apply.field.childAgeHint'),
            inputmode: 'numeric',
            width: 'short',
          },
          {
            kind: 'text',
            name: 'ageTo',
            label: t('apply.field.ageTo'),
            hint: t('apply.field.childAgeHint'),
            inputmode: 'numeric',
            width: 'short',
          },
          {
            kind: 'radio',
            name: 'siblings',
            label: t('apply.field.siblings'),
            options: [
              { value: 'yes', label: t('form.yes') },
              { value: 'no', label: t('form.no') },
              { value: 'either', label: t('apply.field.siblings.either') },
            ],
          },
          {
            kind: 'radio',
            name: 'health',
            label: t('apply.field.childHealth'),
            options: [
              { value: 'healthy', label: t('apply.field.childHealth.healthy') },
              { value: 'any', label: t('apply.field.childHealth.any') },
            ],
          },
        ],
      };
    case 'documents':
      // The documents page lists files, not fields (pages/[lang]/apply/documents.astro).
      return { title: t('apply.step.documents'), fields: [] };
    case 'consent':
      return {
        title: t('apply.step.consent'),
        fields: [{ kind: 'consent', text: t('apply.consent.text'), label: t('apply.consent.label') }],
      };
  }
}

/**
 * Reads a posted form into the shape the step's schema expects. Unknown fields are passed on, so
 * the schema refuses them; a district outside the region's list is read as no district chosen.
 */
export function readStepForm(
  step: StepId,
  form: FormData,
  fixed: { region: string; districts: readonly string[] },
): Record<string, unknown> {
  // One pass over the fields, keeping the first value of each name as `form.get` would: calling
  // `form.get` per field scans the whole form each time, quadratic in the number of fields.
  const firstValues = new Map<string, FormDataEntryValue>();
  for (const [name, raw] of form) if (!firstValues.has(name)) firstValues.set(name, raw);
  const value = (name: string) => {
    const raw = firstValues.get(name);
    return typeof raw === 'string' ? raw.trim() : raw === undefined ? undefined : '';
  };
  if (step === 'household') {
    const members = Array.from({ length: householdRows }, (_, index) => ({
      fullName: value(memberFieldId('fullName', index)) ?? '',
      relation: value(memberFieldId('relation', index)) ?? '',
      birthYear: value(memberFieldId('birthYear', index)) ?? '',
    })).filter((member) => member.fullName !== '' || member.relation !== '' || member.birthYear !== '');
    return { members };
  }
  if (step === 'consent') return { consent: value('consent'), version: consentVersion };
  const input: Record<string, unknown> = {};
  for (const name of firstValues.keys()) {
    if (name === 'return') continue;
    // The three fields of a date (`birthDate.day`) are one answer, `{ day, month, year }`. Only
    // the journey's own date fields: a posted name never becomes a key of our choosing (`__proto__`).
    const datePart = datePartPattern.exec(name);
    if (datePart?.[1] && datePart[2]) {
      const date = (input[datePart[1]] ??= {}) as Record<string, unknown>;
      if (typeof date === 'object') date[datePart[2]] = value(name);
      continue;
    }
    input[name] = value(name);
  }
  if (step === 'address') {
    input['region'] = fixed.region;
    // Only a district of the region is an answer: anything else is as good as none chosen.
    if (typeof input['district'] === 'string' && !fixed.districts.includes(input['district'])) input['district'] = '';
  }
  return input;
}

/** A part of one of the journey's date fields, as posted (`birthDate.day`) and as an error's path. */
const datePartPattern = /^(birthDate)\.(day|month|year)$/;

/** The name each part of a household row has in the form. */
const memberFieldNames = { fullName: 'memberName', relation: 'memberRelation', birthYear: 'memberBirthYear' } as const;

export type MemberPart = keyof typeof memberFieldNames;

/** The id and name of one field of a household row, as rendered: rows are numbered from 1. */
export function memberFieldId(part: MemberPart, index: number): string {
  return `${memberFieldNames[part]}-${String(index + 1)}`;
}

/** The field id an error belongs to, as rendered; the form as a whole is the page's main element. */
export function fieldIdOf(path: string): string {
  if (path === formPath) return formField;
  const member = /^members\.(\d+)\.(fullName|relation|birthYear)$/.exec(path);
  if (member) return memberFieldId(member[2] as MemberPart, Number(member[1]));
  // A part of a date is its own input: `birthDate.month` is rendered as `birthDate-month`.
  const datePart = datePartPattern.exec(path);
  if (datePart) return `${datePart[1] ?? ''}-${datePart[2] ?? ''}`;
  return path;
}

/** What a field shows of an answer: the answer as text, or nothing when there is none. */
export function answerText(answers: Readonly<Record<string, unknown>>, name: string): string | undefined {
  const value = Object.hasOwn(answers, name) ? answers[name] : undefined;
  if (typeof value === 'string') return value;
  // Saved answers hold numbers too (a birth year); nothing else is shown as text.
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;
}
