/**
 * The stages an application goes through, and which moves between them are allowed. Pure. The
 * names of the stages in each language are UI strings (`status-labels.ts`); the order and the
 * allowed moves are rules, here. The database keeps the codes (`application_statuses`, whose old
 * label columns nothing reads any more).
 */

export const applicationStatuses = [
  'submitted',
  'in-review',
  'documents-requested',
  'invited-to-school',
  'training-completed',
  'home-visit',
  'conclusion',
  'closed',
  'withdrawn',
] as const;

export type ApplicationStatus = (typeof applicationStatuses)[number];

/** Where an application may go from each stage. Closed and withdrawn are final. */
const moves: Record<ApplicationStatus, readonly ApplicationStatus[]> = {
  submitted: ['in-review', 'documents-requested', 'closed', 'withdrawn'],
  'in-review': ['documents-requested', 'invited-to-school', 'home-visit', 'conclusion', 'closed', 'withdrawn'],
  'documents-requested': ['in-review', 'closed', 'withdrawn'],
  'invited-to-school': ['training-completed', 'documents-requested', 'closed', 'withdrawn'],
  'training-completed': ['home-visit', 'documents-requested', 'conclusion', 'closed', 'withdrawn'],
  'home-visit': ['conclusion', 'documents-requested', 'closed', 'withdrawn'],
  conclusion: ['closed'],
  closed: [],
  withdrawn: [],
};

export function isApplicationStatus(value: unknown): value is ApplicationStatus {
  return typeof value === 'string' && (applicationStatuses as readonly string[]).includes(value);
}

export function canMove(from: ApplicationStatus, to: ApplicationStatus): boolean {
  return moves[from].includes(to);
}

export function isFinal(status: ApplicationStatus): boolean {
  return moves[status].length === 0;
}

/** The applicant may withdraw while the authority has not reached its conclusion. */
export function canWithdraw(status: ApplicationStatus): boolean {
  return canMove(status, 'withdrawn');
}
