import { describe, expect, it } from 'vitest';
import { creditedSeconds, hoursAndMinutes, idleCutoffSeconds } from './time-on-task.ts';

describe('time on task', () => {
  const start = new Date('2026-11-30T10:00:00Z');
  const later = (seconds: number) => new Date(start.getTime() + seconds * 1000);

  it('credits the time between two requests up to the idle cut-off', () => {
    expect(creditedSeconds(start, later(300))).toBe(300);
    expect(creditedSeconds(start, later(idleCutoffSeconds))).toBe(idleCutoffSeconds);
  });

  it('credits nothing for a break longer than the cut-off, for the first request, or for a clock that went back', () => {
    expect(creditedSeconds(start, later(idleCutoffSeconds + 1))).toBe(0);
    expect(creditedSeconds(start, later(3 * 24 * 3600))).toBe(0);
    expect(creditedSeconds(undefined, start)).toBe(0);
    expect(creditedSeconds(start, later(-60))).toBe(0);
  });

  it('shows seconds as hours and minutes', () => {
    expect(hoursAndMinutes(3 * 3600 + 25 * 60 + 59)).toEqual({ hours: 3, minutes: 25 });
  });
});
