/**
 * The emails the portal sends, each in the recipient's language, as plain text and HTML. Emails
 * carry codes, links and reference numbers, never the personal data of an application.
 */
import type { Locale } from '../../i18n/locales.ts';
import { translatorFor, type Translate } from '../../i18n/translator.ts';

export interface TemplateData {
  'sign-in-code': { code: string; link: string; minutes: number };
  /**
   * No personal data: the reference, the new stage's code (its name is rendered in the recipient's
   * language), whether the authority asks something.
   */
  'status-changed': { reference: string; status: string; link: string; hasRequest: boolean };
  'application-submitted': { reference: string; link: string };
  /** A learner of the school who has stopped: their first name only, and the course's address. */
  'school-reminder': { firstName: string; link: string };
  /** A member of staff invited to the desk: the link to enrol and how long it works. */
  'staff-invitation': { link: string; days: number };
}

export type EmailTemplate = keyof TemplateData;

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (character) => escapes[character] ?? character);

function layout(lang: Locale, subject: string, paragraphs: string[]): RenderedEmail {
  const t = translatorFor(lang);
  const footer = t('email.footer');
  return {
    subject,
    text: [...paragraphs, '--', footer].join('\n\n'),
    html:
      `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>` +
      `<body style="font-family:system-ui,sans-serif;line-height:1.5;color:#1b1f23">` +
      paragraphs.map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`).join('') +
      `<hr><p style="color:#4a5058">${escapeHtml(footer)}</p></body></html>`,
  };
}

/**
 * The stage's name, from the UI strings (`status.stage.<code>`, the keys of
 * `src/features/applications/status-labels.ts`). Emails queued before the names moved there carry
 * the name itself (`statusLabel`) and no code; they are sent as they were written.
 */
function stageName(t: Translate, data: TemplateData['status-changed'] | { statusLabel?: unknown }): string {
  if ('status' in data && typeof data.status === 'string')
    return t(`status.stage.${data.status}`, { defaultValue: data.status });
  return 'statusLabel' in data && typeof data.statusLabel === 'string' ? data.statusLabel : '';
}

/** Each template: its subject and paragraphs, from the recipient's translator and the email's data. */
const templates: {
  [T in EmailTemplate]: (t: Translate, data: TemplateData[T]) => { subject: string; paragraphs: string[] };
} = {
  'sign-in-code': (t, data) => ({
    subject: t('email.signIn.subject'),
    paragraphs: [
      t('email.signIn.code', { code: data.code }),
      t('email.signIn.link', { link: data.link }),
      t('email.signIn.expiry', { count: data.minutes }),
      t('email.signIn.ignore'),
    ],
  }),
  'application-submitted': (t, data) => ({
    subject: t('email.submitted.subject', { reference: data.reference }),
    paragraphs: [
      t('email.submitted.received', { reference: data.reference }),
      t('email.submitted.next'),
      t('email.status.link', { link: data.link }),
    ],
  }),
  'school-reminder': (t, data) => ({
    subject: t('email.schoolReminder.subject'),
    paragraphs: [
      t('email.schoolReminder.greeting', { name: data.firstName }),
      t('email.schoolReminder.text'),
      t('email.schoolReminder.link', { link: data.link }),
    ],
  }),
  'staff-invitation': (t, data) => ({
    subject: t('email.staffInvitation.subject'),
    paragraphs: [
      t('email.staffInvitation.text'),
      t('email.staffInvitation.link', { link: data.link }),
      t('email.staffInvitation.expiry', { count: data.days }),
      t('email.staffInvitation.ignore'),
    ],
  }),
  'status-changed': (t, data) => ({
    subject: t('email.status.subject', { reference: data.reference }),
    paragraphs: [
      t('email.status.changed', { reference: data.reference, status: stageName(t, data) }),
      ...(data.hasRequest ? [t('email.status.request')] : []),
      t('email.status.link', { link: data.link }),
    ],
  }),
};

export function renderEmail<T extends EmailTemplate>(template: T, lang: Locale, data: TemplateData[T]): RenderedEmail {
  const { subject, paragraphs } = templates[template](translatorFor(lang), data);
  return layout(lang, subject, paragraphs);
}
