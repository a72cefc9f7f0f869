import { describe, expect, it } from 'vitest';
import { exampleAnswers } from './examples.ts';
import type { Answers } from './journey.ts';
import { afterStep, sectionOf, taskList } from './sections.ts';

const statuses = (answers: Answers) => taskList(answers).map((section) => [section.id, section.status, section.entry]);

describe('the task list', () => {
  it('starts with only the first section open, every later one waiting', () => {
    expect(statuses({})).toEqual([
      ['form', 'not-started', 'form'],
      ['people', 'cannot-start', 'applicant'],
      ['home', 'cannot-start', 'address'],
      ['health', 'cannot-start', 'health'],
      ['child', 'cannot-start', 'child'],
      ['documents', 'cannot-start', 'documents'],
      ['send', 'cannot-start', 'consent'],
    ]);
  });

  it('marks a section in progress while some of its steps are answered, and leads to the first gap', () => {
    const { form, applicant, address } = exampleAnswers;
    expect(statuses({ form, applicant, address }).slice(0, 3)).toEqual([
      ['form', 'completed', 'form'],
      ['people', 'completed', 'applicant'],
      ['home', 'in-progress', 'household'],
    ]);
  });

  it('keeps the same sections when being married adds a step: the spouse joins "you and your spouse"', () => {
    const married = { ...exampleAnswers, applicant: { ...exampleAnswers.applicant, maritalStatus: 'married' } };
    const sections = taskList(married);
    expect(sections.map((section) => section.id)).toEqual(taskList(exampleAnswers).map((section) => section.id));
    expect(sections.find((section) => section.id === 'people')).toMatchObject({
      status: 'in-progress',
      entry: 'spouse',
      steps: ['applicant', 'spouse'],
    });
  });

  it('leaves out the child’s section for mentorship', () => {
    const mentorship = { ...exampleAnswers, form: { form: 'mentorship' } };
    expect(taskList(mentorship).map((section) => section.id)).not.toContain('child');
  });

  it('never marks the last section completed before the application is sent', () => {
    expect(taskList(exampleAnswers).at(-1)).toMatchObject({ id: 'send', status: 'in-progress', entry: 'check' });
  });
});

describe('where "Save and continue" leads', () => {
  it('to the next step of the section, else back to the task list', () => {
    expect(afterStep('address', exampleAnswers)).toBe('household');
    expect(afterStep('income', exampleAnswers)).toBe('tasks');
    expect(afterStep('form', exampleAnswers)).toBe('tasks');
    expect(afterStep('consent', exampleAnswers)).toBe('check');
    const married = { ...exampleAnswers, applicant: { ...exampleAnswers.applicant, maritalStatus: 'married' } };
    expect(afterStep('applicant', married)).toBe('spouse');
    expect(afterStep('applicant', exampleAnswers)).toBe('tasks');
  });

  it('knows every step’s section', () => {
    expect(sectionOf('spouse')).toBe('people');
    expect(sectionOf('check')).toBe('send');
  });
});
