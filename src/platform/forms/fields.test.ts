import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { dateParts, digitCode, iinInput, kzPhone, wholeNumber } from './fields.ts';

/** The one message and path a schema gives for an input, or the value it yields. */
function outcome(schema: z.ZodType, input: unknown): { value: unknown } | { message: string; path: PropertyKey[] }[] {
  const result = schema.safeParse(input);
  if (result.success) return { value: result.data };
  return result.error.issues.map((issue) => ({ message: issue.message, path: issue.path }));
}

const keysOf = (schema: z.ZodType, input: unknown) => {
  const result = schema.safeParse(input);
  return result.success ? [] : result.error.issues.map((issue) => issue.message);
};

describe('a code of digits', () => {
  it('takes the digits as people type them, spaces and dashes anywhere', () => {
    expect(digitCode(6).parse('123456')).toBe('123456');
    expect(digitCode(6).parse(' 123 456 ')).toBe('123456');
    expect(digitCode(6).parse('1\t2 3\n4 5 6')).toBe('123456');
    expect(digitCode(6).parse('778 848')).toBe('778848');
    expect(digitCode(6).parse('778-848')).toBe('778848');
    expect(digitCode(6).parse('778\u00a0848')).toBe('778848');
    expect(digitCode(6).parse('778\u202f848')).toBe('778848');
    expect(digitCode(6).parse('778 – 848')).toBe('778848');
    expect(digitCode(6).parse('-7-7-8-8-4-8-')).toBe('778848');
  });

  it.each([
    ['12345'],
    ['1234567'],
    ['12345a'],
    ['123.456'],
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

  it('names no key unless the form gives some: the sign-in page gives the field a sentence of its own', () => {
    for (const input of ['', '12', undefined]) {
      for (const message of keysOf(digitCode(6), input)) expect(message).not.toMatch(/^[a-z]+\.[a-z.]+$/i);
    }
  });

  it('names the keys a form gives it: one for nothing entered, one for anything else', () => {
    const code = digitCode(6, { required: 'signInCode.error.required', format: 'signInCode.error.format' });
    expect(keysOf(code, '')).toEqual(['signInCode.error.required']);
    expect(keysOf(code, '  ')).toEqual(['signInCode.error.required']);
    expect(keysOf(code, undefined)).toEqual(['signInCode.error.required']);
    expect(keysOf(code, '12345')).toEqual(['signInCode.error.format']);
    expect(keysOf(code, 123456)).toEqual(['signInCode.error.format']);
    expect(code.parse('778-848')).toBe('778848');
  });
});

describe('a whole number', () => {
  const amount = wholeNumber({ max: 100_000_000 });

  it.each([
    ['350000', 'digits alone'],
    ['350 000', 'a space between thousands (kk, ru)'],
    ['350\u00a0000', 'a no-break space, as Intl.NumberFormat("ru") prints'],
    ['350\u2009000', 'a thin space'],
    ['350\u202f000', 'a narrow no-break space, as Intl.NumberFormat("kk") prints'],
    [' 350 000 ', 'spaces around'],
    ['350 000 ₸', 'the tenge sign after (kk, ru)'],
    ['₸350 000', 'the tenge sign before'],
    ['350000₸', 'the tenge sign with no space'],
    ['350 000 тг', 'тг (ru, kk)'],
    ['350 000 тг.', 'тг. with its dot'],
    ['350 000 ТГ', 'in capitals'],
    ['350000 тенге', 'тенге (ru)'],
    ['350 000 теңге', 'теңге (kk)'],
    ['KZT 350 000', 'the currency code before (en)'],
    ['350,000 KZT', 'the currency code after, with a comma (en)'],
    ['350 000 tenge', 'tenge (en)'],
    ['350,000', 'a comma between thousands (en)'],
    ['350.000', 'a dot between thousands'],
    ['350 000,00', 'a fraction of zeros with a decimal comma, as a bank statement prints (ru, kk)'],
    ['350,000.00', 'a fraction of zeros with a decimal dot (en)'],
    ['350000.0', 'one zero after the decimal dot'],
  ])('takes %j (%s)', (input) => {
    expect(amount.parse(input)).toBe(350_000);
  });

  it('takes thousands grouped several times, in either style', () => {
    expect(amount.parse('1,250,000')).toBe(1_250_000);
    expect(amount.parse('1.250.000')).toBe(1_250_000);
    expect(amount.parse('1 250 000')).toBe(1_250_000);
    expect(amount.parse('1.250.000,00 ₸')).toBe(1_250_000);
  });

  it('takes 0 and small numbers, and 0 has no sign', () => {
    expect(amount.parse('0')).toBe(0);
    expect(Object.is(wholeNumber({ min: -5 }).parse('-0'), 0)).toBe(true);
    expect(amount.parse('7')).toBe(7);
    expect(amount.parse('007')).toBe(7);
  });

  it('takes negative numbers where the form allows them, with either minus sign', () => {
    const change = wholeNumber({ min: -1000, max: 1000 });
    expect(change.parse('-350')).toBe(-350);
    expect(change.parse('\u2212350')).toBe(-350);
    expect(change.parse('-350 ₸')).toBe(-350);
  });

  it('takes a number given as a number, as a saved answer checked again is', () => {
    expect(amount.parse(280_000)).toBe(280_000);
    expect(keysOf(amount, 0.5)).toEqual(['form.error.wholeNumber']);
    expect(keysOf(amount, Number.NaN)).toEqual(['form.error.number.format']);
    expect(keysOf(amount, -1)).toEqual(['form.error.number.tooSmall']);
  });

  it.each([
    ['', 'form.error.number.required'],
    ['   ', 'form.error.number.required'],
    ['\u00a0', 'form.error.number.required'],
    [undefined, 'form.error.number.required'],
    [null, 'form.error.number.required'],
    ['abc', 'form.error.number.format'],
    ['₸', 'form.error.number.format'],
    ['тг', 'form.error.number.format'],
    ['350 000 $', 'form.error.number.format'],
    ['350k', 'form.error.number.format'],
    ['1e6', 'form.error.number.format'],
    ['3,50,000', 'form.error.number.format'],
    ['1250,000', 'form.error.number.format'],
    ['0,500', 'form.error.number.format'],
    ['1,000.000,5', 'form.error.number.format'],
    ['350.', 'form.error.number.format'],
    ['--350', 'form.error.number.format'],
    ['١٢٣', 'form.error.number.format'],
    ['9'.repeat(10_000), 'form.error.number.format'],
    [['350000'], 'form.error.number.format'],
    [{}, 'form.error.number.format'],
    ['350,5', 'form.error.wholeNumber'],
    ['350 000,50 ₸', 'form.error.wholeNumber'],
    ['350.5', 'form.error.wholeNumber'],
    ['1,250,000.50', 'form.error.wholeNumber'],
    ['1.250.000,50', 'form.error.wholeNumber'],
    ['0,5', 'form.error.wholeNumber'],
    [',5', 'form.error.wholeNumber'],
    ['-1', 'form.error.number.tooSmall'],
    ['-9'.padEnd(30, '9'), 'form.error.number.tooSmall'],
    ['100 000 001', 'form.error.number.tooBig'],
    ['9'.repeat(30), 'form.error.number.tooBig'],
  ])('for %j asks: %s', (input, key) => {
    expect(outcome(amount, input)).toEqual([{ message: key, path: [] }]);
  });

  it('keeps to the range it is made with', () => {
    const rooms = wholeNumber({ min: 1, max: 50 });
    expect(rooms.parse('1')).toBe(1);
    expect(rooms.parse('50')).toBe(50);
    expect(keysOf(rooms, '0')).toEqual(['form.error.number.tooSmall']);
    expect(keysOf(rooms, '51')).toEqual(['form.error.number.tooBig']);
    // "1,500" is one thousand five hundred, not one and a half: too many rooms, not a fraction.
    expect(keysOf(rooms, '1,500')).toEqual(['form.error.number.tooBig']);
  });

  it('names the keys the form gives it, so that the message names the question', () => {
    const income = wholeNumber({
      max: 100_000_000,
      messages: {
        required: 'apply.error.income.required',
        format: 'apply.error.income.format',
        fraction: 'apply.error.income.whole',
        tooSmall: 'apply.error.income.tooSmall',
        tooBig: 'apply.error.income.tooBig',
      },
    });
    expect(keysOf(income, '')).toEqual(['apply.error.income.required']);
    expect(keysOf(income, 'many')).toEqual(['apply.error.income.format']);
    expect(keysOf(income, '350,5')).toEqual(['apply.error.income.whole']);
    expect(keysOf(income, '-5')).toEqual(['apply.error.income.tooSmall']);
    expect(keysOf(income, '200 000 000')).toEqual(['apply.error.income.tooBig']);
    // A key not given stays the generic one.
    expect(keysOf(wholeNumber({ messages: { required: 'apply.error.income.required' } }), 'x')).toEqual([
      'form.error.number.format',
    ]);
  });

  it('puts the issue on the field it is nested in', () => {
    const result = outcomeOfNested(wholeNumber(), 'x');
    expect(result).toEqual([{ message: 'form.error.number.format', path: ['field'] }]);
  });
});

describe('a Kazakhstan phone number', () => {
  const phone = kzPhone();

  it.each([
    ['+7 701 123 45 67', 'spaces, as the portal shows it'],
    ['+7 (701) 123-45-67', 'brackets and dashes'],
    ['+77011234567', 'digits alone'],
    ['8 701 123 45 67', 'the trunk prefix 8 (kk, ru)'],
    ['8 (701) 123-45-67', 'the trunk prefix with brackets and dashes (kk, ru)'],
    ['8(701)123-45-67', 'with no spaces'],
    ['87011234567', 'digits alone after 8'],
    ['77011234567', '7 with no plus'],
    ['7 701 123 45 67', '7 with no plus, with spaces'],
    ['+7.701.123.45.67', 'dots'],
    ['+7\u00a0701\u00a0123\u00a045\u00a067', 'no-break spaces'],
    ['+7 701 123–45–67', 'en dashes'],
    ['00 7 701 123 45 67', 'the international prefix 00'],
    ['701 123 45 67', 'ten digits with no prefix: the number after +7'],
    ['(701) 123-45-67', 'ten digits with no prefix, in brackets'],
    ['  +7 701 123 45 67  ', 'spaces around'],
  ])('takes %j (%s) as +77011234567', (input) => {
    expect(phone.parse(input)).toBe('+77011234567');
  });

  it('takes a number of the +7 zone that is not a Kazakhstan one, given with its prefix', () => {
    expect(phone.parse('8 916 123 45 67')).toBe('+79161234567');
  });

  it.each([
    ['', 'form.error.phone.required'],
    ['  ', 'form.error.phone.required'],
    [undefined, 'form.error.phone.required'],
    [null, 'form.error.phone.required'],
    ['+7 701 123 45 6', 'form.error.phone.format'],
    ['8 701 123 45 6', 'form.error.phone.format'],
    ['8 701 123 45 678', 'form.error.phone.format'],
    ['+8 701 123 45 67', 'form.error.phone.format'],
    ['+44 20 7946 0958', 'form.error.phone.format'],
    ['916 123 45 67', 'form.error.phone.format'],
    ['123 45 67', 'form.error.phone.format'],
    ['+7 701 ABC 45 67', 'form.error.phone.format'],
    ['+7 701 123 45 67 ext 2', 'form.error.phone.format'],
    ['9'.repeat(10_000), 'form.error.phone.format'],
    [77011234567, 'form.error.phone.format'],
    [['+77011234567'], 'form.error.phone.format'],
  ])('for %j asks: %s', (input, key) => {
    expect(outcome(phone, input)).toEqual([{ message: key, path: [] }]);
  });

  it('names the keys the form gives it', () => {
    const own = kzPhone({ messages: { required: 'apply.error.phone', format: 'apply.error.phone' } });
    expect(keysOf(own, '')).toEqual(['apply.error.phone']);
    expect(keysOf(own, '12')).toEqual(['apply.error.phone']);
  });
});

describe('an IIN as typed', () => {
  const iin = iinInput();

  it.each([
    ['950312300123'],
    ['950312 300 123'],
    ['950 312 300 123'],
    ['950312-300-123'],
    ['9503\u00a01230\u00a00123'],
    [' 950312300123 '],
  ])('takes %j as its 12 digits', (input) => {
    expect(iin.parse(input)).toBe('950312300123');
  });

  it('checks the shape only: the check digit is for the IIN module', () => {
    expect(iin.parse('000000000000')).toBe('000000000000');
  });

  it.each([
    ['', 'form.error.iin.required'],
    [undefined, 'form.error.iin.required'],
    ['95031230012', 'form.error.iin.format'],
    ['9503123001234', 'form.error.iin.format'],
    ['95031230012a', 'form.error.iin.format'],
    ['950312.300.123', 'form.error.iin.format'],
    [950312300123, 'form.error.iin.format'],
  ])('for %j asks: %s', (input, key) => {
    expect(outcome(iin, input)).toEqual([{ message: key, path: [] }]);
  });

  it('names the keys the form gives it', () => {
    const own = iinInput({ messages: { format: 'apply.error.iin.format' } });
    expect(keysOf(own, '123')).toEqual(['apply.error.iin.format']);
    expect(keysOf(own, '')).toEqual(['form.error.iin.required']);
  });
});

describe('a date in three parts', () => {
  // 23:30 on 14 March 2026 in UTC is already 15 March in Kazakhstan (UTC+5).
  const now = () => new Date('2026-03-14T23:30:00Z');
  const date = dateParts({ now });
  const birthDate = dateParts({ notAfterToday: true, notBefore: '1900-01-01', now });

  it.each([
    [{ day: '5', month: '3', year: '1990' }, '1990-03-05'],
    [{ day: '05', month: '03', year: '1990' }, '1990-03-05'],
    [{ day: ' 5 ', month: ' 5', year: ' 1990 ' }, '1990-05-05'],
    [{ day: '29', month: '2', year: '2024' }, '2024-02-29'],
    [{ day: '31', month: '12', year: '1999' }, '1999-12-31'],
  ])('takes %j as %s', (input, iso) => {
    expect(date.parse(input)).toBe(iso);
  });

  it.each([
    ['Jan', 1],
    ['january', 1],
    ['Sept', 9],
    ['May', 5],
    ['mar', 3],
    ['jun', 6],
    ['jul', 7],
    ['янв', 1],
    ['янв.', 1],
    ['Январь', 1],
    ['января', 1],
    ['май', 5],
    ['мая', 5],
    ['сентября', 9],
    ['сент', 9],
    ['дек', 12],
    ['Қаңтар', 1],
    ['кантар', 1],
    ['ақпан', 2],
    ['наурыз', 3],
    ['сәуір', 4],
    ['сауир', 4],
    ['мамыр', 5],
    ['маусым', 6],
    ['шілде', 7],
    ['тамыз', 8],
    ['қыркүйек', 9],
    ['қазан', 10],
    ['қараша', 11],
    ['желтоқсан', 12],
    ['жел', 12],
  ])('takes the month %j as %i', (month, number) => {
    expect(date.parse({ day: '1', month, year: '2000' })).toBe(`2000-${String(number).padStart(2, '0')}-01`);
  });

  it.each([['ma'], ['ju'], ['мамы-'], ['mai'], ['13'], ['0'], ['00'], ['-1'], ['1.5'], ['month']])(
    'refuses the month %j as not a real date, on the month',
    (month) => {
      expect(outcome(date, { day: '1', month, year: '2000' })).toEqual([
        { message: 'form.error.date.real', path: ['month'] },
      ]);
    },
  );

  it.each([
    [undefined, 'form.error.date.required', 'day'],
    ['1990-03-05', 'form.error.date.required', 'day'],
    [{}, 'form.error.date.required', 'day'],
    [{ day: '', month: '', year: '' }, 'form.error.date.required', 'day'],
    [{ day: ' ', month: '\u00a0', year: undefined }, 'form.error.date.required', 'day'],
    [{ month: '3', year: '1990' }, 'form.error.date.missingDay', 'day'],
    [{ day: '5', month: '', year: '1990' }, 'form.error.date.missingMonth', 'month'],
    [{ day: '5', month: '3', year: '' }, 'form.error.date.missingYear', 'year'],
    [{ day: '', month: '', year: '1990' }, 'form.error.date.missingDayAndMonth', 'day'],
    [{ day: '', month: '3', year: '' }, 'form.error.date.missingDayAndYear', 'day'],
    [{ day: '5', month: '', year: '' }, 'form.error.date.missingMonthAndYear', 'month'],
    [{ day: '5', month: '3', year: '90' }, 'form.error.date.yearDigits', 'year'],
    [{ day: '5', month: '3', year: '19900' }, 'form.error.date.yearDigits', 'year'],
    [{ day: '5', month: '3', year: 'two thousand' }, 'form.error.date.yearDigits', 'year'],
    [{ day: '5', month: '3', year: ['1990'] }, 'form.error.date.yearDigits', 'year'],
    [{ day: '31', month: '2', year: '1990' }, 'form.error.date.real', 'day'],
    [{ day: '29', month: '2', year: '2023' }, 'form.error.date.real', 'day'],
    [{ day: '29', month: '2', year: '1900' }, 'form.error.date.real', 'day'],
    [{ day: '31', month: '4', year: '1990' }, 'form.error.date.real', 'day'],
    [{ day: '0', month: '3', year: '1990' }, 'form.error.date.real', 'day'],
    [{ day: '32', month: '3', year: '1990' }, 'form.error.date.real', 'day'],
    [{ day: '5th', month: '3', year: '1990' }, 'form.error.date.real', 'day'],
    [{ day: '32', month: '13', year: '90' }, 'form.error.date.real', 'day'],
    [{ day: '5', month: '13', year: '90' }, 'form.error.date.real', 'month'],
    [{ day: '9'.repeat(10_000), month: '3', year: '1990' }, 'form.error.date.real', 'day'],
  ])('for %j asks: %s, on the %s', (input, key, part) => {
    expect(outcome(date, input)).toEqual([{ message: key, path: [part] }]);
  });

  it('takes today in Kazakhstan, not tomorrow, when the date may not be in the future', () => {
    expect(birthDate.parse({ day: '15', month: '3', year: '2026' })).toBe('2026-03-15');
    expect(outcome(birthDate, { day: '16', month: '3', year: '2026' })).toEqual([
      { message: 'form.error.date.future', path: ['day'] },
    ]);
    expect(outcome(birthDate, { day: '1', month: '1', year: '2027' })).toEqual([
      { message: 'form.error.date.future', path: ['day'] },
    ]);
    // Without the rule, a future date is a date like any other.
    expect(date.parse({ day: '1', month: '1', year: '2027' })).toBe('2027-01-01');
  });

  it('takes the earliest date allowed and refuses the day before', () => {
    expect(birthDate.parse({ day: '1', month: '1', year: '1900' })).toBe('1900-01-01');
    expect(outcome(birthDate, { day: '31', month: '12', year: '1899' })).toEqual([
      { message: 'form.error.date.tooEarly', path: ['day'] },
    ]);
  });

  it('names the keys the form gives it, so that the message names the question', () => {
    const own = dateParts({
      notAfterToday: true,
      notBefore: '1900-01-01',
      now,
      messages: {
        required: 'apply.error.birthDate.required',
        missingMonth: 'apply.error.birthDate.missingMonth',
        yearDigits: 'apply.error.birthDate.yearDigits',
        real: 'apply.error.birthDate.real',
        future: 'apply.error.birthDate.future',
        tooEarly: 'apply.error.birthDate.tooEarly',
      },
    });
    expect(keysOf(own, {})).toEqual(['apply.error.birthDate.required']);
    expect(keysOf(own, { day: '5', year: '1990' })).toEqual(['apply.error.birthDate.missingMonth']);
    expect(keysOf(own, { day: '5', month: '3', year: '90' })).toEqual(['apply.error.birthDate.yearDigits']);
    expect(keysOf(own, { day: '30', month: '2', year: '1990' })).toEqual(['apply.error.birthDate.real']);
    expect(keysOf(own, { day: '5', month: '3', year: '2030' })).toEqual(['apply.error.birthDate.future']);
    expect(keysOf(own, { day: '5', month: '3', year: '1800' })).toEqual(['apply.error.birthDate.tooEarly']);
    // A key not given stays the generic one.
    expect(keysOf(own, { day: '5', month: '', year: '' })).toEqual(['form.error.date.missingMonthAndYear']);
  });

  it('puts the issue on the part inside the field it is nested in, for the error summary to link to', () => {
    expect(outcomeOfNested(date, { day: '5', month: '', year: '1990' })).toEqual([
      { message: 'form.error.date.missingMonth', path: ['field', 'month'] },
    ]);
  });

  it('refuses an earliest date not written as YYYY-MM-DD: a mistake in the form, not the answer', () => {
    expect(() => dateParts({ notBefore: '1900' })).toThrow(/notBefore/);
  });
});

/** The outcome of a schema used as a field of a form (an object), to see where its issues point. */
function outcomeOfNested(schema: z.ZodType, input: unknown) {
  return outcome(z.object({ field: schema }), { field: input });
}
