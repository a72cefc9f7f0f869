/**
 * The UI strings are complete in every language: the same keys, every plural form the language
 * needs, the same placeholders, and no key that the code no longer uses.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { localeInfo, locales, type Locale } from './locales.ts';
import { translatorFor, uiStrings } from './translator.ts';
import { styleProblems } from '../content/style.ts';

const pluralSuffix = /_(zero|one|two|few|many|other)$/;
const baseKey = (key: string) => key.replace(pluralSuffix, '');
const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

/** Plural forms i18next asks for in this language. */
function pluralForms(lang: Locale): string[] {
  return [...new Intl.PluralRules(localeInfo[lang].intl).resolvedOptions().pluralCategories].sort();
}

/** Keys the code passes to `t('…')`, found by reading the sources. */
async function keysUsedInCode(): Promise<Set<string>> {
  const files = (await readdir(path.resolve('src'), { recursive: true })).filter(
    (file) => /\.(astro|ts)$/.test(file) && !file.endsWith('.test.ts'),
  );
  const used = new Set<string>();
  for (const file of files) {
    const text = await readFile(path.resolve('src', file), 'utf8');
    for (const match of text.matchAll(/\bt\(\s*'([a-zA-Z0-9_.-]+)'/g)) used.add(match[1] ?? '');
    // Message keys named in schemas (for example 'apply.error.phone') are translated where shown.
    for (const match of text.matchAll(/'((?:apply\.error|school\.error)\.[a-zA-Z0-9_.-]+)'/g)) used.add(match[1] ?? '');
  }
  return used;
}

describe('UI strings', () => {
  const reference = new Set(Object.keys(uiStrings.en).map(baseKey));

  it.each(locales)('%s has every key, and no extra one', (lang) => {
    expect(new Set(Object.keys(uiStrings[lang]).map(baseKey))).toEqual(reference);
  });

  it.each(locales)('%s has exactly the plural forms its grammar needs', (lang) => {
    const pluralKeys = new Set(
      Object.keys(uiStrings[lang])
        .filter((key) => pluralSuffix.test(key))
        .map(baseKey),
    );
    for (const key of pluralKeys) {
      const forms = Object.keys(uiStrings[lang])
        .filter((candidate) => baseKey(candidate) === key && candidate !== key)
        .map((candidate) => candidate.slice(key.length + 1))
        .sort();
      expect(forms, `${lang}: ${key}`).toEqual(pluralForms(lang));
    }
  });

  it.each(locales)('%s uses the same placeholders as English', (lang) => {
    for (const [key, text] of Object.entries(uiStrings[lang])) {
      const english = uiStrings.en[key] ?? uiStrings.en[`${baseKey(key)}_other`] ?? '';
      expect(placeholders(text), `${lang}: ${key}`).toEqual(placeholders(english));
    }
  });

  it.each(locales)('%s keeps the house style of its language (as the content does)', (lang) => {
    const problems = Object.entries(uiStrings[lang]).flatMap(([key, text]) =>
      styleProblems(lang, text).map((problem) => `${key}: ${problem}`),
    );
    expect(problems).toEqual([]);
  });

  it.each(locales)('%s has no empty string', (lang) => {
    for (const [key, text] of Object.entries(uiStrings[lang])) expect(text.trim(), `${lang}: ${key}`).not.toBe('');
  });

  it('has a string for every key the code uses, and uses every string', async () => {
    const used = await keysUsedInCode();
    expect([...used].filter((key) => !reference.has(key))).toEqual([]);
    expect([...reference].filter((key) => !used.has(key))).toEqual([]);
  });

  it('translates per request without sharing a language between translators', () => {
    const kk = translatorFor('kk');
    const ru = translatorFor('ru');
    expect(kk('nav.search')).toBe(uiStrings.kk['nav.search']);
    expect(ru('nav.search')).toBe(uiStrings.ru['nav.search']);
    expect(kk('nav.search')).toBe(uiStrings.kk['nav.search']);
  });

  it('picks the Russian plural form by number', () => {
    const ru = translatorFor('ru');
    expect(ru('search.resultCount', { count: 1 })).toBe('Найдена 1 страница');
    expect(ru('search.resultCount', { count: 3 })).toBe('Найдено 3 страницы');
    expect(ru('search.resultCount', { count: 5 })).toBe('Найдено 5 страниц');
  });
});
