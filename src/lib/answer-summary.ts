/** The saved answers of an application as label–value rows per step, for check-your-answers and the printable copy. */
import type { Answers, StepId } from '../features/applications/journey.ts';
import { applicableSteps } from '../features/applications/journey.ts';
import { stepView, type ViewContext } from '../features/applications/views.ts';
import type { DocumentEntry } from '../features/documents/store.ts';
import { documentKindLabels } from './document-labels.ts';
import { formatNumber, formatPartialDate } from './format.ts';
import type { Locale } from '../i18n/locales.ts';

/** Amounts of money among the answers: shown with the tenge sign. */
const moneyFields = new Set(['monthlyIncome']);

/** An answer as a person reads it: a date in words, an amount grouped, a phone in groups of digits. */
function readable(name: string, raw: string | number, lang: Locale): string {
  if (typeof raw === 'number') return moneyFields.has(name) ? `${formatNumber(raw, lang)} ₸` : String(raw);
  if (name === 'birthDate' && /^\d{4}-\d{2}-\d{2}$/.test(raw)) return formatPartialDate(raw, lang);
  const phone = name === 'phone' ? /^\+7(\d{3})(\d{3})(\d{2})(\d{2})$/.exec(raw) : null;
  return phone ? `+7 ${phone.slice(1).join(' ')}` : raw;
}

export interface AnswerSection {
  step: StepId;
  title: string;
  rows: { label: string; value: string }[];
}

/** `documents` are the application's uploaded files, shown as the answer to the documents step. */
export function answerSummary(
  answers: Answers,
  context: ViewContext & { lang: Locale },
  documents: readonly DocumentEntry[],
): AnswerSection[] {
  const { t } = context;
  const kindLabels = documentKindLabels(t);
  return applicableSteps(answers).map((step) => {
    const view = stepView(step, context);
    if (step === 'documents') {
      const rows = documents.map((document) => ({ label: kindLabels[document.kind], value: document.originalName }));
      return {
        step,
        title: view.title,
        rows: rows.length ? rows : [{ label: view.title, value: t('documents.none') }],
      };
    }
    const saved = (answers[step] ?? {}) as Record<string, unknown>;
    const rows = view.fields.flatMap((field) => {
      if (field.kind === 'members') {
        const members =
          (saved['members'] as { fullName: string; relation: string; birthYear: number }[] | undefined) ?? [];
        return [
          {
            label: view.title,
            value: members.length
              ? members
                  .map((member) => `${member.fullName}, ${member.relation}, ${String(member.birthYear)}`)
                  .join('; ')
              : t('apply.check.none'),
          },
        ];
      }
      if (field.kind === 'consent') return [{ label: field.label, value: t('form.yes') }];
      // Saved answers passed their schema: text and numbers only.
      const raw = saved[field.name];
      const text = typeof raw === 'string' || typeof raw === 'number' ? readable(field.name, raw, context.lang) : '';
      const value =
        field.kind === 'radio' ? (field.options.find((option) => option.value === raw)?.label ?? text) : text;
      return [{ label: field.label, value }];
    });
    return { step, title: view.title, rows };
  });
}
