import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { migrateAll, testDatabases } from '../../../tests/support/databases.ts';
import { startResendStandIn, type ResendStandIn } from '../../../tests/support/resend-stand-in.ts';
import type { Database } from '../db/database.ts';
import { renderEmail } from './messages.ts';
import { deliverDueEmails, enqueueEmail, retryDelaySeconds } from './outbox.ts';
import { devMailboxSender, readDevMailbox, resendSender, senderFromSettings } from './senders.ts';

let resend: ResendStandIn;
beforeAll(async () => {
  resend = await startResendStandIn();
});
afterAll(async () => {
  await resend.close();
});

const signIn = { code: '482913', link: 'https://alaqan.test/kk/sign-in/verify/', minutes: 10 };

describe.each(testDatabases)('the email outbox on $name', (backend) => {
  let db: Database;
  let drop: () => Promise<void>;
  beforeEach(async () => {
    ({ db, drop } = await backend.open());
    await migrateAll(db);
    resend.received.length = 0;
    resend.failing = false;
  });
  afterEach(async () => {
    await drop();
  });

  const send = () =>
    resendSender({ apiKey: 're_test_key', from: 'Alaqan <noreply@alaqan.test>', baseUrl: resend.baseUrl });

  it('keeps no email when the change it announces is rolled back', async () => {
    await expect(
      db.transaction(async (tx) => {
        await enqueueEmail(tx, { to: 'a@example.org', locale: 'kk', template: 'sign-in-code', data: signIn });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await db.query('select id from email_outbox')).toEqual([]);
  });

  it('sends through the real Resend SDK, once, with the outbox id as idempotency key', async () => {
    const id = await db.transaction((tx) =>
      enqueueEmail(tx, { to: 'a@example.org', locale: 'ru', template: 'sign-in-code', data: signIn }),
    );
    expect(await deliverDueEmails(db, send())).toEqual({ sent: 1, failed: 0 });
    expect(await deliverDueEmails(db, send())).toEqual({ sent: 0, failed: 0 });
    expect(resend.received).toHaveLength(1);
    const [email] = resend.received;
    expect(email?.headers['idempotency-key']).toBe(`alaqan-${id}`);
    expect(email?.body.to).toEqual(['a@example.org']);
    expect(email?.body.subject).toBe('Ваш код для входа на портал Алақан');
    expect(email?.body.text).toContain('482913');
  });

  it('loses nothing while the mail service is down, and sends when it is back', async () => {
    await db.transaction((tx) =>
      enqueueEmail(tx, { to: 'b@example.org', locale: 'en', template: 'sign-in-code', data: signIn }),
    );
    const start = new Date(Date.now() + 1000);
    resend.failing = true;
    expect(await deliverDueEmails(db, send(), { now: start })).toEqual({ sent: 0, failed: 1 });
    const [row] = await db.query<{ attempts: number; last_error: string }>(
      'select attempts, last_error from email_outbox',
    );
    expect(row?.attempts).toBe(1);
    expect(row?.last_error).toContain('The service is down');
    // Not retried before its time.
    expect(await deliverDueEmails(db, send(), { now: new Date(start.getTime() + 10_000) })).toEqual({
      sent: 0,
      failed: 0,
    });
    expect(await deliverDueEmails(db, send(), { now: new Date(start.getTime() + 31_000) })).toEqual({
      sent: 0,
      failed: 1,
    });
    resend.failing = false;
    const later = new Date(start.getTime() + 31_000 + retryDelaySeconds(2) * 1000 + 1000);
    expect(await deliverDueEmails(db, send(), { now: later })).toEqual({ sent: 1, failed: 0 });
    expect(resend.received).toHaveLength(1);
    expect(await db.query('select id from email_outbox where sent_at is null')).toEqual([]);
  });

  it('keeps emails in the development mailbox, once each', async () => {
    await db.transaction((tx) =>
      enqueueEmail(tx, { to: 'c@example.org', locale: 'kk', template: 'sign-in-code', data: signIn }),
    );
    const mailbox = devMailboxSender(db);
    await deliverDueEmails(db, mailbox);
    await db.query('update email_outbox set sent_at = null');
    await deliverDueEmails(db, mailbox);
    const rows = await db.query<{ recipient: string; subject: string }>('select recipient, subject from dev_mailbox');
    expect(rows).toEqual([{ recipient: 'c@example.org', subject: 'Алақан порталына кіру коды' }]);
    expect((await readDevMailbox(db))[0]?.receivedAt).toBeInstanceOf(Date);
  });

  it('sends an email queued before stage names moved to the translations, with the name it carries', async () => {
    await db.query(
      `insert into email_outbox (recipient, locale, template, data) values ('d@example.org', 'ru', 'status-changed', $1)`,
      [
        JSON.stringify({
          reference: 'AQ-7K4M-2P9X-Q',
          statusLabel: 'На рассмотрении',
          link: 'https://x.test/',
          hasRequest: false,
        }),
      ],
    );
    await deliverDueEmails(db, devMailboxSender(db));
    const [email] = await readDevMailbox(db);
    expect(email?.text).toContain('На рассмотрении');
  });
});

describe('email settings', () => {
  const db = { query: () => Promise.resolve([]), execute: () => Promise.resolve() };

  it('refuse to run without Resend unless development was chosen, naming the variables (the mailbox would be public)', () => {
    expect(() => senderFromSettings({ development: false }, db)).toThrow(/RESEND_API_KEY.*NODE_ENV=development/);
  });

  it('need a sender address for Resend', () => {
    expect(() => senderFromSettings({ RESEND_API_KEY: 're_x', development: false }, db)).toThrow('EMAIL_FROM');
  });

  it('use the development mailbox only in development, and say so', () => {
    expect(senderFromSettings({ development: true }, db)).toMatchObject({ devMailbox: true });
    expect(senderFromSettings({ development: true }, db).description).toContain('development mailbox');
    expect(senderFromSettings({ RESEND_API_KEY: 're_x', EMAIL_FROM: 'a@b.kz', development: true }, db)).toMatchObject({
      devMailbox: false,
    });
  });
});

describe('email messages', () => {
  it('are written in the recipient’s language, as text and HTML', () => {
    const kk = renderEmail('sign-in-code', 'kk', signIn);
    const en = renderEmail('sign-in-code', 'en', signIn);
    expect(kk.subject).not.toBe(en.subject);
    expect(en.text).toContain('The code works for 10 minutes, and only once.');
    expect(en.html).toContain('<html lang="en">');
    expect(renderEmail('sign-in-code', 'ru', { ...signIn, minutes: 1 }).text).toContain('1 минуту');
  });

  it('name the new stage of an application in the recipient’s language, from its code', () => {
    const data = {
      reference: 'AQ-7K4M-2P9X-Q',
      status: 'documents-requested',
      link: 'https://x.test/',
      hasRequest: true,
    };
    expect(renderEmail('status-changed', 'ru', data).text).toContain('Запрошены документы');
    expect(renderEmail('status-changed', 'kk', data).text).toContain('Құжаттар сұралды');
    expect(renderEmail('status-changed', 'en', data).text).toContain('Documents requested');
  });

  it('escape what goes into HTML', () => {
    const html = renderEmail('sign-in-code', 'en', { ...signIn, link: 'https://x.test/?a=<b>&c' }).html;
    expect(html).toContain('https://x.test/?a=&lt;b&gt;&amp;c');
    expect(html).not.toContain('<b>');
  });
});
