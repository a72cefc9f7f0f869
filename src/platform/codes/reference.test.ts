import { describe, expect, it } from 'vitest';
import { newReference, parseReference } from './reference.ts';

const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

describe('reference numbers', () => {
  it('look like AQ-XXXX-XXXX-C and read back as themselves', () => {
    for (let i = 0; i < 200; i += 1) {
      const reference = newReference();
      expect(reference).toMatch(/^AQ-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z*~$=U]$/);
      expect(parseReference(reference)).toBe(reference);
    }
  });

  it('are read the way people type them', () => {
    const reference = newReference(() => 0);
    expect(reference).toBe('AQ-0000-0000-0');
    expect(parseReference('aq 0000 0000 0')).toBe(reference);
    expect(parseReference('AQ-OOOO-OOOO-O')).toBe(reference);
    expect(parseReference('00000000-0')).toBe(reference);
  });

  it('catch every single mistyped character', () => {
    const reference = newReference();
    const body = reference.replace(/^AQ-/, '').replace(/-/g, '');
    for (let position = 0; position < 8; position += 1) {
      for (const replacement of alphabet) {
        if (replacement === body[position]) continue;
        const typo = body.slice(0, position) + replacement + body.slice(position + 1);
        expect(parseReference(typo), typo).toBeUndefined();
      }
    }
  });

  it('catch swapped neighbours', () => {
    const generated = newReference();
    const digits = generated.replace(/^AQ-/, '').replace(/-/g, '');
    const check = digits.slice(8);
    for (let position = 0; position < 7; position += 1) {
      const chars = Array.from(digits.slice(0, 8));
      if (chars[position] === chars[position + 1]) continue;
      [chars[position], chars[position + 1]] = [chars[position + 1] ?? '', chars[position] ?? ''];
      expect(parseReference(chars.join('') + check), chars.join('')).toBeUndefined();
    }
  });

  it('refuse what is not a reference', () => {
    for (const junk of ['', 'AQ', 'AQ-1234-5678', '<script>', 'AQ-1234-5678-99', 'ÄQ-1234-5678-0']) {
      expect(parseReference(junk), junk).toBeUndefined();
    }
  });
});
