/**
 * Fields that more than one form asks for, as zod schemas that take what a form posts (a string,
 * or nothing, or a file where text was expected) and clean it the way people type. Pure.
 *
 * Every message is a key of the UI strings, phrased as an instruction. Each schema has generic
 * keys; a form passes its own (`messages`) so that the message names the question ("Enter your
 * date of birth" rather than "Enter a date"). The generic keys are written as `t('…')` through a
 * translator that returns the key, as in errors.ts, so that the UI strings test sees each in use.
 */
import { z } from 'zod';

const t = (key: string) => key;

/**
 * Spaces people type or paste between digits: `\s` covers the space, NBSP (U+00A0), the thin
 * space (U+2009) and the narrow NBSP (U+202F) that `Intl.NumberFormat('ru')` and banks print;
 * zero-width spaces and the word joiner come along with copied text.
 */
const spaces = /[\s\u200b\u2060]/g;

/** Spaces and every dash a keyboard or a word processor makes (a hyphen auto-corrected to an en dash). */
const spacesAndDashes = /[\s\u200b\u2060\-\u2010-\u2015\u2212]/g;

/** Longer than any sensible answer: refused before any parsing, so no pattern works on 10,000 characters. */
const maxTyped = 64;

/** What a form posted for a field: its text, `missing` when there is none or only spaces, `other` for a file or a list. */
type Posted = { kind: 'text'; text: string } | { kind: 'missing' } | { kind: 'other' };

function posted(value: unknown): Posted {
  if (value === undefined || value === null) return { kind: 'missing' };
  if (typeof value !== 'string') return { kind: 'other' };
  const text = value.trim();
  return text === '' ? { kind: 'missing' } : { kind: 'text', text };
}

/** A schema that reads the posted value with `read`, which returns the clean value or the key of the one thing to fix. */
function field<T>(read: (value: unknown) => { ok: true; value: T } | { ok: false; message: string; path?: string[] }) {
  return z.unknown().transform((value, context): T => {
    const result = read(value);
    if (result.ok) return result.value;
    context.addIssue({ code: 'custom', message: result.message, path: result.path ?? [], input: value });
    return z.NEVER;
  });
}

const ok = <T>(value: T) => ({ ok: true as const, value });
const fail = (message: string, path?: string[]) => ({ ok: false as const, message, ...(path ? { path } : {}) });

// ---------------------------------------------------------------------------------------------
// Whole numbers

export interface WholeNumberMessages {
  /** Nothing was entered. */
  required: string;
  /** Not a number ("abc", "3,50,000"). */
  format: string;
  /** A number with a fraction ("350,5"). */
  fraction: string;
  tooSmall: string;
  tooBig: string;
}

export interface WholeNumberOptions {
  /** The smallest number allowed; 0 unless given (amounts and counts are never negative). */
  min?: number;
  /** The largest number allowed. */
  max?: number;
  messages?: Partial<WholeNumberMessages>;
}

const wholeNumberMessages: WholeNumberMessages = {
  required: t('form.error.number.required'),
  format: t('form.error.number.format'),
  fraction: t('form.error.wholeNumber'),
  tooSmall: t('form.error.number.tooSmall'),
  tooBig: t('form.error.number.tooBig'),
};

/** The tenge as people write it, before or after the amount: ₸, тг, тг., тнг, тенге, теңге, KZT, tenge. */
const currency = String.raw`(?:₸|kzt|tenge|тг\.?|тнг\.?|тенге|теңге)`;
const leadingCurrency = new RegExp(`^${currency}`, 'iu');
const trailingCurrency = new RegExp(`${currency}$`, 'iu');

/**
 * The digits of a whole number as typed, or what is wrong with it.
 *
 * Spaces anywhere are dropped ("350 000", with NBSP or thin spaces as well). Commas and dots are
 * the hard part: in Kazakh and Russian "350,5" is a decimal comma, in English "350,000" groups
 * thousands. The rule:
 * - a mark followed by exactly three digits, after a first group of one to three digits
 *   ("350,000", "1,250,000", "1.250.000") groups thousands: nobody writes a whole amount as a
 *   decimal with three places, and this is how English users and copied bank amounts write it;
 * - the same mark used twice always groups thousands, and then every group must have three digits;
 * - otherwise the last mark is the decimal mark ("350,5", "350 000,00", "1,250,000.50"): a
 *   fraction of zeros is still a whole number (amounts copied from a statement), any other is
 *   refused with the whole-number message, never rounded;
 * - anything else ambiguous ("1250,000", "3,50,000") is refused as not a number rather than guessed.
 */
function readWholeNumber(text: string): { digits: string; negative: boolean } | 'format' | 'fraction' {
  let body = text.replace(spaces, '').replace(leadingCurrency, '').replace(trailingCurrency, '');
  const negative = /^[-\u2212]/.test(body);
  if (negative) body = body.slice(1);
  if (!/^[\d.,]+$/.test(body)) return 'format';
  const marks = body.replace(/\d/g, '');
  if (marks === '') return { digits: body, negative };
  const last = Math.max(body.lastIndexOf(','), body.lastIndexOf('.'));
  const mark = body.charAt(last);
  const other = mark === ',' ? '.' : ',';
  const head = body.slice(0, last);
  const tail = body.slice(last + 1);
  const grouped = (part: string, by: string) =>
    part.includes(by)
      ? (by === ',' ? /^[1-9]\d{0,2}(?:,\d{3})+$/ : /^[1-9]\d{0,2}(?:\.\d{3})+$/).test(part)
      : /^\d+$/.test(part);
  if (!marks.includes(other) && (marks.length > 1 || /^\d{3}$/.test(tail))) {
    return grouped(body, mark) ? { digits: body.replaceAll(mark, ''), negative } : 'format';
  }
  // The last mark is the decimal mark; the other mark, if any, groups the thousands before it.
  if (head.includes(mark) || !/^\d+$/.test(tail)) return 'format';
  if (head !== '' && !grouped(head, other)) return 'format';
  if (!/^0+$/.test(tail)) return 'fraction';
  return head === '' ? { digits: '0', negative } : { digits: head.replaceAll(other, ''), negative };
}

/**
 * A whole number as people type it: "350000", "350 000" (spaces of any kind), "350 000 ₸",
 * "350 000 тг.", "350000 тенге", "KZT 350 000", "350,000". Yields the number.
 */
export function wholeNumber(options: WholeNumberOptions = {}) {
  const { min = 0, max = Number.MAX_SAFE_INTEGER } = options;
  const messages = { ...wholeNumberMessages, ...options.messages };
  return field<number>((value) => {
    // A number already (an answer saved earlier and checked again) is checked as it is.
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) return fail(messages.format);
      if (!Number.isInteger(value)) return fail(messages.fraction);
      return value < min ? fail(messages.tooSmall) : value > max ? fail(messages.tooBig) : ok(value === 0 ? 0 : value);
    }
    const input = posted(value);
    if (input.kind === 'missing') return fail(messages.required);
    if (input.kind === 'other' || input.text.length > maxTyped) return fail(messages.format);
    const read = readWholeNumber(input.text);
    if (read === 'format') return fail(messages.format);
    if (read === 'fraction') return fail(messages.fraction);
    const size = Number(read.digits);
    // Past 2^53 a number is no longer exact: only the direction matters then.
    if (!Number.isSafeInteger(size)) return fail(read.negative ? messages.tooSmall : messages.tooBig);
    // `0 - 0` is `-0`, which prints as 0 but is not what was meant: 0 has no sign.
    const number = read.negative && size !== 0 ? -size : size;
    if (number < min) return fail(messages.tooSmall);
    if (number > max) return fail(messages.tooBig);
    return ok(number);
  });
}

// ---------------------------------------------------------------------------------------------
// Phone numbers

export interface TextMessages {
  /** Nothing was entered. */
  required: string;
  /** Something was entered, not in the form asked for: the text says what the form is. */
  format: string;
}

export interface TextFieldOptions {
  messages?: Partial<TextMessages>;
}

const phoneMessages: TextMessages = {
  required: t('form.error.phone.required'),
  format: t('form.error.phone.format'),
};

/**
 * A Kazakhstan phone number as people write it, with spaces, dashes, dots and brackets anywhere:
 * "+7 701 123 45 67", "8 (701) 123-45-67", "87011234567", "77011234567", "00 7 701 …". Yields
 * one form, "+77011234567", so that two spellings of a number are the same number.
 *
 * Ten digits with no prefix are taken as a number after +7 when they start with 7, as every
 * Kazakhstan number does ("701 123 45 67" is how the number is often written, and how operators
 * print it): asking again for a prefix we can supply costs the person a round trip. The one risk
 * is "7 701 123 45 6", a prefixed number with a digit missing, which reads as another number;
 * with "+7" or "8" a missing digit is still caught. Ten digits starting otherwise are refused:
 * they are a prefixed number with a digit missing, or not a number of the +7 zone.
 * After a prefix, any ten digits are taken: a Russian number (+7 9…) is a real number to call.
 */
export function kzPhone(options: TextFieldOptions = {}) {
  const messages = { ...phoneMessages, ...options.messages };
  return field<string>((value) => {
    const input = posted(value);
    if (input.kind === 'missing') return fail(messages.required);
    if (input.kind === 'other' || input.text.length > maxTyped) return fail(messages.format);
    const digits = input.text.replace(/[\s\u200b\u2060\-\u2010-\u2015\u2212.()]/g, '');
    const national = /^(?:\+7|007|[78])(\d{10})$/.exec(digits)?.[1] ?? /^7\d{9}$/.exec(digits)?.[0];
    return national === undefined ? fail(messages.format) : ok(`+7${national}`);
  });
}

// ---------------------------------------------------------------------------------------------
// Codes and numbers of a fixed length

/**
 * A code of `digits` digits sent to the person (by email today, by an authenticator app for staff
 * later), as people type it: spaces (of any kind) and dashes anywhere are dropped ("778 848",
 * "778-848").
 *
 * Its messages are zod's own unless the form names keys: the sign-in page gives the field its
 * own sentence for any issue that names no key (`toFormErrors`' `messages`), which a key named
 * here would override.
 */
export function digitCode(digits: number, messages: Partial<TextMessages> = {}) {
  const code = new RegExp(`^\\d{${String(digits)}}$`);
  const { required, format } = messages;
  let cleaned = z.string();
  // Only where the form names a key: an empty code is otherwise just not a code of digits.
  if (required !== undefined) cleaned = cleaned.min(1, { message: required, abort: true });
  return z
    .string({ error: (issue) => (issue.input === undefined ? (required ?? format) : format) })
    .transform((value) => value.replace(spacesAndDashes, ''))
    .pipe(cleaned.regex(code, format));
}

const iinMessages: TextMessages = {
  required: t('form.error.iin.required'),
  format: t('form.error.iin.format'),
};

/**
 * An IIN as people type it, with spaces or dashes between the digits ("950312 300 123"), as its 12
 * digits. Only the shape: whether the digits are a valid IIN (date, century, check digit) is for
 * `features/applicant/iin.ts`, which the form runs after.
 */
export function iinInput(options: TextFieldOptions = {}) {
  const messages = { ...iinMessages, ...options.messages };
  return field<string>((value) => {
    const input = posted(value);
    if (input.kind === 'missing') return fail(messages.required);
    if (input.kind === 'other' || input.text.length > maxTyped) return fail(messages.format);
    const iin = input.text.replace(spacesAndDashes, '');
    return /^\d{12}$/.test(iin) ? ok(iin) : fail(messages.format);
  });
}

// ---------------------------------------------------------------------------------------------
// Dates in three parts

export interface DatePartsMessages {
  /** Nothing was entered: "Enter your date of birth". */
  required: string;
  /** "Date of birth must include a day", and so on for each part or pair of parts left empty. */
  missingDay: string;
  missingMonth: string;
  missingYear: string;
  missingDayAndMonth: string;
  missingDayAndYear: string;
  missingMonthAndYear: string;
  /** "Year must include 4 numbers". */
  yearDigits: string;
  /** No such day: 31 February, month 13, day "abc". */
  real: string;
  /** After today, when the date may not be. */
  future: string;
  /** Before `notBefore`. */
  tooEarly: string;
}

export interface DatePartsOptions {
  messages?: Partial<DatePartsMessages>;
  /** Refuse a date after today (a date of birth, a date something happened). Today is allowed. */
  notAfterToday?: boolean;
  /** The earliest date allowed, 'YYYY-MM-DD' (for a date of birth, '1900-01-01'). */
  notBefore?: string;
  /** The present moment; for tests. "Today" is the day it is in Kazakhstan at that moment. */
  now?: () => Date;
}

const dateMessages: DatePartsMessages = {
  required: t('form.error.date.required'),
  missingDay: t('form.error.date.missingDay'),
  missingMonth: t('form.error.date.missingMonth'),
  missingYear: t('form.error.date.missingYear'),
  missingDayAndMonth: t('form.error.date.missingDayAndMonth'),
  missingDayAndYear: t('form.error.date.missingDayAndYear'),
  missingMonthAndYear: t('form.error.date.missingMonthAndYear'),
  yearDigits: t('form.error.date.yearDigits'),
  real: t('form.error.date.real'),
  future: t('form.error.date.future'),
  tooEarly: t('form.error.date.tooEarly'),
};

/**
 * The names of the months as people type them: English, Russian (nominative, and genitive as in
 * "5 мая"), Kazakh. Typed words are compared after folding (see `foldLetters`), so these are folded too.
 */
const monthNames: readonly (readonly string[])[] = [
  ['january', 'январь', 'января', 'қаңтар'],
  ['february', 'февраль', 'февраля', 'ақпан'],
  ['march', 'март', 'марта', 'наурыз'],
  ['april', 'апрель', 'апреля', 'сәуір'],
  ['may', 'май', 'мая', 'мамыр'],
  ['june', 'июнь', 'июня', 'маусым'],
  ['july', 'июль', 'июля', 'шілде'],
  ['august', 'август', 'августа', 'тамыз'],
  ['september', 'сентябрь', 'сентября', 'қыркүйек'],
  ['october', 'октябрь', 'октября', 'қазан'],
  ['november', 'ноябрь', 'ноября', 'қараша'],
  ['december', 'декабрь', 'декабря', 'желтоқсан'],
];

/**
 * Lower case, ё as е, and the Kazakh letters as the Russian ones they are typed with on a Russian
 * keyboard ("кантар" for "қаңтар", "сауир" for "сәуір"): both spellings are common.
 */
function foldLetters(word: string): string {
  const kazakh: Record<string, string> = {
    ә: 'а',
    ғ: 'г',
    қ: 'к',
    ң: 'н',
    ө: 'о',
    ұ: 'у',
    ү: 'у',
    һ: 'х',
    і: 'и',
    ё: 'е',
  };
  return word.toLowerCase().replace(/[әғқңөұүһіё]/g, (letter) => kazakh[letter] ?? letter);
}

const foldedMonthNames = monthNames.map((forms) => forms.map(foldLetters));

/**
 * A month typed as a number ("5", "05") or a name in any of the three languages, in full or
 * shortened to three letters or more ("Jan", "sept", "мая", "янв.", "мамыр", "қаз"): a shortening
 * is taken only when it begins the name of one month alone (all three-letter ones do).
 */
function readMonth(text: string): number | undefined {
  if (/^\d{1,2}$/.test(text)) return Number(text);
  const word = foldLetters(text.replace(/\.$/, ''));
  if (word.length < 3) return undefined;
  const months = foldedMonthNames.flatMap((forms, index) =>
    forms.some((form) => form.startsWith(word)) ? [index + 1] : [],
  );
  return months.length === 1 ? months[0] : undefined;
}

function daysInMonth(month: number, year: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
}

const pad = (value: number) => String(value).padStart(2, '0');

/** Today in Kazakhstan, 'YYYY-MM-DD': a date entered this morning in Taraz is not in the future. */
function todayIn(now: Date): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Almaty',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

type Part = 'day' | 'month' | 'year';

/** The text of one part of the date, `missing`, or `other` (not text: a tampered form). */
function partOf(input: unknown, part: Part): Posted {
  if (typeof input !== 'object' || input === null || Array.isArray(input) || !Object.hasOwn(input, part)) {
    return { kind: 'missing' };
  }
  return posted((input as Record<Part, unknown>)[part]);
}

/**
 * A date asked as three fields, day, month and year (the GOV.UK date input), posted as
 * `{ day, month, year }`. Yields 'YYYY-MM-DD'.
 *
 * One message at a time, the first thing to fix, on the part to fix, so that the error summary
 * links to that field: a missing part (or the day when the whole date is missing), the part that
 * cannot be a day or month, the year that is not 4 digits; the day for a date that does not exist
 * (31 February) or is out of range, as the whole date is wrong and the day is its first field.
 */
export function dateParts(options: DatePartsOptions = {}) {
  const messages = { ...dateMessages, ...options.messages };
  const { notAfterToday = false, notBefore, now = () => new Date() } = options;
  if (notBefore !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(notBefore)) {
    throw new Error(`dateParts: notBefore must be 'YYYY-MM-DD', not ${JSON.stringify(notBefore)}`);
  }
  return field<string>((input) => {
    const day = partOf(input, 'day');
    const month = partOf(input, 'month');
    const year = partOf(input, 'year');
    const noDay = day.kind === 'missing';
    const noMonth = month.kind === 'missing';
    const noYear = year.kind === 'missing';
    if (noDay && noMonth && noYear) return fail(messages.required, ['day']);
    if (noDay && noMonth) return fail(messages.missingDayAndMonth, ['day']);
    if (noDay && noYear) return fail(messages.missingDayAndYear, ['day']);
    if (noMonth && noYear) return fail(messages.missingMonthAndYear, ['month']);
    if (noDay) return fail(messages.missingDay, ['day']);
    if (noMonth) return fail(messages.missingMonth, ['month']);
    if (noYear) return fail(messages.missingYear, ['year']);

    const text = (part: Posted) => (part.kind === 'text' && part.text.length <= maxTyped ? part.text : '');
    const dayNumber = /^\d{1,2}$/.test(text(day)) ? Number(text(day)) : 0;
    if (dayNumber < 1 || dayNumber > 31) return fail(messages.real, ['day']);
    const monthNumber = readMonth(text(month)) ?? 0;
    if (monthNumber < 1 || monthNumber > 12) return fail(messages.real, ['month']);
    if (!/^\d{4}$/.test(text(year))) return fail(messages.yearDigits, ['year']);
    const yearNumber = Number(text(year));
    if (dayNumber > daysInMonth(monthNumber, yearNumber)) return fail(messages.real, ['day']);

    const iso = `${text(year)}-${pad(monthNumber)}-${pad(dayNumber)}`;
    if (notBefore !== undefined && iso < notBefore) return fail(messages.tooEarly, ['day']);
    if (notAfterToday && iso > todayIn(now())) return fail(messages.future, ['day']);
    return ok(iso);
  });
}
