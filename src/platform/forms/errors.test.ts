import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { uiStrings, type Translate } from '../../i18n/translator.ts';
import { errorFor, genericKey, isMessageKey, issueKey, pathOf, toFormErrors, type Issue } from './errors.ts';

/** A translator that shows which key it was given. */
const t = ((key: string) => `[${key}]`) as unknown as Translate;

function issuesOf(schema: z.ZodType, input: unknown): Issue[] {
  const parsed = schema.safeParse(input);
  if (parsed.success) throw new Error('expected the input to fail');
  return parsed.error.issues;
}

describe('a zod issue as a message key', () => {
  it('takes the key a schema names in its message', () => {
    const [issue] = issuesOf(z.string().min(1, 'apply.error.required'), '');
    expect(issue && issueKey(issue)).toBe('apply.error.required');
  });

  it('never takes zod’s own English: an issue without a key gets a generic one by code and kind of field', () => {
    const cases: [z.ZodType, unknown, string][] = [
      [z.coerce.number().min(1900), 1800, 'form.error.number.tooSmall'],
      [z.coerce.number().max(2100), 3000, 'form.error.number.tooBig'],
      [z.coerce.number(), 'abc', 'form.error.number'],
      [z.number().int(), 1.5, 'form.error.wholeNumber'],
      [z.number().multipleOf(5), 7, 'form.error.wholeNumber'],
      [z.string(), undefined, 'form.error.required'],
      [z.string(), ['a'], 'form.error.required'],
      [z.string().min(1), '', 'form.error.required'],
      [z.string().min(5), 'ab', 'form.error.text.tooShort'],
      [z.string().max(3), 'abcd', 'form.error.text.tooLong'],
      [z.array(z.string()).max(1), ['a', 'b'], 'form.error.list.tooMany'],
      [z.enum(['yes', 'no']), 'maybe', 'form.error.choose'],
      [z.literal('yes'), 'no', 'form.error.choose'],
      [z.union([z.literal('a'), z.number()]), 'b', 'form.error.choose'],
      [z.email(), 'not an address', 'form.error.email'],
      [z.string().regex(/^\d+$/), 'x', 'form.error.format'],
      [z.strictObject({}), { role: 'admin' }, 'form.error.unexpected'],
      [z.string().refine(() => false), 'x', 'form.error.invalid'],
    ];
    for (const [schema, input, key] of cases) {
      const [issue] = issuesOf(schema, input);
      expect(issue && isMessageKey(issue.message), `${key}: zod's message is not a key`).toBe(false);
      expect(issue && issueKey(issue), key).toBe(key);
      expect(issue && genericKey(issue), key).toBe(key);
      // Each generic key has its sentence in every language (the UI strings test checks the rest).
      expect(Object.keys(uiStrings).filter((lang) => !uiStrings[lang as 'kk'][key])).toEqual([]);
    }
  });

  it('tells a key from a sentence', () => {
    expect(isMessageKey('apply.error.iin.format')).toBe(true);
    expect(isMessageKey('form.error.number.tooSmall')).toBe(true);
    expect(isMessageKey('Too small: expected number to be >=1900')).toBe(false);
    expect(isMessageKey('Invalid input')).toBe(false);
    expect(isMessageKey('apply')).toBe(false);
    expect(isMessageKey('')).toBe(false);
  });

  it('names the field by its dotted path, and the whole form as _form', () => {
    const schema = z.strictObject({ members: z.array(z.strictObject({ year: z.number() })) });
    const issues = issuesOf(schema, { members: [{ year: 1 }, { year: 'x' }] });
    expect(issues.map(pathOf)).toEqual(['members.1.year']);
    expect(issuesOf(schema, null).map(pathOf)).toEqual(['_form']);
  });

  it('keeps the first problem of each field, in the schema’s order', () => {
    const schema = z.strictObject({
      age: z.coerce.number().int('age.whole').min(0, 'age.min'),
      name: z.string().min(1, 'name.required'),
    });
    expect(toFormErrors(issuesOf(schema, { age: '-1.5', name: '' }), { t })).toEqual([
      { field: 'age', message: '[age.whole]' },
      { field: 'name', message: '[name.required]' },
    ]);
  });
});

describe('the errors a page shows', () => {
  const schema = z.strictObject({
    age: z.coerce.number().min(0).max(120),
    sex: z.enum(['female', 'male'], { message: 'apply.error.choose' }),
    note: z.string().max(3),
  });

  it('translates every message, with field ids of the page', () => {
    const errors = toFormErrors(issuesOf(schema, { age: '500', note: 'long' }), {
      t,
      fieldId: (path) => `q-${path}`,
    });
    expect(errors).toEqual([
      { field: 'q-age', message: '[form.error.number.tooBig]' },
      { field: 'q-sex', message: '[apply.error.choose]' },
      { field: 'q-note', message: '[form.error.text.tooLong]' },
    ]);
  });

  it('shows a field’s own sentence instead of a generic message, never instead of a schema’s key', () => {
    const errors = toFormErrors(issuesOf(schema, { age: 'old', note: 'long' }), {
      t,
      messages: { age: 'Enter your age in full years', sex: 'Not this one', constructor: 'x' },
    });
    expect(errors).toEqual([
      { field: 'age', message: 'Enter your age in full years' },
      { field: 'sex', message: '[apply.error.choose]' },
      { field: 'note', message: '[form.error.text.tooLong]' },
    ]);
  });

  it('links a problem with the whole form to the page’s main element', () => {
    expect(toFormErrors(issuesOf(schema, 'not a form'), { t })).toEqual([
      { field: 'main', message: '[form.error.required]' },
    ]);
  });

  it('translates keys a domain function already chose', () => {
    expect(
      toFormErrors({ 'members.0.birthYear': 'apply.error.birthYear', _form: 'apply.error.unexpected' }, { t }),
    ).toEqual([
      { field: 'members.0.birthYear', message: '[apply.error.birthYear]' },
      { field: 'main', message: '[apply.error.unexpected]' },
    ]);
  });

  it('finds the message beside a field', () => {
    const errors = [{ field: 'age', message: 'Enter your age' }];
    expect(errorFor(errors, 'age')).toBe('Enter your age');
    expect(errorFor(errors, 'sex')).toBeUndefined();
  });
});
