/**
 * The house style of the portal's text that a machine can check: one convention per language for
 * the polite "you", the letter ё, the brand, the key term of Kazakh, numbers, dashes and "№", and
 * no editorial talk about "our sources" (a public service tells the reader where to ask instead).
 * Pure: it takes a text and its language and returns what to change, phrased for an editor. The
 * content check applies it to every field of every document, and a unit test to every UI string.
 */
import type { Locale } from '../i18n/locales.ts';

interface StyleRule {
  /** What the editor should write instead, with the reason. */
  message: string;
  /** Finds the offending words; global, so every occurrence can be named. */
  pattern: RegExp;
  /** Leaves out matches that the rule should not catch (for example years). */
  allow?: (match: RegExpExecArray, text: string) => boolean;
}

const letter = String.raw`\p{L}`;

/** A whole word: not preceded or followed by a letter (JavaScript's \b knows only Latin letters). */
const word = (alternatives: string) => new RegExp(String.raw`(?<!${letter})(?:${alternatives})(?!${letter})`, 'gu');

/** A 4-digit number that is a year, or any number that names a document ("№ 1245", "No. 1245"). */
function isYearOrDocumentNumber(match: RegExpExecArray, text: string): boolean {
  const value = Number(match[0]);
  if (match[0].length === 4 && value >= 1800 && value <= 2099) return true;
  const before = text.slice(Math.max(0, match.index - 4), match.index);
  return /(№|No\.)\s?$/u.test(before);
}

/** Digits that are part of an address, a date, an identifier (an IIN, a phone) or an example of a code, not a count. */
function isInsideToken(match: RegExpExecArray, text: string): boolean {
  const end = match.index + match[0].length;
  const joinedBefore = /[\p{L}\d/_.:#+-]/u.test(text[match.index - 1] ?? ' ');
  const joinedAfter = /[\p{L}\d/_#-]/u.test(text[end] ?? ' ') || /^[.:]\d/u.test(text.slice(end));
  const shownAsExample = /(мысалы|например|for example|e\.g\.),?\s*$/iu.test(text.slice(Math.max(0, match.index - 16), match.index));
  const identifierLength = match[0].length >= 9;
  return identifierLength || shownAsExample || joinedBefore || joinedAfter;
}

/** Inside «guillemets»: a quoted title of an official document or service, which is cited as it is written. */
function isQuoted(match: RegExpExecArray, text: string): boolean {
  const before = text.slice(0, match.index);
  return before.split('«').length > before.split('»').length;
}

const common: StyleRule[] = [
  {
    message: 'write "№" with a space before the number ("№ 245")',
    pattern: /№(?=\d)/gu,
  },
];

/** Kazakh and Russian share typography: an em dash as a dash, thousands grouped with a space. */
const cyrillicTypography: StyleRule[] = [
  {
    message: 'use an em dash with spaces (« — ») as a dash; the en dash is only for ranges without spaces (2015–2020)',
    pattern: / – /gu,
  },
  {
    message: 'group the digits of a number of 1,000 or more with a space ("1 352"), as everywhere else on the site',
    pattern: /\d{4,}/gu,
    allow: (match, text) => isYearOrDocumentNumber(match, text) || isInsideToken(match, text),
  },
];

const rules: Record<Locale, StyleRule[]> = {
  kk: [
    ...common,
    ...cyrillicTypography,
    {
      message: 'write «отбасына» (the possessive declension the site uses for its key term «отбасына орналастыру»), not «отбасыға»',
      pattern: word('[Оо]тбасыға'),
      allow: isQuoted,
    },
    {
      message: 'do not tell the reader what "our sources" say; say where to ask (for example «аудандық қорғаншылық органынан сұраңыз»)',
      pattern: /[Бб]іздің дереккөздер|дереккөздерде (?:көрсетілмеген|айтылмаған|жоқ)/gu,
    },
    {
      message: 'use the legal term «соттылық» (the Criminal Code\'s word), not «сотталғандық» / «сотталмағандық»',
      pattern: /[Сс]отталғандығ|[Сс]отталмағандығ/gu,
    },
    {
      message: 'write «Сіз» with a capital letter: the site addresses the reader politely',
      pattern: word('сіз|сізге|сізді|сізден|сізбен|сізде|сіздің'),
    },
  ],
  ru: [
    ...common,
    ...cyrillicTypography,
    {
      message: 'write «е» instead of «ё»: the site follows the official texts, which do not use «ё»',
      pattern: /[ёЁ]/gu,
    },
    {
      message: 'write «Вы», «Вас», «Ваш» with a capital letter, as on every page of the site',
      pattern: word(String.raw`вы|вас|вам|вами|ваш${letter}*`),
    },
    {
      message: 'spell the brand «Алақан», with the Kazakh letter қ, as in the other languages',
      pattern: word('Алакан\\p{L}*'),
    },
    {
      message: 'do not tell the reader what "our sources" say; say where to ask (for example «уточните в органе опеки»)',
      pattern: /наших источник/gu,
    },
  ],
  en: [
    ...common,
    {
      message: 'do not tell the reader what "our sources" say; say where to ask ("ask your district\'s guardianship authority")',
      pattern: /\b[Oo]ur sources\b/gu,
    },
  ],
};

/** What to change in a text of this language; empty when it keeps the house style. */
export function styleProblems(lang: Locale, text: string): string[] {
  const found: string[] = [];
  for (const rule of rules[lang]) {
    for (const match of text.matchAll(rule.pattern)) {
      if (rule.allow?.(match, text)) continue;
      const start = Math.max(0, match.index - 20);
      const context = text.slice(start, match.index + match[0].length + 20).replace(/\s+/gu, ' ');
      found.push(`${rule.message}: "…${context}…"`);
    }
  }
  return found;
}

/** Every string inside a value (front matter, YAML), with the path of the field that holds it. */
export function* textFields(value: unknown, path = ''): Generator<[field: string, text: string]> {
  if (typeof value === 'string') {
    yield [path, value];
  } else if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) yield* textFields(item, `${path}[${index}]`);
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) yield* textFields(item, path ? `${path}.${key}` : key);
  }
}
