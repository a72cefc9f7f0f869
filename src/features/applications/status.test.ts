import { describe, expect, it } from 'vitest';
import { applicationStatuses, canMove, canWithdraw, isFinal } from './status.ts';

describe('the stages of an application', () => {
  it('follow the authority’s procedure forward', () => {
    expect(canMove('submitted', 'in-review')).toBe(true);
    expect(canMove('in-review', 'invited-to-school')).toBe(true);
    expect(canMove('invited-to-school', 'training-completed')).toBe(true);
    expect(canMove('training-completed', 'home-visit')).toBe(true);
    expect(canMove('home-visit', 'conclusion')).toBe(true);
    expect(canMove('conclusion', 'closed')).toBe(true);
  });

  it('allow a request for documents and a return to review', () => {
    expect(canMove('in-review', 'documents-requested')).toBe(true);
    expect(canMove('documents-requested', 'in-review')).toBe(true);
  });

  it('do not skip backwards or leave a final stage', () => {
    expect(canMove('conclusion', 'in-review')).toBe(false);
    expect(canMove('submitted', 'training-completed')).toBe(false);
    for (const to of applicationStatuses) {
      expect(canMove('closed', to)).toBe(false);
      expect(canMove('withdrawn', to)).toBe(false);
    }
    expect(isFinal('closed')).toBe(true);
    expect(isFinal('in-review')).toBe(false);
  });

  it('let the applicant withdraw until the conclusion', () => {
    expect(canWithdraw('submitted')).toBe(true);
    expect(canWithdraw('home-visit')).toBe(true);
    expect(canWithdraw('conclusion')).toBe(false);
    expect(canWithdraw('withdrawn')).toBe(false);
  });
});
