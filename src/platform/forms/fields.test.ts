import { describe, expect, it } from 'vitest';
import { digitCode } from './fields.ts';

describe('a code of digits', () => {
  it('takes the digits as people type them, spaces anywhere', () => {
    expect(digitCode(6).parse('123456')).toBe('123456');
    expect(digitCode(6).parse(' 123 456 ')).toBe('123456');
    expect(digitCode(6).parse('1\t2 3\n4 5 6')).toBe('123456');
  });

  it.each([
    ['12345'],
    ['1234567'],
    ['12345a'],
    ['١٢٣٤٥٦'],
    [''],
    ['9'.repeat(10_000)],
    [undefined],
    [123456],
    [['123456']],
  ])('refuses %j', (input) => {
    expect(digitCode(6).safeParse(input).success).toBe(false);
  });

  it('has the length it is made with', () => {
    expect(digitCode(4).safeParse('1234').success).toBe(true);
    expect(digitCode(4).safeParse('123456').success).toBe(false);
  });
});
