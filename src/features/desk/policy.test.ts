import { describe, expect, it } from 'vitest';
import { can, deskActions, deskScope, staffRoles } from './policy.ts';

describe('what each role may do', () => {
  it('is this matrix, and no more', () => {
    const matrix = Object.fromEntries(
      staffRoles.map((role) => [role, deskActions.filter((action) => can(role, action))]),
    );
    expect(matrix).toEqual({
      caseworker: [
        'applications.read',
        'applications.work',
        'applications.take',
        'applications.conclude',
        'queue.export',
        'learners.read',
      ],
      head: [
        'applications.read',
        'applications.work',
        'applications.take',
        'applications.assign',
        'applications.conclude',
        'reports.read',
        'queue.export',
        'queue.export-iin',
        'learners.read',
      ],
      administrator: [...deskActions],
      psychologist: ['learners.read', 'learners.record'],
    });
  });

  it('scopes a member to their own districts of the region, an administrator to the whole region', () => {
    const region = ['taraz', 'merke', 'shu'];
    expect(deskScope({ role: 'caseworker', districts: ['merke', 'elsewhere'] }, region)).toEqual(['merke']);
    expect(deskScope({ role: 'head', districts: [] }, region)).toEqual([]);
    expect(deskScope({ role: 'administrator', districts: [] }, region)).toEqual(region);
  });
});
