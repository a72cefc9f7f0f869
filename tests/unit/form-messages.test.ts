/**
 * No form speaks zod's English: every schema of every form, driven with hostile values (empty,
 * wrong types, huge and negative numbers, a birth year of 1800, 10,000 characters, unicode,
 * arrays, objects, missing fields), shows only messages that are keys of the UI strings in all
 * three languages. The translator shows an unknown key as it is (`fallbackLng: false`), so a
 * message that is not a key would reach a Kazakh page in English.
 */
import { inspect } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { locales } from '../../src/i18n/locales.ts';
import { uiStrings, type Translate } from '../../src/i18n/translator.ts';
import { toFormErrors, type FormError } from '../../src/platform/forms/errors.ts';
import { digitCode } from '../../src/platform/forms/fields.ts';
import { stepOrder, stepSchemas, validateStep, type StepId } from '../../src/features/applications/journey.ts';
import { fieldIdOf } from '../../src/features/applications/views.ts';
import { emailSchema } from '../../src/features/auth/policy.ts';
import { checkEligibility, eligibilityFields, readEligibilityForm } from '../../src/features/eligibility/questions.ts';

/** Whether a key has a string in every language (a plural key by its forms). */
function definedEverywhere(key: string): boolean {
  return locales.every((lang) => Object.hasOwn(uiStrings[lang], key) || Object.hasOwn(uiStrings[lang], `${key}_other`));
}

/**
 * A translator that marks what it translated: a message shown on the page is `⟦key⟧` exactly
 * when it went through `t` with that key. Anything else (zod's English, a key never translated)
 * does not have that shape.
 */
const markingT = ((key: string) => `⟦${key}⟧`) as unknown as Translate;

/** The messages a page would show that are not a key defined in all three languages. */
function foreignMessages(errors: readonly FormError[]): string[] {
  return errors
    .map((error) => error.message)
    .filter((message) => {
      const key = /^⟦(.+)⟧$/.exec(message)?.[1];
      return key === undefined || !definedEverywhere(key);
    });
}

const hostileText = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    '1800',
    '-1',
    '0',
    '-0',
    '1e309',
    'NaN',
    'Infinity',
    '1900.5',
    '2100',
    '99999999999999999999999',
    '١٩٩٠',
    'Ⅻ',
    '٠',
    'x'.repeat(10_000),
    '9'.repeat(10_000),
    '\u0000\u0007\u202e',
    '<script>alert(1)</script>',
    "' or 1=1 --",
    '𝕬𝖑𝖆𝖖𝖆𝖓 👨‍👩‍👧',
    '2026-02-30',
    '+7 701 234 56 78',
    'name@example.kz',
  ),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
);

const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileText,
  fc.constantFrom(
    1800,
    -1,
    0,
    1900,
    2100,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    Number.NaN,
    Number.MAX_SAFE_INTEGER,
    2 ** 64,
    0.5,
  ),
  fc.integer(),
  fc.double(),
  fc.bigInt(),
  fc.boolean(),
  fc.constantFrom(null, undefined),
  fc.array(hostileText, { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 8 }), hostileText, { maxKeys: 3 }),
  fc.date({ noInvalidDate: false }),
);

/** The fields of a step's schema, and a few a tampered form might add. */
function fieldNamesOf(step: StepId): string[] {
  const schema = stepSchemas[step] as unknown as { shape?: Record<string, unknown> };
  return [...Object.keys(schema.shape ?? {}), 'role', '__proto__', 'constructor'];
}

const member = fc.record(
  { fullName: hostileValue, relation: hostileValue, birthYear: hostileValue },
  { requiredKeys: [] },
);

/** Inputs for a step: its own fields with hostile values (any may be missing), or no object at all. */
function hostileInput(step: StepId): fc.Arbitrary<unknown> {
  const names = fieldNamesOf(step);
  const fields = fc.dictionary(fc.constantFrom(...names), hostileValue, { maxKeys: names.length });
  const household = fc.record({ members: fc.oneof(fc.array(member, { maxLength: 17 }), hostileValue) });
  return fc.oneof(step === 'household' ? household : fields, fields, hostileValue);
}

/** What the step page shows for an input: the step's errors, through the kit, as the page maps them. */
function stepErrorsShown(step: StepId, input: unknown): FormError[] {
  const result = validateStep(step, input);
  return result.ok ? [] : toFormErrors(result.errors, { t: markingT, fieldId: fieldIdOf });
}

describe('every message a form shows is a key in kk, ru and en', () => {
  it.each(stepOrder)('the application step "%s", for any hostile input', (step) => {
    fc.assert(
      fc.property(hostileInput(step), (input) => {
        expect(foreignMessages(stepErrorsShown(step, input))).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('the household step, for a member born in 1800 (the bug of issue 9)', () => {
    for (const birthYear of [
      1800,
      '1800',
      -1,
      '',
      'abc',
      Number.POSITIVE_INFINITY,
      1999.5,
      3000,
      '١٩٩٠',
      ['19', '90'],
      { year: 1990 },
    ]) {
      const input = { members: [{ fullName: 'Гүлнар Нұрланова', relation: 'анасы', birthYear }] };
      const shown = stepErrorsShown('household', input);
      expect(shown, inspect(birthYear)).not.toEqual([]);
      expect(foreignMessages(shown), inspect(birthYear)).toEqual([]);
    }
  });

  it('the eligibility questionnaire, for any hostile form and any hostile values', () => {
    const names = fc.constantFrom(...eligibilityFields, 'role', '__proto__');
    const posted = fc.array(fc.tuple(names, hostileText), { maxLength: 20 }).map((entries) => {
      const form = new FormData();
      for (const [name, value] of entries) form.append(name, value);
      return form;
    });
    fc.assert(
      fc.property(posted, (form) => {
        expect(foreignMessages(checkEligibility(readEligibilityForm(form), markingT).errors)).toEqual([]);
      }),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(fc.dictionary(names, hostileValue), (values) => {
        expect(foreignMessages(checkEligibility(values, markingT).errors)).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });

  it('the sign-in email, for any hostile input', () => {
    fc.assert(
      fc.property(hostileValue, (input) => {
        const parsed = emailSchema.safeParse(input);
        // With the page's own sentence, and without it (the generic keys).
        for (const messages of [{ _form: markingT('signIn.error.email') }, {}]) {
          const shown = parsed.success ? [] : toFormErrors(parsed.error.issues, { t: markingT, messages });
          expect(foreignMessages(shown)).toEqual([]);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('the sign-in code, for any hostile input', () => {
    fc.assert(
      fc.property(hostileValue, (input) => {
        const parsed = digitCode(6).safeParse(input);
        for (const messages of [{ _form: markingT('signInCode.error.format') }, {}]) {
          const shown = parsed.success ? [] : toFormErrors(parsed.error.issues, { t: markingT, messages });
          expect(foreignMessages(shown)).toEqual([]);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('notices a message that is not a key: zod’s own English fails this test', () => {
    const parsed = z.strictObject({ year: z.coerce.number().min(1900) }).safeParse({ year: 1800 });
    expect(parsed.success).toBe(false);
    const english = parsed.error?.issues.map((issue) => ({ field: 'year', message: issue.message })) ?? [];
    expect(foreignMessages(english)).toEqual(['Too small: expected number to be >=1900']);
    expect(foreignMessages([{ field: 'x', message: '⟦no.such.key⟧' }])).toEqual(['⟦no.such.key⟧']);
  });
});
