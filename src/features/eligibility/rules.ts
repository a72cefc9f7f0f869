/**
 * "Can I?" — the eligibility self-check. From a few answers it says, for each form of family
 * placement, "you can apply", "you cannot, because …" (citing the rule), or "ask the authority
 * about …". Pure: the rules a caseworker would state, written once, and nothing is stored.
 *
 * Adoption follows the Code on Marriage and Family, article 91 (who may adopt) and article 92
 * (the age difference), as summarised in shared/domain.md. For the other forms the sources name
 * fewer rules: the health list of order No. 692 applies to guardianship and patronage; the rest
 * is for the authority to judge, so those answers say what to ask about.
 */
import { z } from 'zod';
import { placementForms } from '../../content/schema.ts';

export type PlacementForm = (typeof placementForms)[number];

const yesNo = z.enum(['yes', 'no']);

/**
 * A whole number as people type it: digits, perhaps with spaces around them. An empty answer is
 * no answer (undefined), never 0 as `z.coerce.number()` would read it: an age left blank must be
 * an error on the question, not the verdict "only adults may adopt". Anything else is passed on
 * as it is, for `z.number()` to refuse ("1e2", "0x10", "35.5" and "Infinity" are numbers to
 * `Number()`, not to a person filling in a form).
 */
export function typedWholeNumber(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const text = value.trim();
  if (text === '') return undefined;
  return /^\d+$/.test(text) ? Number(text) : text;
}

/** The questionnaire's answers. Every field is required except the child's age. */
export const eligibilityAnswersSchema = z.strictObject({
  age: z.preprocess(typedWholeNumber, z.number().int().min(0).max(120)),
  sex: z.enum(['female', 'male']),
  citizenship: z.enum(['kz', 'foreign', 'stateless']),
  married: yesNo,
  /** Declared incapable or of limited capacity (you or your spouse). */
  limitedCapacity: yesNo,
  /** Deprived of or restricted in parental rights. */
  lostParentalRights: yesNo,
  /** Removed as a guardian, or an adoption cancelled through your fault. */
  pastRemoval: yesNo,
  health: z.enum(['listed-disease', 'fit', 'unsure']),
  /** Registered at a narcological or psychiatric dispensary. */
  dispensary: yesNo,
  /** An unexpunged conviction for an intentional crime, or criminal prosecution now. */
  criminalRecord: yesNo,
  permanentResidence: yesNo,
  income: z.enum(['covers', 'below', 'unsure']),
  /** The age of the child you hope for, if you know it: left empty, it is simply absent. */
  childAge: z.preprocess(typedWholeNumber, z.number().int().min(0).max(17).optional()),
});

export type EligibilityAnswers = z.infer<typeof eligibilityAnswersSchema>;

/** Why: each reason has its own sentence in every language (`eligibility.reason.<key>`). */
export type Reason =
  | 'adult'
  | 'capacity'
  | 'parentalRights'
  | 'pastRemoval'
  | 'health'
  | 'healthUnsure'
  | 'dispensary'
  | 'criminalRecord'
  | 'residence'
  | 'stateless'
  | 'foreignCitizen'
  | 'singleMan'
  | 'income'
  | 'incomeUnsure'
  | 'ageDifference'
  | 'fosterAge'
  | 'checkedByAuthority';

export type Verdict = 'can' | 'cannot' | 'ask';

export interface FormOutcome {
  form: PlacementForm;
  verdict: Verdict;
  reasons: Reason[];
}

/** What rules out adoption outright, and what the authority must look at, under articles 91 and 92. */
function adoption(answers: EligibilityAnswers): { cannot: Reason[]; ask: Reason[] } {
  const cannot: Reason[] = [];
  const ask: Reason[] = [];
  if (answers.age < 18) cannot.push('adult');
  if (answers.limitedCapacity === 'yes') cannot.push('capacity');
  if (answers.lostParentalRights === 'yes') cannot.push('parentalRights');
  if (answers.pastRemoval === 'yes') cannot.push('pastRemoval');
  if (answers.health === 'listed-disease') cannot.push('health');
  if (answers.health === 'unsure') ask.push('healthUnsure');
  if (answers.dispensary === 'yes') cannot.push('dispensary');
  if (answers.criminalRecord === 'yes') cannot.push('criminalRecord');
  if (answers.permanentResidence === 'no') cannot.push('residence');
  if (answers.citizenship === 'stateless') cannot.push('stateless');
  if (answers.citizenship === 'foreign') ask.push('foreignCitizen');
  if (answers.married === 'no' && answers.sex === 'male') ask.push('singleMan');
  if (answers.income === 'below') cannot.push('income');
  if (answers.income === 'unsure') ask.push('incomeUnsure');
  if (answers.childAge !== undefined && answers.age - answers.childAge < 16) ask.push('ageDifference');
  return { cannot, ask };
}

function verdictOf(form: PlacementForm, cannot: Reason[], ask: Reason[]): FormOutcome {
  if (cannot.length > 0) return { form, verdict: 'cannot', reasons: cannot };
  if (ask.length > 0) return { form, verdict: 'ask', reasons: ask };
  return { form, verdict: 'can', reasons: [] };
}

/**
 * Rules that articles 91 and 92 set for adoption alone: a single man may adopt only a child he has
 * raised, and the 16-year age difference. Nothing in the sources applies them to the other forms,
 * so they are never repeated there.
 */
const adoptionOnly: ReadonlySet<Reason> = new Set<Reason>(['singleMan', 'ageDifference']);

/** The outcome for every form of placement, in the order of the guides. */
export function assessEligibility(answers: EligibilityAnswers): FormOutcome[] {
  const forAdoption = adoption(answers);
  // For the other forms the sources do not say that these answers rule one out: the authority
  // weighs them (and checks guardians every year), so they become questions to ask.
  const flagged = [...forAdoption.cannot, ...forAdoption.ask].filter(
    (reason) => reason !== 'health' && !adoptionOnly.has(reason),
  );
  const healthListed = answers.health === 'listed-disease';
  return placementForms.map((form) => {
    switch (form) {
      case 'adoption':
        return verdictOf(form, forAdoption.cannot, forAdoption.ask);
      case 'guardianship':
      case 'patronage':
        // Order No. 692 lists the diseases that prevent guardianship and patronage too.
        return verdictOf(
          form,
          healthListed ? ['health'] : [],
          flagged.length ? ['checkedByAuthority', ...flagged] : [],
        );
      case 'foster-family': {
        const ask: Reason[] = [...(healthListed ? (['health'] as const) : []), ...flagged];
        if (answers.age < 30 || answers.age > 63) ask.push('fosterAge');
        return verdictOf(form, [], ask.length ? ['checkedByAuthority', ...ask] : []);
      }
      default: {
        const ask: Reason[] = [...(healthListed ? (['health'] as const) : []), ...flagged];
        return verdictOf(form, [], ask.length ? ['checkedByAuthority', ...ask] : []);
      }
    }
  });
}
