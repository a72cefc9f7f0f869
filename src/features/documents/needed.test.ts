import { describe, expect, it } from 'vitest';
import { exampleAnswers } from '../applications/examples.ts';
import { documentsNeeded, missingDocuments } from './needed.ts';

const applicant = exampleAnswers.applicant;

describe('the documents an applicant is asked for', () => {
  it('asks everyone for identity, income, medical, no criminal record and housing, and the school certificate if they have it', () => {
    const needed = documentsNeeded({ applicant, household: { members: [] } });
    expect(needed.map((entry) => entry.kind)).toEqual([
      'identity',
      'income',
      'medical',
      'no-criminal-record',
      'housing',
      'school-certificate',
    ]);
    expect(needed.filter((entry) => entry.ifAvailable).map((entry) => entry.kind)).toEqual(['school-certificate']);
  });

  it('asks a married applicant for the marriage certificate, and one who lives with relatives for their consent', () => {
    const needed = documentsNeeded({
      applicant: { ...applicant, maritalStatus: 'married' },
      household: { members: [{ fullName: 'Гүлнар Нұрланова', relation: 'анасы', birthYear: 1968 }] },
    }).map((entry) => entry.kind);
    expect(needed).toContain('marriage');
    expect(needed).toContain('relatives-consent');
  });

  it('does not ask for the consent of a child who lives with the applicant', () => {
    const today = new Date('2026-11-22T00:00:00Z');
    const withChild = documentsNeeded(
      { applicant, household: { members: [{ fullName: 'Әли Нұрланов', relation: 'ұлы', birthYear: 2015 }] } },
      today,
    );
    expect(withChild.map((entry) => entry.kind)).not.toContain('relatives-consent');
    const withAdult = documentsNeeded(
      { applicant, household: { members: [{ fullName: 'Әли Нұрланов', relation: 'ұлы', birthYear: 2008 }] } },
      today,
    );
    expect(withAdult.map((entry) => entry.kind)).toContain('relatives-consent');
  });

  it('lists as missing the needed kinds with no file, never the ones wanted only once the applicant has them', () => {
    const answers = { applicant, household: { members: [] } };
    expect(missingDocuments(answers, [])).toEqual(['identity', 'income', 'medical', 'no-criminal-record', 'housing']);
    expect(missingDocuments(answers, [{ kind: 'identity' }, { kind: 'housing' }, { kind: 'other' }])).toEqual([
      'income',
      'medical',
      'no-criminal-record',
    ]);
  });
});
