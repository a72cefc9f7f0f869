import { describe, expect, it } from 'vitest';
import { locales } from '../../i18n/locales.ts';
import { translatorFor } from '../../i18n/translator.ts';
import { renderEmail } from '../../platform/email/messages.ts';
import { applicationStatuses } from './status.ts';
import { statusLabel } from './status-labels.ts';

describe('stage names', () => {
  it.each(locales)('name every stage in %s, each differently, from the translations', (lang) => {
    const t = translatorFor(lang);
    const names = applicationStatuses.map((status) => statusLabel(t, status));
    for (const name of names) expect(name).not.toMatch(/^status\.stage\./);
    expect(new Set(names).size).toBe(applicationStatuses.length);
  });

  it('keep the wording the stages had in the database', () => {
    expect(statusLabel(translatorFor('kk'), 'submitted')).toBe('Өтініш берілді');
    expect(statusLabel(translatorFor('ru'), 'invited-to-school')).toBe('Приглашение в Школу приемных родителей');
    expect(statusLabel(translatorFor('en'), 'withdrawn')).toBe('Withdrawn');
  });

  it.each(locales)('are the same in the status email as on the account page, in %s', (lang) => {
    for (const status of applicationStatuses) {
      const email = renderEmail('status-changed', lang, {
        reference: 'AQ-1',
        status,
        link: 'https://x.test/',
        hasRequest: false,
      });
      expect(email.text).toContain(statusLabel(translatorFor(lang), status));
    }
  });
});
