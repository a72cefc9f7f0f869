/**
 * Where emails go: Resend when RESEND_API_KEY is set; otherwise, only in a development run chosen
 * explicitly (NODE_ENV=development), the development mailbox in the portal's own database, shown
 * at a development-only page. Any other start without a mail service stops: a mailbox anyone can
 * read would hand out everyone's sign-in codes.
 */
import { Resend } from 'resend';
import type { Queryable } from '../db/database.ts';
import type { EmailSender } from './outbox.ts';

/** Sends through Resend. The outbox id is the idempotency key: a retry never sends twice. */
export function resendSender(options: { apiKey: string; from: string; baseUrl?: string }): EmailSender {
  const resend = new Resend(options.apiKey, ...(options.baseUrl ? [{ baseUrl: options.baseUrl }] : []));
  return async (email) => {
    const { error } = await resend.emails.send(
      { from: options.from, to: [email.to], subject: email.subject, text: email.text, html: email.html },
      { idempotencyKey: `alaqan-${email.id}` },
    );
    if (error) throw new Error(`Resend refused the email: ${error.name}: ${error.message}`);
  };
}

/** Keeps every email in the development mailbox instead of sending it. */
export function devMailboxSender(db: Queryable): EmailSender {
  return async (email) => {
    await db.query(
      `insert into dev_mailbox (id, recipient, subject, text_body, html_body) values ($1, $2, $3, $4, $5)
       on conflict (id) do nothing`,
      [email.id, email.to, email.subject, email.text, email.html],
    );
  };
}

export interface MailboxMessage {
  id: string;
  recipient: string;
  subject: string;
  text: string;
  receivedAt: Date;
}

/** The newest emails of the development mailbox, for its page. */
export async function readDevMailbox(db: Queryable, limit = 50): Promise<MailboxMessage[]> {
  const rows = await db.query<{
    id: string;
    recipient: string;
    subject: string;
    text_body: string;
    received_at: Date;
  }>('select id, recipient, subject, text_body, received_at from dev_mailbox order by received_at desc limit $1', [
    limit,
  ]);
  return rows.map((row) => ({
    id: row.id,
    recipient: row.recipient,
    subject: row.subject,
    text: row.text_body,
    receivedAt: row.received_at,
  }));
}

export interface EmailSettings {
  RESEND_API_KEY?: string | undefined;
  RESEND_BASE_URL?: string | undefined;
  EMAIL_FROM?: string | undefined;
  /** True only when development was chosen explicitly (NODE_ENV=development). */
  development: boolean;
}

/**
 * What is wrong with the email settings, if anything, as an instruction naming the variable. Checked
 * at start before anything else is opened, so a wrong start stops at once.
 */
export function emailSettingsProblem(settings: EmailSettings): string | undefined {
  if (settings.RESEND_API_KEY && !settings.EMAIL_FROM)
    return 'Set EMAIL_FROM (for example "Alaqan <noreply@example.kz>") to send email with Resend.';
  if (!settings.RESEND_API_KEY && !settings.development)
    return 'Set RESEND_API_KEY and EMAIL_FROM to send email. The development mailbox, which anyone can read, exists only when NODE_ENV=development is set for a run on this machine.';
  return undefined;
}

/**
 * The sender the settings ask for. Outside development, a missing RESEND_API_KEY or EMAIL_FROM
 * stops the server with the setting named: emails are never silently dropped or kept where anyone
 * could read them.
 */
export function senderFromSettings(
  settings: EmailSettings,
  db: Queryable,
): { send: EmailSender; description: string; devMailbox: boolean } {
  const problem = emailSettingsProblem(settings);
  if (problem) throw new Error(problem);
  if (settings.RESEND_API_KEY && settings.EMAIL_FROM) {
    return {
      send: resendSender({
        apiKey: settings.RESEND_API_KEY,
        from: settings.EMAIL_FROM,
        ...(settings.RESEND_BASE_URL ? { baseUrl: settings.RESEND_BASE_URL } : {}),
      }),
      description: 'Resend',
      devMailbox: false,
    };
  }
  return {
    send: devMailboxSender(db),
    description: 'the development mailbox at /dev/mailbox/ (NODE_ENV=development, no RESEND_API_KEY)',
    devMailbox: true,
  };
}
