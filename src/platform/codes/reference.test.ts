import { describe, expect, it } from 'vitest';
import { codeFormat, newCertificateCode, newReference, parseCertificateCode, parseReference } from './reference.ts';

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

describe('certificate codes', () => {
  it('look like SC-XXXX-XXXX-C and read back as themselves', () => {
    for (let i = 0; i < 200; i += 1) {
      const code = newCertificateCode();
      expect(code).toMatch(/^SC-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z*~$=U]$/);
      expect(parseCertificateCode(code)).toBe(code);
    }
  });

  it('are read the way people type them, Cyrillic look-alikes included', () => {
    const code = newCertificateCode(() => 12); // every body character is C
    expect(code).toMatch(/^SC-CCCC-CCCC-.$/);
    const check = code.slice(-1);
    expect(parseCertificateCode(`sc cccc cccc ${check.toLowerCase()}`)).toBe(code);
    expect(parseCertificateCode(`CCCCCCCC${check}`)).toBe(code);
    // Typed with the Cyrillic С (the same key as the Latin C on a Russian layout), prefix included.
    expect(parseCertificateCode(`SС-СССС-СССС-${check}`)).toBe(code);
    expect(parseCertificateCode('sc-oooo-oooo-o')).toBe(newCertificateCode(() => 0));
  });

  it('take a body that begins with the prefix’s letters, typed without the prefix', () => {
    // S is 25 and C is 12 in the alphabet: this body begins with "SC".
    const values = [25, 12, 1, 2, 3, 4, 5, 6];
    const code = newCertificateCode(() => values.shift() ?? 0);
    expect(code.slice(3, 5)).toBe('SC');
    expect(parseCertificateCode(code.slice(3))).toBe(code);
    expect(parseCertificateCode(code)).toBe(code);
  });

  it('catch every single mistyped character', () => {
    const code = newCertificateCode();
    const body = code.replace(/^SC-/, '').replace(/-/g, '');
    for (let position = 0; position < 8; position += 1) {
      for (const replacement of alphabet) {
        if (replacement === body[position]) continue;
        const typo = 'SC' + body.slice(0, position) + replacement + body.slice(position + 1);
        expect(parseCertificateCode(typo), typo).toBeUndefined();
      }
    }
  });

  it('are not mistaken for application references, nor these for them', () => {
    const code = newCertificateCode();
    const reference = newReference();
    expect(parseReference(code)).toBeUndefined();
    expect(parseCertificateCode(reference)).toBeUndefined();
    // Without a prefix the body and check are the same kind of thing: the prefix tells them apart.
    expect(parseCertificateCode(reference.slice(3))).toBe(`SC${reference.slice(2)}`);
  });

  it('refuse what is not a code', () => {
    for (const junk of [
      '',
      'SC',
      'SC-1234-5678',
      '<script>',
      'SC-1234-5678-99',
      'ŠC-1234-5678-0',
      'SC-1234-5678-0\u0000',
    ]) {
      expect(parseCertificateCode(junk), junk).toBeUndefined();
    }
  });

  it('need a prefix of two to four Latin capitals', () => {
    expect(codeFormat('XYZ').create(() => 0)).toBe('XYZ-0000-0000-0');
    for (const prefix of ['', 'A', 'ab', 'ABCDE', 'С1']) expect(() => codeFormat(prefix), prefix).toThrow('prefix');
  });
});

describe('application references, as before', () => {
  it('now also take a body that begins with A Q, typed without the prefix', () => {
    // A is 10 and Q is 23: before, "AQ" was taken off such a body and the reference refused.
    const values = [10, 23, 0, 0, 0, 0, 0, 0];
    const reference = newReference(() => values.shift() ?? 0);
    expect(parseReference(reference.slice(3))).toBe(reference);
  });
});
