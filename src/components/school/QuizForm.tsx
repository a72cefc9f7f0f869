/** @jsxImportSource react */
/**
 * The questions of an attempt as a plain form: each a fieldset of radio buttons, with the answer
 * saved so far checked. "Save answers" keeps them; "Submit" marks the test. Rendered on the server
 * it is the whole test and works without JavaScript.
 *
 * Hydrated, it enhances the same form: each answer is saved as it is chosen (kept on the device
 * while it cannot be sent, see answer-queue.ts), and Enter in a question goes to the next one
 * instead of submitting. The form's own fields still carry every answer, so a plain submit loses
 * none. It never translates: the page passes every string, already in its language.
 */
import { useEffect, useRef, useState, type ChangeEvent, type KeyboardEvent, type SubmitEvent } from 'react';
import type { ShownQuestion } from '../../lib/school-test.ts';
import type { FormError } from '../../platform/forms/errors.ts';
import { errorFor } from '../../platform/forms/errors.ts';
import {
  createAnswerQueue,
  fallibleStorage,
  forgetOtherAttempts,
  outcomeKind,
  type AnswerQueue,
  type QueuedAnswer,
  type SendOutcome,
} from './answer-queue.ts';

export interface QuizLabels {
  /** The line above each question ("Question 2 of 10"), one per question, in order. */
  questionOf: readonly string[];
  errorPrefix: string;
  savedHint: string;
  save: string;
  submit: string;
  /** How the keyboard moves between questions: shown once the island runs. */
  keyHint: string;
  saving: string;
  saved: string;
  /** Kept on this device until the connection returns. */
  queued: string;
  /** When the server's answer carries no message of its own. */
  signedOut: string;
  notSaved: string;
}

export interface QuizProps {
  action: string;
  attemptId: string;
  questions: ShownQuestion[];
  answers: Record<string, string>;
  errors: readonly FormError[];
  /** Where one answer is saved (schoolPaths.answer). */
  answerUrl: string;
  labels: QuizLabels;
}

interface Status {
  text: string;
  problem: boolean;
}

const fieldPrefix = 'answer-';
/** A request that hangs is a connection that is gone: keep the answer and try again later. */
const sendTimeout = 15_000;
/** How long a submit waits for the waiting answers: the form carries them anyway. */
const submitWait = 5_000;

export default function QuizForm({ action, attemptId, questions, answers, errors, answerUrl, labels }: QuizProps) {
  const form = useRef<HTMLFormElement>(null);
  const queue = useRef<AnswerQueue>(undefined);
  const submitting = useRef<'waiting' | 'resubmitting'>(undefined);
  const [enhanced, setEnhanced] = useState(false);
  const [statuses, setStatuses] = useState<Readonly<Record<string, Status>>>({});
  // Keyed by a counter, so that the same words said twice ("Saved") are announced twice.
  const [announcement, setAnnouncement] = useState({ id: 0, text: '' });

  useEffect(() => {
    const element = form.current;
    if (!element) return;
    const show = (question: string, status: Status, announce: boolean) => {
      setStatuses((shown) => ({ ...shown, [question]: status }));
      if (announce) setAnnouncement((last) => ({ id: last.id + 1, text: status.text }));
    };
    const report = (answer: QueuedAnswer, outcome: SendOutcome) => {
      // An answer replaced by a later choice says nothing: the later one will.
      if (chosenIn(element, answer.question) !== answer.option) return;
      show(answer.question, statusOf(outcome, labels), true);
    };
    const send = (answer: QueuedAnswer) => postAnswer(answerUrl, attemptId, answer, labels);
    try {
      forgetOtherAttempts(window.localStorage, attemptId);
    } catch {
      // No storage on this device (private mode, blocked): nothing was kept to forget.
    }
    const answerQueue = createAnswerQueue({
      storage: fallibleStorage(() => window.localStorage),
      attemptId,
      send,
      report,
    });
    queue.current = answerQueue;

    const known = new Set(questions.map((question) => question.key));
    // Answers kept on this device from an earlier visit: the form shows them, so a plain submit sends them too.
    for (const waiting of answerQueue.pending()) {
      if (!known.has(waiting.question)) continue;
      const radio = radiosOf(element, waiting.question).find((candidate) => candidate.value === waiting.option);
      if (radio) radio.checked = true;
      show(waiting.question, { text: labels.queued, problem: false }, false);
    }
    // Answers chosen before the island ran (or restored by the browser) were never sent.
    for (const question of known) {
      const option = chosenIn(element, question);
      if (
        option !== undefined &&
        option !== answers[question] &&
        !answerQueue.pending().some((waiting) => waiting.question === question)
      ) {
        answerQueue.add({ question, option });
      }
    }
    setEnhanced(true);
    void answerQueue.flush();
    const onOnline = () => void answerQueue.flush();
    window.addEventListener('online', onOnline);
    return () => {
      window.removeEventListener('online', onOnline);
    };
  }, [answerUrl, attemptId, answers, labels, questions]);

  function onChange(event: ChangeEvent<HTMLFormElement>) {
    const radio = event.target;
    if (!(radio instanceof HTMLInputElement) || radio.type !== 'radio' || !radio.name.startsWith(fieldPrefix)) return;
    const question = radio.name.slice(fieldPrefix.length);
    if (!queue.current) return;
    setStatuses((shown) => ({ ...shown, [question]: { text: labels.saving, problem: false } }));
    queue.current.add({ question, option: radio.value });
    void queue.current.flush();
  }

  /** Enter goes to the next question (Shift+Enter to the previous) instead of submitting the form. */
  function onKeyDown(event: KeyboardEvent<HTMLFormElement>) {
    const radio = event.target;
    if (event.key !== 'Enter' || event.altKey || event.ctrlKey || event.metaKey) return;
    if (!(radio instanceof HTMLInputElement) || radio.type !== 'radio') return;
    event.preventDefault();
    const fieldsets = [...event.currentTarget.querySelectorAll('fieldset')];
    const next = fieldsets[fieldsets.findIndex((fieldset) => fieldset.contains(radio)) + (event.shiftKey ? -1 : 1)];
    if (next) {
      const radios = [...next.querySelectorAll<HTMLInputElement>('input[type="radio"]')];
      (radios.find((candidate) => candidate.checked) ?? radios[0])?.focus();
    } else if (!event.shiftKey) {
      // After the last question: the buttons, as Tab would go.
      event.currentTarget.querySelector('button')?.focus();
    }
  }

  /** Sends the answers still waiting before the form goes, briefly; the form's fields carry them anyway. */
  function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    if (submitting.current === 'resubmitting') return;
    if (submitting.current === 'waiting') {
      // A second press while the answers go: the first one will submit.
      event.preventDefault();
      return;
    }
    const answerQueue = queue.current;
    if (!answerQueue || answerQueue.pending().length === 0 || !navigator.onLine) return;
    event.preventDefault();
    submitting.current = 'waiting';
    const element = event.currentTarget;
    // The button pressed, so that the form sends its action (save or submit) as it would have.
    const { submitter } = event.nativeEvent;
    const timeout = new Promise((resolve) => setTimeout(resolve, submitWait));
    void Promise.race([answerQueue.flush(), timeout]).finally(() => {
      // requestSubmit fires the submit event again, at once: this time it goes through.
      submitting.current = 'resubmitting';
      element.requestSubmit(submitter);
      submitting.current = undefined;
    });
  }

  return (
    <form
      method="post"
      action={action}
      noValidate
      className="test-form"
      ref={form}
      onChange={onChange}
      onKeyDown={onKeyDown}
      onSubmit={onSubmit}
    >
      <input type="hidden" name="attempt" value={attemptId} />
      {questions.map((question, index) => {
        const id = `${fieldPrefix}${question.key}`;
        const error = errorFor(errors, id);
        const status = statuses[question.key];
        return (
          <div key={question.key} className={error ? 'field field-error' : 'field'}>
            <fieldset id={id} aria-describedby={error ? `${id}-error` : undefined}>
              <legend>
                <span className="meta">{labels.questionOf[index]}</span>
                <br />
                {question.text}
              </legend>
              {error && (
                <p id={`${id}-error`} className="error-message">
                  <span className="visually-hidden">{labels.errorPrefix}</span>
                  {` ${error}`}
                </p>
              )}
              <div className="radios">
                {question.options.map((option) => (
                  <label key={option.key} className="radio">
                    <input
                      type="radio"
                      name={id}
                      value={option.key}
                      defaultChecked={answers[question.key] === option.key}
                    />
                    <span>{option.text}</span>
                  </label>
                ))}
              </div>
              {status && <p className={status.problem ? 'error-message' : 'meta'}>{status.text}</p>}
            </fieldset>
          </div>
        );
      })}
      <p className="meta">{labels.savedHint}</p>
      {/* Below the questions, so that it moves nothing the learner may be about to press. */}
      {enhanced && <p className="meta">{labels.keyHint}</p>}
      {enhanced && (
        <div role="status" className="visually-hidden">
          {announcement.text && <span key={announcement.id}>{announcement.text}</span>}
        </div>
      )}
      <div className="button-group">
        {/* Save comes first: Enter in a radio button presses the first button, and that must not hand the test in. */}
        <button className="button button-secondary" type="submit" name="action" value="save">
          {labels.save}
        </button>
        <button className="button" type="submit" name="action" value="submit">
          {labels.submit}
        </button>
      </div>
    </form>
  );
}

function radiosOf(form: HTMLFormElement, question: string): HTMLInputElement[] {
  return [...form.querySelectorAll<HTMLInputElement>('input[type="radio"]')].filter(
    (radio) => radio.name === `${fieldPrefix}${question}`,
  );
}

function chosenIn(form: HTMLFormElement, question: string): string | undefined {
  return radiosOf(form, question).find((radio) => radio.checked)?.value;
}

function statusOf(outcome: SendOutcome, labels: QuizLabels): Status {
  switch (outcome.kind) {
    case 'saved':
      return { text: labels.saved, problem: false };
    case 'retry':
      return { text: labels.queued, problem: false };
    default:
      return { text: outcome.message, problem: true };
  }
}

/** Posts one answer as the plain form would: form-encoded, with the session cookie, to this site only. */
async function postAnswer(
  url: string,
  attempt: string,
  answer: QueuedAnswer,
  labels: QuizLabels,
): Promise<SendOutcome> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      mode: 'same-origin',
      credentials: 'same-origin',
      headers: { Accept: 'application/json' },
      // URLSearchParams sets application/x-www-form-urlencoded.
      body: new URLSearchParams({ attempt, question: answer.question, option: answer.option }),
      signal: AbortSignal.timeout(sendTimeout),
    });
  } catch {
    return { kind: 'retry' };
  }
  const kind = outcomeKind(response.status);
  if (kind === 'saved' || kind === 'retry') return { kind };
  const body: unknown = await response.json().catch(() => undefined);
  const message =
    typeof body === 'object' && body !== null && 'error' in body && typeof body.error === 'string'
      ? body.error
      : undefined;
  return { kind, message: message ?? (kind === 'signed-out' ? labels.signedOut : labels.notSaved) };
}
