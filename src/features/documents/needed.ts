/**
 * Which documents the guardianship authority needs from this applicant, from their answers
 * (domain.md, "Documents to register as a prospective adoptive parent"). Pure.
 */
import { stepSchemas, type Answers } from '../applications/journey.ts';
import type { DocumentKind } from './file-type.ts';

export interface NeededDocument {
  kind: DocumentKind;
  /** Needed only once the applicant has it (the school's certificate comes after the training). */
  ifAvailable: boolean;
}

export function documentsNeeded(answers: Answers): NeededDocument[] {
  const applicant = stepSchemas.applicant.safeParse(answers.applicant);
  const household = stepSchemas.household.safeParse(answers.household);
  const married = applicant.success && applicant.data.maritalStatus === 'married';
  const livesWithOthers = household.success && household.data.members.length > 0;
  const kinds: [DocumentKind, boolean][] = [
    ['identity', true],
    ['marriage', married],
    ['relatives-consent', livesWithOthers],
    ['income', true],
    ['medical', true],
    ['no-criminal-record', true],
    ['housing', true],
  ];
  return [
    ...kinds.filter(([, needed]) => needed).map(([kind]) => ({ kind, ifAvailable: false })),
    { kind: 'school-certificate', ifAvailable: true },
  ];
}
