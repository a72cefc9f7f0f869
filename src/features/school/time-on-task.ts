/**
 * Time on task, counted on the server from the learner's own activity: the time between two of
 * their requests counts when it is no longer than the idle cut-off, and not at all when it is
 * longer (the learner was away). "Time since first opened" would count the nights in between.
 * Pure.
 */

/** Longer than this between two requests is a break, not study. */
export const idleCutoffSeconds = 20 * 60;

/** The seconds to credit for the gap between the previous activity and this one. */
export function creditedSeconds(previous: Date | undefined, now: Date, cutoff = idleCutoffSeconds): number {
  if (!previous) return 0;
  const gap = Math.floor((now.getTime() - previous.getTime()) / 1000);
  return gap > 0 && gap <= cutoff ? gap : 0;
}

/** Seconds as whole hours and minutes, for display. */
export function hoursAndMinutes(seconds: number): { hours: number; minutes: number } {
  const minutes = Math.floor(seconds / 60);
  return { hours: Math.floor(minutes / 60), minutes: minutes % 60 };
}
