import { describe, expect, it } from 'vitest';
import { formatNumber, formatPartialDate, formatShare } from './format.ts';

describe('formatting for the page language', () => {
  it('groups thousands the way each language writes them', () => {
    expect(formatNumber(20798, 'en')).toBe('20,798');
    expect(formatNumber(20798, 'ru').replace(/\s/g, ' ')).toBe('20 798');
    expect(formatNumber(20798, 'kk').replace(/\s/g, ' ')).toBe('20 798');
  });

  it('keeps a date as precise as the source', () => {
    expect(formatPartialDate('2020', 'en')).toBe('2020');
    expect(formatPartialDate('2020-07', 'en')).toBe('July 2020');
    expect(formatPartialDate('2026-01-24', 'en')).toBe('24 January 2026');
    expect(formatPartialDate('2026-01-24', 'ru')).toMatch(/^24 января 2026/);
    expect(formatPartialDate('2026-01-24', 'kk')).toMatch(/2026/);
  });
});

describe('shares', () => {
  it('are written with the decimal sign of the language, keeping the source precision', () => {
    expect(formatShare('74.1%', 'en')).toBe('74.1%');
    expect(formatShare('74.1%', 'ru').replace(/\s/g, ' ')).toBe('74,1 %');
    expect(formatShare('8%', 'kk').replace(/\s/g, ' ')).toMatch(/^%?\s?8\s?%?$/);
    expect(formatShare('about a half', 'en')).toBe('about a half');
  });
});
