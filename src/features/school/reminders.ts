/**
 * Reminders to learners who have stopped: after 14 days without activity, at most one a week and
 * four in all (someone who has let the course go is not written to for ever), in their language,
 * through the outbox, with nothing personal but their first name and a link. Activity starts the
 * count again.
 */
import type { Locale } from '../../i18n/locales.ts';
import type { Database } from '../../platform/db/database.ts';
import { enqueueEmail } from '../../platform/email/outbox.ts';

export const inactiveDays = 14;
export const reminderEveryDays = 7;
export const mostReminders = 4;

/** Queues the reminders due now; returns how many. Safe to run from several processes at once. */
export async function queueInactivityReminders(
  db: Database,
  input: { now: Date; courseLink: (locale: Locale) => string; batch?: number },
): Promise<number> {
  const day = 24 * 60 * 60 * 1000;
  const inactiveSince = new Date(input.now.getTime() - inactiveDays * day).toISOString();
  const remindedBefore = new Date(input.now.getTime() - reminderEveryDays * day).toISOString();
  return db.transaction(async (tx) => {
    const due = await tx.query<{
      applicant_id: string;
      course: string;
      given_name: string;
      locale: Locale;
      email: string;
    }>(
      `select l.applicant_id, l.course, l.given_name, l.locale, a.email
       from school_learners l join applicants a on a.id = l.applicant_id
       where l.completed_at is null and l.last_activity_at < $1 and (l.reminded_at is null or l.reminded_at < $2)
         and l.reminders_sent < $4
       order by l.last_activity_at limit $3
       for update of l skip locked`,
      [inactiveSince, remindedBefore, input.batch ?? 100, mostReminders],
    );
    for (const learner of due) {
      await enqueueEmail(tx, {
        to: learner.email,
        locale: learner.locale,
        template: 'school-reminder',
        data: { firstName: learner.given_name, link: input.courseLink(learner.locale) },
      });
      await tx.query(
        'update school_learners set reminded_at = $3, reminders_sent = reminders_sent + 1 where applicant_id = $1 and course = $2',
        [learner.applicant_id, learner.course, input.now.toISOString()],
      );
    }
    return due.length;
  });
}
