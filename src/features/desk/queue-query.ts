/**
 * The queue's address as a member of staff sends it (`?stage=…&form=…&q=…`), read once for the
 * queue page and its CSV export: a value that is not one the queue knows is ignored, never an
 * error (a filtered queue is a link people share and edit). Pure.
 */
import { z } from 'zod';
import { queueSorts, type QueueFilters } from './casework.ts';
import { isQueueStage, type QueueStage } from './stages.ts';

export interface QueueQuery {
  stage: QueueStage;
  form: string | undefined;
  /** As asked: 'me', 'none' or a member's id. */
  assignee: string | undefined;
  district: string | undefined;
  due: 'overdue' | 'week' | undefined;
  q: string | undefined;
  sort: QueueFilters['sort'] | undefined;
  page: number | undefined;
}

const text = z.string().trim().max(40).optional().catch(undefined);

/** The query of `params`, keeping only forms of `formKeys` and districts of `districts`. */
export function readQueueQuery(
  params: URLSearchParams,
  known: { formKeys: readonly string[]; districts: readonly string[] },
): QueueQuery {
  const query = z
    .object({
      stage: z.string().refine(isQueueStage).optional().catch(undefined),
      form: text.refine((value) => !value || known.formKeys.includes(value)).catch(undefined),
      assignee: z
        .union([z.enum(['me', 'none']), z.uuid()])
        .optional()
        .catch(undefined),
      district: text.refine((value) => !value || known.districts.includes(value)).catch(undefined),
      due: z.enum(['overdue', 'week']).optional().catch(undefined),
      q: text,
      sort: z.enum(queueSorts).optional().catch(undefined),
      page: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined),
    })
    .parse(Object.fromEntries(params));
  return {
    stage: query.stage && isQueueStage(query.stage) ? query.stage : 'new',
    form: query.form || undefined,
    assignee: query.assignee,
    district: query.district || undefined,
    due: query.due,
    q: query.q || undefined,
    sort: query.sort,
    page: query.page,
  };
}

/** The queue's filters of a query, for the member `staffId` ("me"). */
export function queueFilters(query: QueueQuery, staffId: string): QueueFilters {
  return {
    stage: query.stage,
    form: query.form,
    assignee: query.assignee === 'me' ? staffId : query.assignee,
    district: query.district,
    due: query.due,
    reference: query.q,
    sort: query.sort ?? 'due',
    page: query.page ?? 1,
  };
}
