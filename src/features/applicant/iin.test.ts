import { describe, expect, it } from 'vitest';
import { iinMatches, parseIin } from './iin.ts';

// Check digits computed by hand from the published algorithm, not by the module under test.
describe('the IIN', () => {
  it.each([
    ['880316300129', '1988-03-16', 'male'],
    ['951201401235', '1995-12-01', 'female'],
    ['000229600014', '2000-02-29', 'female'],
    ['120730500778', '2012-07-30', 'male'],
    ['900515400502', '1990-05-15', 'female'],
  ] as const)('%s is valid: born %s, %s', (iin, birthDate, sex) => {
    expect(parseIin(iin)).toEqual({ ok: true, iin, birthDate, sex });
    expect(iinMatches(iin, birthDate, sex)).toBe(true);
  });

  it('accepts the spaces people type', () => {
    expect(parseIin(' 8803 1630 0129 ').ok).toBe(true);
  });

  it.each([
    ['88031630012', 'format'],
    ['8803163001290', 'format'],
    ['88031630012a', 'format'],
    ['', 'format'],
    ['880316700129', 'century'],
    ['880316000129', 'century'],
    ['010229500003', 'date'],
    ['881316300129', 'date'],
    ['880316300128', 'checksum'],
    ['880316300120', 'checksum'],
  ] as const)('%s is refused (%s)', (iin, problem) => {
    expect(parseIin(iin)).toEqual({ ok: false, problem });
  });

  it('refuses a number for which no check digit exists', () => {
    for (let check = 0; check <= 9; check += 1) expect(parseIin(`90051540054${check}`).ok).toBe(false);
  });

  it('does not match another date of birth or sex', () => {
    expect(iinMatches('880316300129', '1988-03-17', 'male')).toBe(false);
    expect(iinMatches('880316300129', '1988-03-16', 'female')).toBe(false);
    expect(iinMatches('880316300128', '1988-03-16', 'male')).toBe(false);
  });
});
