/**
 * The queue's stages, as a caseworker's day is organised (new, waiting for the applicant, in
 * training, certificate received, home visit due, conclusion due, closed), and how an
 * application's stage follows from its status. Pure; the SQL of the same mapping is
 * `queueStageSql`, tested against this function.
 */
import type { ApplicationStatus } from '../applications/status.ts';

export const queueStages = ['new', 'waiting', 'training', 'certificate', 'visit', 'conclusion', 'closed'] as const;

export type QueueStage = (typeof queueStages)[number];

export function isQueueStage(value: unknown): value is QueueStage {
  return typeof value === 'string' && (queueStages as readonly string[]).includes(value);
}

/** The queue stage of an application: its status, and for a home visit whether it was recorded. */
export function queueStageOf(status: ApplicationStatus, visitRecorded: boolean): QueueStage {
  switch (status) {
    case 'submitted':
    case 'in-review':
      return 'new';
    case 'documents-requested':
      return 'waiting';
    case 'invited-to-school':
      return 'training';
    case 'training-completed':
      return 'certificate';
    case 'home-visit':
      return visitRecorded ? 'conclusion' : 'visit';
    case 'conclusion':
    case 'closed':
    case 'withdrawn':
      return 'closed';
  }
}

/** The same mapping in SQL, over `applications` aliased `a`. */
export const queueStageSql = `case
  when a.status in ('submitted', 'in-review') then 'new'
  when a.status = 'documents-requested' then 'waiting'
  when a.status = 'invited-to-school' then 'training'
  when a.status = 'training-completed' then 'certificate'
  when a.status = 'home-visit' and a.visit_recorded_at is null then 'visit'
  when a.status = 'home-visit' then 'conclusion'
  else 'closed' end`;

/** Due this week (or overdue): the tags of the queue. */
export type DueState = 'overdue' | 'due-soon' | 'on-time' | 'none';

export function dueState(due: Date | undefined, stage: QueueStage, now: Date): DueState {
  if (!due || stage === 'closed') return 'none';
  const days = (due.getTime() - now.getTime()) / 86_400_000;
  if (days < 0) return 'overdue';
  return days <= 7 ? 'due-soon' : 'on-time';
}
