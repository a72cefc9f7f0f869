/**
 * Codes people read aloud, type and print: `AQ-7K4M-2P9X-Q` for an application, `SC-…` for a
 * certificate of the School of adoptive parents. Eight random characters of Crockford's base 32
 * (no I, L, O or U, so nothing is mistaken for a digit) and a check character that catches any
 * single mistyped character and most swapped neighbours. The prefix only tells the kinds apart: it
 * is not part of the check. Pure, apart from the random source that callers may pass.
 */
import { randomInt } from 'node:crypto';

const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** Crockford's check symbols: the alphabet and five more, for the values 32 to 36 (mod 37). */
const checkSymbols = `${alphabet}*~$=U`;
const bodyLength = 8;

/**
 * Cyrillic capitals that look like Latin ones. Codes are typed in Kazakhstan with a Russian or Kazakh
 * layout switched on half the time (the key of the Latin C types a Cyrillic С there), and copied from
 * scanned documents whose text recognition picks either alphabet; no code contains Cyrillic, so
 * reading the look-alikes as Latin costs nothing.
 */
const lookalikes: Record<string, string> = {
  А: 'A',
  В: 'B',
  Е: 'E',
  К: 'K',
  М: 'M',
  Н: 'H',
  О: 'O',
  Р: 'P',
  С: 'C',
  Т: 'T',
  Х: 'X',
  // Kazakh І, a key of its own on the Kazakh layout; read as I, so as 1.
  І: 'I',
};

function checkCharacter(body: string): string {
  let remainder = 0;
  for (const character of body) remainder = (remainder * 32 + alphabet.indexOf(character)) % 37;
  return checkSymbols.charAt(remainder);
}

export interface CodeFormat {
  readonly prefix: string;
  /** A new code, from `random(32)` drawn eight times (crypto-strong by default). */
  create(random?: (max: number) => number): string;
  /**
   * Reads a code as a person types it (any case, with or without dashes and spaces, with or without
   * the prefix, O for 0, I or L for 1, Cyrillic look-alikes for Latin letters). Returns the canonical
   * form, or undefined when it is not a valid code of this kind.
   */
  parse(input: string): string | undefined;
}

/** The code format with this prefix: two to four Latin capitals. */
export function codeFormat(prefix: string): CodeFormat {
  if (!/^[A-Z]{2,4}$/.test(prefix)) throw new Error(`A code prefix is two to four Latin capitals, not “${prefix}”.`);
  const format = (body: string) => `${prefix}-${body.slice(0, 4)}-${body.slice(4)}-${checkCharacter(body)}`;
  return {
    prefix,
    create(random = randomInt) {
      return format(Array.from({ length: bodyLength }, () => alphabet.charAt(random(32))).join(''));
    },
    parse(input) {
      let compact = Array.from(input.toUpperCase().replace(/[\s-]/g, ''), (c) => lookalikes[c] ?? c).join('');
      // The prefix is taken off only when it is there in full, before O and I are read as digits: a
      // body may itself begin with the prefix's letters (AQ…, SC…) when typed without it.
      if (compact.length === prefix.length + bodyLength + 1 && compact.startsWith(prefix)) {
        compact = compact.slice(prefix.length);
      }
      compact = compact.replace(/O/g, '0').replace(/[IL]/g, '1');
      if (compact.length !== bodyLength + 1) return undefined;
      const body = compact.slice(0, bodyLength);
      if (!Array.from(body).every((character) => alphabet.includes(character))) return undefined;
      if (checkCharacter(body) !== compact.slice(bodyLength)) return undefined;
      return format(body);
    },
  };
}

const references = codeFormat('AQ');
const certificateCodes = codeFormat('SC');

/** A new application reference number. */
export function newReference(random: (max: number) => number = randomInt): string {
  return references.create(random);
}

/** Reads an application reference as a person types it; see `CodeFormat.parse`. */
export function parseReference(input: string): string | undefined {
  return references.parse(input);
}

/** A new certificate code of the School of adoptive parents: `SC-XXXX-XXXX-C`. */
export function newCertificateCode(random: (max: number) => number = randomInt): string {
  return certificateCodes.create(random);
}

/** Reads a certificate code as a person types it; see `CodeFormat.parse`. */
export function parseCertificateCode(input: string): string | undefined {
  return certificateCodes.parse(input);
}
