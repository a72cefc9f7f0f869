/**
 * From a zod issue to a message a person can act on, in their language. Every form goes through
 * here, so that no message reaches a page except through a key of the UI strings:
 *
 * 1. a schema names its key in its message (`z.string().min(1, 'apply.error.required')`);
 * 2. where it names none, the form may give the field a sentence of its own (`messages`);
 * 3. otherwise the issue gets a generic key by its code and the kind of field (`form.error.*`):
 *    never zod's own English, which the translator would show as it is.
 *
 * Pure.
 */
import type { z } from 'zod';
import type { Translate } from '../../i18n/translator.ts';

/** One problem with a posted form, as shown: the id of the field (the summary links to it) and the message, translated. */
export interface FormError {
  readonly field: string;
  readonly message: string;
}

/** What failed in a form: a message key per field, by the field's dotted path (`members.0.birthYear`). */
export type FieldKeys = Record<string, string>;

export type Issue = z.core.$ZodIssue;

/** The path of an issue about the form as a whole (a field it does not know, or no form at all). */
export const formPath = '_form';

/** The element of every page that an error about the whole form links to. */
export const formField = 'main';

/** A key of the UI strings: dotted words, no spaces. zod's own messages are sentences, never this. */
const keyShape = /^[a-zA-Z][\w-]*(?:\.[\w-]+)+$/;

export function isMessageKey(text: string): boolean {
  return keyShape.test(text);
}

/**
 * The generic key for an issue whose schema named none: by what went wrong and with what kind of
 * field, phrased as an instruction. The keys are written as `t('…')` calls, through a translator
 * that returns the key, so that the UI strings test (which looks for `t('…')`) sees each in use.
 */
export function genericKey(issue: Issue): string {
  const t = (key: string) => key;
  switch (issue.code) {
    case 'invalid_type':
      if (issue.expected === 'int') return t('form.error.wholeNumber');
      if (['number', 'bigint', 'nan'].includes(issue.expected)) return t('form.error.number');
      return t('form.error.required');
    case 'too_small':
      if (['number', 'int', 'bigint'].includes(issue.origin)) return t('form.error.number.tooSmall');
      if (issue.origin === 'string' && Number(issue.minimum) > 1) return t('form.error.text.tooShort');
      return t('form.error.required');
    case 'too_big':
      if (['number', 'int', 'bigint'].includes(issue.origin)) return t('form.error.number.tooBig');
      if (issue.origin === 'string') return t('form.error.text.tooLong');
      if (issue.origin === 'array' || issue.origin === 'set') return t('form.error.list.tooMany');
      return t('form.error.invalid');
    case 'not_multiple_of':
      return t('form.error.wholeNumber');
    case 'invalid_value':
    case 'invalid_union':
      return t('form.error.choose');
    case 'invalid_format':
      return issue.format === 'email' ? t('form.error.email') : t('form.error.format');
    case 'unrecognized_keys':
      return t('form.error.unexpected');
    default:
      // invalid_key, invalid_element, custom, and any code a later zod adds.
      return t('form.error.invalid');
  }
}

/** The message key of one issue: the one its schema named, else the generic one. */
export function issueKey(issue: Issue): string {
  return isMessageKey(issue.message) ? issue.message : genericKey(issue);
}

/** The dotted path of the field an issue is about; `_form` for the form as a whole. */
export function pathOf(issue: Issue): string {
  return issue.path.length > 0 ? issue.path.map(String).join('.') : formPath;
}

export interface ToFormErrorsOptions {
  /** The page's translator. */
  t: Translate;
  /** The id of the rendered field a path belongs to; by default the path, and `main` for the whole form. */
  fieldId?: (path: string) => string;
  /**
   * A field's own sentence (already translated), by path: shown instead of a generic message when
   * the schema named no key for it. The way to say "Enter your age in full years" rather than
   * "Enter a smaller number" for a schema that carries no keys of its own.
   */
  messages?: Readonly<Record<string, string>>;
}

/**
 * The errors to show, one per field in the order of the issues: from zod's issues, or from the
 * message keys a domain function already chose (`validateStep`).
 */
export function toFormErrors(failed: readonly Issue[] | FieldKeys, options: ToFormErrorsOptions): FormError[] {
  const { t, fieldId = (path: string) => (path === formPath ? formField : path), messages = {} } = options;
  const shown = new Map<string, string>();
  if (isIssueList(failed)) {
    for (const issue of failed) {
      const path = pathOf(issue);
      if (shown.has(path)) continue;
      const own = !isMessageKey(issue.message) && Object.hasOwn(messages, path) ? messages[path] : undefined;
      shown.set(path, own ?? t(issueKey(issue)));
    }
  } else {
    for (const [path, key] of Object.entries(failed)) shown.set(path, t(key));
  }
  return [...shown].map(([path, message]) => ({ field: fieldId(path), message }));
}

function isIssueList(failed: readonly Issue[] | FieldKeys): failed is readonly Issue[] {
  return Array.isArray(failed);
}

/** The message to show beside a field, if it has one. */
export function errorFor(errors: readonly FormError[], field: string): string | undefined {
  return errors.find((error) => error.field === field)?.message;
}
