/**
 * The answers of a test that the quiz island has not been able to send yet: kept per attempt in the
 * browser's storage, so that an answer chosen offline (or while the server is down) survives a
 * reload and is sent when the connection returns. The latest choice for a question replaces any
 * earlier one still waiting; answers go out one at a time, oldest first.
 *
 * Pure: the storage and the sending are given, so the rules are tested without a browser.
 */

/** One answer as the answer endpoint takes it. */
export interface QueuedAnswer {
  readonly question: string;
  readonly option: string;
}

/** The part of the Web Storage API the queue uses: `localStorage` in the browser, a map in tests. */
export interface AnswerStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** What became of one answer sent to the server. */
export type SendOutcome =
  | { readonly kind: 'saved' }
  /** Offline, a network error or a server error: keep it and try again later. */
  | { readonly kind: 'retry' }
  /** The session has ended: keep it for when the learner is back, signed in. */
  | { readonly kind: 'signed-out'; readonly message: string }
  /** Refused for good (the attempt was submitted, the answer is not in the test): drop it. */
  | { readonly kind: 'refused'; readonly message: string };

export type SendAnswer = (answer: QueuedAnswer) => Promise<SendOutcome>;

/**
 * What an HTTP status of the answer endpoint means for the queue. Timeouts and rate limits are
 * passing conditions like a server error; any other 4xx will not change by sending again.
 */
export function outcomeKind(status: number): SendOutcome['kind'] {
  if (status >= 200 && status < 300) return 'saved';
  if (status === 401) return 'signed-out';
  if (status >= 400 && status < 500 && status !== 408 && status !== 429) return 'refused';
  return 'retry';
}

export interface AnswerQueueOptions {
  storage: AnswerStorage;
  attemptId: string;
  send: SendAnswer;
  /**
   * Told what became of each answer sent; when sending stops, told the same for every answer
   * still waiting, so that each question can say why its answer is not on the server yet.
   */
  report: (answer: QueuedAnswer, outcome: SendOutcome) => void;
}

export interface AnswerQueue {
  /** The answers waiting, oldest first. */
  pending(): QueuedAnswer[];
  /** Queues an answer, replacing one waiting for the same question. Does not send it. */
  add(answer: QueuedAnswer): void;
  /**
   * Sends the waiting answers in order until none is left or one cannot be sent now (which stays,
   * with those after it). Calls made while sending join the run in progress, which then goes
   * round once more, so an answer added meanwhile is not left behind.
   */
  flush(): Promise<void>;
}

/** The storage key of an attempt's queue. */
export const queueKey = (attemptId: string) => `alaqan:test-answers:${attemptId}`;

export function createAnswerQueue({ storage, attemptId, send, report }: AnswerQueueOptions): AnswerQueue {
  const key = queueKey(attemptId);
  // Read on every step rather than cached: another tab of the same test may have changed it.
  const read = (): QueuedAnswer[] => parseQueue(storage.getItem(key));
  const write = (answers: readonly QueuedAnswer[]) => {
    if (answers.length === 0) storage.removeItem(key);
    else storage.setItem(key, JSON.stringify(answers));
  };
  const add = (answer: QueuedAnswer) => {
    write([...read().filter((waiting) => waiting.question !== answer.question), answer]);
  };
  // Only the answer that was sent: a newer choice for the question, queued meanwhile, stays.
  const remove = (sent: QueuedAnswer) => {
    write(read().filter((waiting) => waiting.question !== sent.question || waiting.option !== sent.option));
  };

  async function sendAll(): Promise<void> {
    const tried = new Set<string>();
    for (;;) {
      const next = read()[0];
      // A storage that refuses writes would offer the same answer for ever: once per run is enough.
      if (!next || tried.has(identity(next))) return;
      tried.add(identity(next));
      const outcome = await send(next);
      if (outcome.kind === 'saved' || outcome.kind === 'refused') {
        remove(next);
        report(next, outcome);
        continue;
      }
      for (const answer of read()) report(answer, outcome);
      return;
    }
  }

  let running: Promise<void> | undefined;
  let requested = 0;
  function flush(): Promise<void> {
    requested += 1;
    running ??= (async () => {
      try {
        for (let done = 0; done < requested;) {
          done = requested;
          await sendAll();
        }
      } finally {
        running = undefined;
        requested = 0;
      }
    })();
    return running;
  }

  return { pending: read, add, flush };
}

/**
 * A storage that never throws: `localStorage` can be missing, forbidden (private modes, blocked
 * cookies) or full. Then the queue lives in memory for as long as the page is open.
 */
export function fallibleStorage(open: () => AnswerStorage): AnswerStorage {
  const memory = new Map<string, string>();
  let storage: AnswerStorage | undefined;
  try {
    storage = open();
  } catch {
    storage = undefined;
  }
  return {
    getItem(key) {
      try {
        if (storage) return storage.getItem(key);
      } catch {
        // Fall back to the copy in memory.
      }
      return memory.get(key) ?? null;
    },
    setItem(key, value) {
      memory.set(key, value);
      try {
        storage?.setItem(key, value);
      } catch {
        // The storage refused it (full, forbidden): read from memory from now on.
        storage = undefined;
      }
    },
    removeItem(key) {
      memory.delete(key);
      try {
        storage?.removeItem(key);
      } catch {
        storage = undefined;
      }
    },
  };
}

function identity(answer: QueuedAnswer): string {
  return JSON.stringify([answer.question, answer.option]);
}

/** The queue as stored; anything unreadable (another version, edited by hand) counts as empty. */
function parseQueue(text: string | null): QueuedAnswer[] {
  if (!text) return [];
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return [];
  }
  if (!Array.isArray(value)) return [];
  return value.flatMap((item: unknown) =>
    isRecord(item) && typeof item['question'] === 'string' && typeof item['option'] === 'string'
      ? [{ question: item['question'], option: item['option'] }]
      : [],
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** What `forgetOtherAttempts` needs of a storage: `localStorage` has it. */
export interface ListableStorage {
  readonly length: number;
  key(index: number): string | null;
  removeItem(key: string): void;
}

/**
 * Removes the queues of every other attempt: answers kept on the device for an attempt that has
 * since been submitted (by the plain form, on another device) or abandoned would otherwise stay
 * in the browser for good. The server has the answers that count.
 */
export function forgetOtherAttempts(storage: ListableStorage, attemptId: string): void {
  const prefix = queueKey('');
  const others: string[] = [];
  for (let index = 0; index < storage.length; index += 1) {
    const key = storage.key(index);
    if (key?.startsWith(prefix) && key !== queueKey(attemptId)) others.push(key);
  }
  for (const key of others) storage.removeItem(key);
}
