/**
 * Application reference numbers: `AQ-7K4M-2P9X-Q`, eight random characters of Crockford's
 * base 32 (no I, L, O or U, so nothing is mistaken for a digit) and a check character that
 * catches any single mistyped character and most swapped neighbours. Pure, apart from the
 * random source that callers may pass.
 */
import { randomInt } from 'node:crypto';

const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** Crockford's check symbols: the alphabet and five more, for the values 32 to 36 (mod 37). */
const checkSymbols = `${alphabet}*~$=U`;
const prefix = 'AQ';

function checkCharacter(body: string): string {
  let remainder = 0;
  for (const character of body) remainder = (remainder * 32 + alphabet.indexOf(character)) % 37;
  return checkSymbols.charAt(remainder);
}

/** A new reference number. */
export function newReference(random: (max: number) => number = randomInt): string {
  const body = Array.from({ length: 8 }, () => alphabet.charAt(random(32))).join('');
  return `${prefix}-${body.slice(0, 4)}-${body.slice(4)}-${checkCharacter(body)}`;
}

/**
 * Reads a reference as a person types it (any case, with or without dashes and spaces, O for 0,
 * I or L for 1). Returns the canonical form, or undefined when it is not a valid reference.
 */
export function parseReference(input: string): string | undefined {
  const compact = input.toUpperCase().replace(/[\s-]/g, '').replace(/^AQ/, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (compact.length !== 9) return undefined;
  const body = compact.slice(0, 8);
  const check = compact.slice(8);
  if (!Array.from(body).every((character) => alphabet.includes(character))) return undefined;
  if (checkCharacter(body) !== check) return undefined;
  return `${prefix}-${body.slice(0, 4)}-${body.slice(4)}-${check}`;
}
