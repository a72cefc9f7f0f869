/**
 * Who at the desk may do what, and where: a role × action matrix and the districts a member of
 * staff works for. Pure: the pages ask `can`, the data layer takes `deskScope` (and the database
 * checks the same districts again with row-level security, `migrations.ts`).
 */

/**
 * - caseworker: works the applications of their own districts;
 * - head: the same, plus assignment to others and the reports;
 * - administrator: the region's staff and stage limits, and everything of every district;
 * - psychologist: the school's learners and group sessions only, never an application.
 */
export const staffRoles = ['caseworker', 'head', 'administrator', 'psychologist'] as const;

export type StaffRole = (typeof staffRoles)[number];

export function isStaffRole(value: unknown): value is StaffRole {
  return typeof value === 'string' && (staffRoles as readonly string[]).includes(value);
}

export const deskActions = [
  /** See a district's queue and open its applications, their documents and timeline. */
  'applications.read',
  /** Change a stage, request documents, write notes, invite to the school, record a visit. */
  'applications.work',
  /** Take an application ("assign to me"). */
  'applications.take',
  /** Give an application to someone else, with a reason. */
  'applications.assign',
  /** Issue the authority's conclusion (asks for the second factor again). */
  'applications.conclude',
  /** Workload, overdue, times and training completion. */
  'reports.read',
  /** Download a queue as CSV (asks for the second factor again). */
  'queue.export',
  /** The IIN in an export. */
  'queue.export-iin',
  /** Invite staff, change their roles, deactivate them. */
  'staff.manage',
  /** Set each stage's time limit. */
  'limits.manage',
  /** The school's learners of the districts and their progress. */
  'learners.read',
  /** Record a group session a learner attended (the school's psychologist). */
  'learners.record',
] as const;

export type DeskAction = (typeof deskActions)[number];

const work: readonly DeskAction[] = [
  'applications.read',
  'applications.work',
  'applications.take',
  'applications.conclude',
  'queue.export',
  'learners.read',
];

const grants: Record<StaffRole, readonly DeskAction[]> = {
  caseworker: work,
  head: [...work, 'applications.assign', 'reports.read', 'queue.export-iin'],
  administrator: [
    ...work,
    'applications.assign',
    'reports.read',
    'queue.export-iin',
    'staff.manage',
    'limits.manage',
    'learners.record',
  ],
  psychologist: ['learners.read', 'learners.record'],
};

export function can(role: StaffRole, action: DeskAction): boolean {
  return grants[role].includes(action);
}

/** The districts a member of staff may see: the region's for an administrator, their own otherwise. */
export function deskScope(
  staff: { role: StaffRole; districts: readonly string[] },
  regionDistricts: readonly string[],
): string[] {
  if (staff.role === 'administrator') return [...regionDistricts];
  return staff.districts.filter((district) => regionDistricts.includes(district));
}
