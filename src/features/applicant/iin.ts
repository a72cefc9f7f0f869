/**
 * The Kazakh individual identification number (IIN, ЖСН, ИИН): 12 digits, the date of birth
 * (YYMMDD), a digit for the century and sex, four serial digits and a check digit. Pure.
 */

export type Sex = 'male' | 'female';

export type IinProblem = 'format' | 'century' | 'date' | 'checksum';

export type IinResult = { ok: true; iin: string; birthDate: string; sex: Sex } | { ok: false; problem: IinProblem };

const firstWeights = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
const secondWeights = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2];

/** The check digit of the first 11 digits, or undefined when no valid check digit exists. */
export function iinCheckDigit(first11: readonly number[]): number | undefined {
  const weighted = (weights: number[]) =>
    first11.reduce((sum, digit, index) => sum + digit * (weights[index] ?? 0), 0) % 11;
  const first = weighted(firstWeights);
  if (first !== 10) return first;
  const second = weighted(secondWeights);
  return second === 10 ? undefined : second;
}

const centuries: Record<string, { century: number; sex: Sex }> = {
  '1': { century: 1800, sex: 'male' },
  '2': { century: 1800, sex: 'female' },
  '3': { century: 1900, sex: 'male' },
  '4': { century: 1900, sex: 'female' },
  '5': { century: 2000, sex: 'male' },
  '6': { century: 2000, sex: 'female' },
};

/** Reads an IIN as a person types it (spaces allowed) and says what is wrong with it, if anything. */
export function parseIin(input: string): IinResult {
  const iin = input.replace(/\s+/g, '');
  if (!/^\d{12}$/.test(iin)) return { ok: false, problem: 'format' };
  const digits = Array.from(iin, Number);
  const marker = centuries[iin.charAt(6)];
  if (!marker) return { ok: false, problem: 'century' };
  const year = marker.century + Number(iin.slice(0, 2));
  const month = Number(iin.slice(2, 4));
  const day = Number(iin.slice(4, 6));
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return { ok: false, problem: 'date' };
  }
  if (iinCheckDigit(digits.slice(0, 11)) !== digits[11]) return { ok: false, problem: 'checksum' };
  return { ok: true, iin, birthDate: date.toISOString().slice(0, 10), sex: marker.sex };
}

/** Whether an IIN is valid and encodes this date of birth (YYYY-MM-DD) and sex. */
export function iinMatches(input: string, birthDate: string, sex: Sex): boolean {
  const parsed = parseIin(input);
  return parsed.ok && parsed.birthDate === birthDate && parsed.sex === sex;
}
