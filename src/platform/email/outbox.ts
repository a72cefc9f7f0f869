/**
 * The email outbox. A change that announces itself by email writes the email here in its own
 * transaction (`enqueueEmail`), so either both are saved or neither is. `deliverDueEmails` sends
 * what is due and, when the mail service fails, tries again later with a growing delay: nothing
 * the applicant was told about is lost while the service is down.
 */
import type { Locale } from '../../i18n/locales.ts';
import type { Queryable } from '../db/database.ts';
import { renderEmail, type EmailTemplate, type TemplateData } from './messages.ts';

export interface OutgoingEmail {
  /** The outbox row's id: also the idempotency key, so a retried send is never delivered twice. */
  id: string;
  to: string;
  subject: string;
  text: string;
  html: string;
}

/** Sends one email; throws when the mail service did not accept it. */
export type EmailSender = (email: OutgoingEmail) => Promise<void>;

/** Puts an email in the outbox, inside the caller's transaction. */
export async function enqueueEmail<T extends EmailTemplate>(
  tx: Queryable,
  email: { to: string; locale: Locale; template: T; data: TemplateData[T] },
): Promise<string> {
  const [row] = await tx.query<{ id: string }>(
    'insert into email_outbox (recipient, locale, template, data) values ($1, $2, $3, $4) returning id',
    [email.to, email.locale, email.template, JSON.stringify(email.data)],
  );
  if (!row) throw new Error('the outbox did not return the new email');
  return row.id;
}

/** How long to wait before the next try: 30 s, 1 min, 2 min, … at most an hour. */
export function retryDelaySeconds(attempts: number): number {
  return Math.min(3600, 30 * 2 ** Math.max(0, attempts - 1));
}

interface OutboxRow {
  id: string;
  recipient: string;
  locale: Locale;
  template: EmailTemplate;
  data: unknown;
  attempts: number;
}

/** Sends the emails that are due; returns how many were sent and how many failed this time. */
export async function deliverDueEmails(
  db: Queryable,
  send: EmailSender,
  options: { now?: Date; batch?: number } = {},
): Promise<{ sent: number; failed: number }> {
  const now = options.now ?? new Date();
  // Due by the database's clock unless a time is given: a queued email's first attempt is stamped
  // by the database (its default), and an application server whose clock runs behind the
  // database's must not hold it back.
  const due = await db.query<OutboxRow>(
    `select id, recipient, locale, template, data, attempts from email_outbox
     where sent_at is null and next_attempt_at <= coalesce($1::timestamptz, now()) order by created_at limit $2`,
    [options.now ? options.now.toISOString() : null, options.batch ?? 20],
  );
  let sent = 0;
  let failed = 0;
  for (const row of due) {
    const data = row.data as TemplateData[EmailTemplate];
    try {
      await send({ id: row.id, to: row.recipient, ...renderEmail(row.template, row.locale, data) });
      await db.query('update email_outbox set sent_at = $2, attempts = attempts + 1, last_error = null where id = $1', [
        row.id,
        now.toISOString(),
      ]);
      sent += 1;
    } catch (error) {
      const attempts = row.attempts + 1;
      const next = new Date(now.getTime() + retryDelaySeconds(attempts) * 1000);
      // The reason is the mail service's answer, cut short; it never carries the email's content.
      const reason = (error instanceof Error ? error.message : String(error)).slice(0, 300);
      await db.query('update email_outbox set attempts = $2, next_attempt_at = $3, last_error = $4 where id = $1', [
        row.id,
        attempts,
        next.toISOString(),
        reason,
      ]);
      failed += 1;
    }
  }
  return { sent, failed };
}

/** Runs `deliverDueEmails` every few seconds until stopped. */
export function startOutboxWorker(
  db: Queryable,
  send: EmailSender,
  intervalMs = 5000,
  log: (line: string) => void = () => undefined,
) {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    deliverDueEmails(db, send)
      .then(({ sent, failed }) => {
        if (sent || failed) log(`outbox: ${sent} sent, ${failed} to retry`);
      })
      .catch((error: unknown) => {
        log(`outbox: ${error instanceof Error ? error.message : String(error)}`);
      })
      .finally(() => {
        running = false;
      });
  }, intervalMs);
  timer.unref();
  return () => {
    clearInterval(timer);
  };
}
