/**
 * Which documents the guardianship authority needs from this applicant, from their answers: the
 * list of the eGov service "Registration of persons willing to adopt children" (identity, consent
 * of the close relatives living with the applicant, income, marriage certificate, medical reports,
 * no criminal record, right to housing, the school's certificate). Pure.
 */
import { stepSchemas, type Answers } from '../applications/journey.ts';
import type { DocumentKind } from './file-type.ts';

export interface NeededDocument {
  kind: DocumentKind;
  /** Needed only once the applicant has it (the school's certificate comes after the training). */
  ifAvailable: boolean;
}

/** Consent is asked of relatives who can give it: those of age (18) this year. */
const ageOfConsent = 18;

export function documentsNeeded(answers: Answers, today: Date = new Date()): NeededDocument[] {
  const applicant = stepSchemas.applicant.safeParse(answers.applicant);
  const household = stepSchemas.household.safeParse(answers.household);
  const married = applicant.success && applicant.data.maritalStatus === 'married';
  const livesWithAdults =
    household.success &&
    household.data.members.some((member) => today.getUTCFullYear() - member.birthYear >= ageOfConsent);
  const kinds: [DocumentKind, boolean][] = [
    ['identity', true],
    ['marriage', married],
    ['relatives-consent', livesWithAdults],
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

/**
 * The documents still to add: those needed (not the ones wanted only once the applicant has
 * them) of which no file of that kind has been uploaded. What the confirmation and the
 * application's page list, with a way to add each.
 */
export function missingDocuments(
  answers: Answers,
  uploaded: readonly { kind: DocumentKind }[],
  today: Date = new Date(),
): DocumentKind[] {
  const have = new Set(uploaded.map((document) => document.kind));
  return documentsNeeded(answers, today)
    .filter((entry) => !entry.ifAvailable && !have.has(entry.kind))
    .map((entry) => entry.kind);
}
