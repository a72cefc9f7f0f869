/**
 * Where emails go: Resend when RESEND_API_KEY is set; otherwise, outside production, the
 * development mailbox in the portal's own database (shown at a development-only page).
 */
import { Resend } from 'resend';
import type { Queryable } from '../../server/db/database.ts';
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

export interface EmailSettings {
  RESEND_API_KEY?: string | undefined;
  RESEND_BASE_URL?: string | undefined;
  EMAIL_FROM?: string | undefined;
  NODE_ENV?: string | undefined;
}

/**
 * The sender the settings ask for. In production, a missing RESEND_API_KEY or EMAIL_FROM stops
 * the server with the setting named: emails are never silently dropped.
 */
export function senderFromSettings(
  settings: EmailSettings,
  db: Queryable,
): { send: EmailSender; description: string; devMailbox: boolean } {
  if (settings.RESEND_API_KEY) {
    if (!settings.EMAIL_FROM)
      throw new Error('Set EMAIL_FROM (for example "Alaqan <noreply@example.kz>") to send email with Resend.');
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
  if (settings.NODE_ENV === 'production') {
    throw new Error(
      'Set RESEND_API_KEY and EMAIL_FROM: in production the portal does not keep emails in the development mailbox.',
    );
  }
  return {
    send: devMailboxSender(db),
    description: 'the development mailbox at /dev/mailbox/ (no RESEND_API_KEY set)',
    devMailbox: true,
  };
}
