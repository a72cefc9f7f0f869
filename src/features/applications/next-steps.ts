/**
 * What happens next at each stage, as the applicant's page and the confirmation say it. No stage
 * carries a date: no current time limit for these steps is published in a source we can cite
 * (the service standard of order No. 198 that gave one was repealed in 2020), so the pages say
 * that the authority writes when something changes, rather than inventing a date. Pure.
 */
import type { Translate } from '../../i18n/translator.ts';
import type { ApplicationStatus } from './status.ts';

export function nextStepTexts(t: Translate): Record<ApplicationStatus, string> {
  return {
    submitted: t('status.next.submitted'),
    'in-review': t('status.next.in-review'),
    'documents-requested': t('status.next.documents-requested'),
    'invited-to-school': t('status.next.invited-to-school'),
    'training-completed': t('status.next.training-completed'),
    'home-visit': t('status.next.home-visit'),
    conclusion: t('status.next.conclusion'),
    closed: t('status.next.closed'),
    withdrawn: t('status.next.withdrawn'),
  };
}
