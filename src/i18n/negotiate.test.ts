import { describe, expect, it } from 'vitest';
import { negotiateLocale, parseAcceptLanguage } from './negotiate.ts';

describe('choosing the language for /', () => {
  it('keeps the language the visitor chose before', () => {
    expect(negotiateLocale('en', 'ru-RU,ru;q=0.9')).toBe('en');
  });

  it('follows the browser when there is no choice yet', () => {
    expect(negotiateLocale(undefined, 'ru-RU,ru;q=0.9,en;q=0.8')).toBe('ru');
    expect(negotiateLocale(undefined, 'de-DE, en;q=0.5, kk;q=0.7')).toBe('kk');
    expect(negotiateLocale(undefined, 'EN-gb')).toBe('en');
  });

  it('falls back to Kazakh', () => {
    expect(negotiateLocale(undefined, undefined)).toBe('kk');
    expect(negotiateLocale(undefined, 'de, fr;q=0.8')).toBe('kk');
    expect(negotiateLocale('xx', '')).toBe('kk');
  });

  it('ignores languages refused with q=0 and junk', () => {
    expect(negotiateLocale(undefined, 'ru;q=0, en;q=0.1')).toBe('en');
    expect(parseAcceptLanguage(';;;, ,q=,ru;q=abc')).toEqual([]);
  });
});
