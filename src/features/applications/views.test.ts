import { describe, expect, it } from 'vitest';
import { answerText, fieldIdOf, memberFieldId, readStepForm } from './views.ts';

/** A form whose `get` must not be used: one call per field scans the form each time (quadratic). */
class CountingFormData extends FormData {
  gets = 0;
  override get(name: string) {
    this.gets += 1;
    return super.get(name);
  }
}

const fixed = { region: 'zhambyl', districts: ['taraz', 'shu'] };

describe('reading a step’s form', () => {
  it('keeps the first value of each field, trimmed, drops "return", and fixes the region', () => {
    const form = new FormData();
    form.append('district', ' shu ');
    form.append('district', 'taraz');
    form.append('settlement', 'Tole bi');
    form.append('return', 'check');
    form.append('region', 'somewhere-else');
    expect(readStepForm('address', form, fixed)).toEqual({
      district: 'shu',
      settlement: 'Tole bi',
      region: 'zhambyl',
    });
  });

  it('reads every field in one pass, whatever their number (H2)', () => {
    const form = new CountingFormData();
    for (let index = 0; index < 50_000; index += 1) form.append(`k${index}`, 'v');
    const input = readStepForm('income', form, fixed);
    expect(Object.keys(input)).toHaveLength(50_000);
    expect(form.gets).toBe(0);
  });

  it('reads a district outside the region’s list as none chosen (I6)', () => {
    const form = new FormData();
    form.append('district', 'not-a-real-district');
    expect(readStepForm('address', form, fixed)).toMatchObject({ district: '' });
  });

  it('gives a file where text is expected as an empty answer, for the schema to refuse', () => {
    const form = new FormData();
    form.append('monthlyIncome', new File(['x'], 'x.txt'));
    expect(readStepForm('income', form, fixed)).toEqual({ monthlyIncome: '' });
  });
});

describe('the fields as rendered', () => {
  it('numbers the household rows from 1, in the form and in the errors', () => {
    expect(memberFieldId('fullName', 0)).toBe('memberName-1');
    expect(memberFieldId('birthYear', 5)).toBe('memberBirthYear-6');
    expect(fieldIdOf('members.0.birthYear')).toBe('memberBirthYear-1');
    expect(fieldIdOf('members.14.relation')).toBe('memberRelation-15');
    const form = new FormData();
    form.append(memberFieldId('fullName', 1), 'Гүлнар Нұрланова');
    form.append(memberFieldId('birthYear', 1), '1968');
    expect(readStepForm('household', form, fixed)).toEqual({
      members: [{ fullName: 'Гүлнар Нұрланова', relation: '', birthYear: '1968' }],
    });
  });

  it('links an error about the whole form to the page’s main element, and others to their field', () => {
    expect(fieldIdOf('_form')).toBe('main');
    expect(fieldIdOf('iin')).toBe('iin');
    expect(fieldIdOf('members')).toBe('members');
  });

  it('shows an answer as text, and nothing for no answer', () => {
    const answers = { name: 'Айгерим', rooms: 3, none: null, list: ['a'] };
    expect(answerText(answers, 'name')).toBe('Айгерим');
    expect(answerText(answers, 'rooms')).toBe('3');
    expect(answerText(answers, 'none')).toBeUndefined();
    expect(answerText(answers, 'missing')).toBeUndefined();
    expect(answerText(answers, 'list')).toBeUndefined();
    expect(answerText(answers, 'constructor')).toBeUndefined();
  });
});
