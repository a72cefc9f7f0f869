/**
 * The name of each stage of an application, in the reader's language, from the UI strings
 * (`status.stage.<code>` in `src/i18n/ui/*.json`): one home for translations, and a new language
 * needs no migration. The database keeps only the stage's code.
 */
import type { Translate } from '../../i18n/translator.ts';
import type { ApplicationStatus } from './status.ts';

// One literal key per stage, so the UI strings test sees each one used; a new stage without a
// name here does not compile.
const labels: Record<ApplicationStatus, (t: Translate) => string> = {
  submitted: (t) => t('status.stage.submitted'),
  'in-review': (t) => t('status.stage.in-review'),
  'documents-requested': (t) => t('status.stage.documents-requested'),
  'invited-to-school': (t) => t('status.stage.invited-to-school'),
  'training-completed': (t) => t('status.stage.training-completed'),
  'home-visit': (t) => t('status.stage.home-visit'),
  conclusion: (t) => t('status.stage.conclusion'),
  closed: (t) => t('status.stage.closed'),
  withdrawn: (t) => t('status.stage.withdrawn'),
};

/** The stage's name in the language of `t`. */
export function statusLabel(t: Translate, status: ApplicationStatus): string {
  return labels[status](t);
}
