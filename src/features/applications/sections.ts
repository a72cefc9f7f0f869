/**
 * The application as a task list: its steps grouped into sections an applicant can name ("About
 * you", "Your home"), each with a status, so that they know where they are and what is left
 * without a step counter that jumps when an answer adds a step (being married adds the spouse's).
 * The sections and their order never change with the answers; only the steps inside them do.
 * Pure.
 */
import type { Translate } from '../../i18n/translator.ts';
import { applicableSteps, canOpen, stepIsAnswered, type Answers, type StepId } from './journey.ts';

export const sectionIds = ['form', 'people', 'home', 'health', 'child', 'documents', 'send'] as const;

export type SectionId = (typeof sectionIds)[number];

/** The steps of each section, in order; a section's steps that do not apply to an applicant are left out. */
const sectionSteps: Record<SectionId, readonly (StepId | 'check')[]> = {
  form: ['form'],
  people: ['applicant', 'spouse'],
  home: ['address', 'household', 'housing', 'income'],
  health: ['health', 'criminalRecord'],
  child: ['child'],
  documents: ['documents'],
  // Consent, then the check page, where the application is sent.
  send: ['consent', 'check'],
};

/**
 * - `completed`: every step of it is answered;
 * - `in-progress`: some are;
 * - `not-started`: none is, and it can be opened;
 * - `cannot-start`: an earlier section must be finished first (the journey allows no skipping).
 */
export type SectionStatus = 'completed' | 'in-progress' | 'not-started' | 'cannot-start';

export interface Section {
  id: SectionId;
  status: SectionStatus;
  /** The step to open: the first unanswered one, or the first when all are answered (to change it). */
  entry: StepId | 'check';
  steps: (StepId | 'check')[];
}

/** The section a step belongs to. */
export function sectionOf(step: StepId | 'check'): SectionId {
  const found = sectionIds.find((id) => sectionSteps[id].includes(step));
  if (!found) throw new Error(`step ${step} belongs to no section`);
  return found;
}

/** The sections that apply to this applicant (the child's wishes are not asked for mentorship). */
export function taskList(answers: Answers): Section[] {
  const applicable = new Set<StepId | 'check'>([...applicableSteps(answers), 'check']);
  const sections: Section[] = [];
  for (const id of sectionIds) {
    const steps = sectionSteps[id].filter((step) => applicable.has(step));
    if (steps.length === 0) continue;
    // The check page has no answers of its own: the section is done when the application is sent.
    const answerable = steps.filter((step): step is StepId => step !== 'check');
    const answered = answerable.filter((step) => stepIsAnswered(step, answers));
    const entry = steps.find((step) => step === 'check' || !stepIsAnswered(step, answers)) ?? steps[0] ?? 'check';
    const status: SectionStatus = !canOpen(steps[0] ?? 'check', answers)
      ? 'cannot-start'
      : answerable.length > 0 && answered.length === answerable.length && id !== 'send'
        ? 'completed'
        : answered.length > 0
          ? 'in-progress'
          : 'not-started';
    sections.push({ id, status, entry: status === 'completed' ? (steps[0] ?? entry) : entry, steps });
  }
  return sections;
}

/**
 * Where "Save and continue" leads from a step: the next step of the same section, or, at the end
 * of a section, back to the task list, where the applicant sees the section completed and picks
 * the next one (as GOV.UK's task list pattern does). From consent it goes on to the check page.
 */
export function afterStep(step: StepId, answers: Answers): StepId | 'check' | 'tasks' {
  const steps = [...applicableSteps(answers), 'check' as const];
  const next = steps[steps.indexOf(step) + 1] ?? 'check';
  return sectionOf(next) === sectionOf(step) ? next : 'tasks';
}

/** Each section's name, as the task list and the caption of its steps say it. */
export function sectionTitles(t: Translate): Record<SectionId, string> {
  return {
    form: t('apply.section.form'),
    people: t('apply.section.people'),
    home: t('apply.section.home'),
    health: t('apply.section.health'),
    child: t('apply.section.child'),
    documents: t('apply.section.documents'),
    send: t('apply.section.send'),
  };
}
