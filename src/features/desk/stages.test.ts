import { describe, expect, it } from 'vitest';
import { testDatabases, useMigratedDatabase } from '../../../tests/support/databases.ts';
import { applicationStatuses } from '../applications/status.ts';
import { dueState, queueStageOf, queueStageSql } from './stages.ts';

describe('the queue stage of an application', () => {
  it('follows its status, and for a home visit whether it was recorded', () => {
    expect(queueStageOf('submitted', false)).toBe('new');
    expect(queueStageOf('in-review', false)).toBe('new');
    expect(queueStageOf('documents-requested', false)).toBe('waiting');
    expect(queueStageOf('invited-to-school', false)).toBe('training');
    expect(queueStageOf('training-completed', false)).toBe('certificate');
    expect(queueStageOf('home-visit', false)).toBe('visit');
    expect(queueStageOf('home-visit', true)).toBe('conclusion');
    for (const status of ['conclusion', 'closed', 'withdrawn'] as const)
      expect(queueStageOf(status, false)).toBe('closed');
  });

  it('is due soon within a week, overdue after, and never for a closed one', () => {
    const now = new Date('2026-12-01T00:00:00Z');
    expect(dueState(undefined, 'new', now)).toBe('none');
    expect(dueState(new Date('2026-11-30T00:00:00Z'), 'new', now)).toBe('overdue');
    expect(dueState(new Date('2026-12-05T00:00:00Z'), 'new', now)).toBe('due-soon');
    expect(dueState(new Date('2026-12-20T00:00:00Z'), 'new', now)).toBe('on-time');
    expect(dueState(new Date('2026-11-30T00:00:00Z'), 'closed', now)).toBe('none');
  });
});

describe.each(testDatabases)('the queue stage in SQL on $name', (backend) => {
  const database = useMigratedDatabase(backend);

  it('is the same as in TypeScript for every status, visit recorded or not', async () => {
    const rows = await database().query<{ status: string; recorded: boolean; stage: string }>(
      `select a.status, a.visit_recorded_at is not null as recorded, ${queueStageSql} as stage
       from (select s.code as status, v.at as visit_recorded_at
             from unnest($1::text[]) as s(code) cross join (values (null::timestamptz), (now())) as v(at)) a`,
      [[...applicationStatuses]],
    );
    expect(rows).toHaveLength(applicationStatuses.length * 2);
    for (const row of rows)
      expect(row.stage, `${row.status} ${String(row.recorded)}`).toBe(
        queueStageOf(row.status as (typeof applicationStatuses)[number], row.recorded),
      );
  });
});
