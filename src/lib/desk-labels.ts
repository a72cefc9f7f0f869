/**
 * The desk's names of queue stages, due states and timeline events in the page's language, one
 * literal key each (the UI strings test sees every key used).
 */
import type { Translate } from '../i18n/translator.ts';
import type { EventKind } from '../features/desk/casework.ts';
import type { DueState, QueueStage } from '../features/desk/stages.ts';

const stages: Record<QueueStage, (t: Translate) => string> = {
  new: (t) => t('desk.stage.new'),
  waiting: (t) => t('desk.stage.waiting'),
  training: (t) => t('desk.stage.training'),
  certificate: (t) => t('desk.stage.certificate'),
  visit: (t) => t('desk.stage.visit'),
  conclusion: (t) => t('desk.stage.conclusion'),
  closed: (t) => t('desk.stage.closed'),
};

export function stageLabel(t: Translate, stage: QueueStage): string {
  return stages[stage](t);
}

export function dueLabel(t: Translate, state: Exclude<DueState, 'none' | 'on-time'>): string {
  return state === 'overdue' ? t('desk.due.overdue') : t('desk.due.soon');
}

const events: Record<EventKind, (t: Translate) => string> = {
  status: (t) => t('desk.event.status'),
  request: (t) => t('desk.event.request'),
  note: (t) => t('desk.event.note'),
  assignment: (t) => t('desk.event.assignment'),
  school: (t) => t('desk.event.school'),
  visit: (t) => t('desk.event.visit'),
  conclusion: (t) => t('desk.event.conclusion'),
  upload: (t) => t('desk.event.upload'),
};

export function eventLabel(t: Translate, kind: EventKind): string {
  return events[kind](t);
}
