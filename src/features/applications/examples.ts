/**
 * One complete, valid application, answer by answer in the order of the journey: for the tests
 * and the submission benchmark, so they all start from the same known-good answers. The IIN is
 * valid for a woman born on 1 December 1995.
 */
import type { StepId } from './journey.ts';

export const exampleAnswers = {
  form: { form: 'guardianship' },
  applicant: {
    fullName: 'Айгерим Нұрланова',
    iin: '951201401235',
    birthDate: '1995-12-01',
    sex: 'female',
    citizenship: 'kz',
    maritalStatus: 'single',
    phone: '+77012345678',
    email: 'aigerim@example.kz',
  },
  address: { region: 'zhambyl', district: 'merke', settlement: 'Меркі', street: 'Сыпатай батыр көшесі, 5' },
  household: { members: [{ fullName: 'Гүлнар Нұрланова', relation: 'анасы', birthYear: 1968 }] },
  housing: { tenure: 'family', rooms: 4 },
  income: { employment: 'employed', monthlyIncome: 280000 },
  health: { listedDisease: 'no', dispensary: 'no' },
  criminalRecord: { record: 'none' },
  child: { ageFrom: 3, ageTo: 10, siblings: 'yes', health: 'any' },
  documents: {},
  consent: { consent: 'yes', version: '2026-11-21' },
} as const satisfies Partial<Record<StepId, unknown>>;

/** The example's steps in journey order, as pairs to save one by one. */
export const exampleSteps = Object.entries(exampleAnswers) as [StepId, unknown][];
