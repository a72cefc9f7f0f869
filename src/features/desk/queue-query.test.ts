import { describe, expect, it } from 'vitest';
import { queueFilters, readQueueQuery } from './queue-query.ts';

const known = { formKeys: ['adoption', 'guardianship'], districts: ['merke', 'taraz'] };
const read = (search: string) => readQueueQuery(new URLSearchParams(search), known);

describe('the queue’s address', () => {
  it('reads what the queue knows', () => {
    expect(
      read('stage=waiting&form=adoption&district=merke&due=overdue&q=%20AQ-7K4M%20&sort=submitted&page=3'),
    ).toEqual({
      stage: 'waiting',
      form: 'adoption',
      assignee: undefined,
      district: 'merke',
      due: 'overdue',
      q: 'AQ-7K4M',
      sort: 'submitted',
      page: 3,
    });
  });

  it('ignores what it does not, instead of failing: an unknown stage, form, district, sort or page', () => {
    expect(read('stage=lost&form=<script>&district=almaty&due=soon&sort=name&page=-1&assignee=x')).toEqual({
      stage: 'new',
      form: undefined,
      assignee: undefined,
      district: undefined,
      due: undefined,
      q: undefined,
      sort: undefined,
      page: undefined,
    });
    expect(read(`q=${'x'.repeat(41)}`).q).toBeUndefined();
  });

  it('makes "me" the member, and keeps "none" and an id as they are', () => {
    const me = '0b7e6c1a-3f2d-4e5c-9a8b-7c6d5e4f3a2b';
    expect(queueFilters(read('assignee=me'), me).assignee).toBe(me);
    expect(queueFilters(read('assignee=none'), me).assignee).toBe('none');
    expect(queueFilters(read(''), me)).toMatchObject({ stage: 'new', sort: 'due', page: 1 });
  });
});
