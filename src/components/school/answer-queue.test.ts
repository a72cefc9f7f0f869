import { describe, expect, it } from 'vitest';
import {
  createAnswerQueue,
  fallibleStorage,
  forgetOtherAttempts,
  outcomeKind,
  queueKey,
  type AnswerStorage,
  type QueuedAnswer,
  type SendAnswer,
  type SendOutcome,
} from './answer-queue.ts';

const attemptId = '0b9d6c1e-4f7a-4c55-9b1e-2f3a4b5c6d7e';

function memoryStorage(): AnswerStorage & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return {
    map,
    getItem: (key) => map.get(key) ?? null,
    setItem: (key, value) => void map.set(key, value),
    removeItem: (key) => void map.delete(key),
  };
}

/** A server that answers each answer with the next outcome given, and remembers what it was sent. */
function fakeServer(...outcomes: SendOutcome[]) {
  const sent: QueuedAnswer[] = [];
  const send: SendAnswer = (answer) => {
    sent.push(answer);
    return Promise.resolve(outcomes.shift() ?? { kind: 'saved' });
  };
  return { sent, send };
}

function setUp(...outcomes: SendOutcome[]) {
  const storage = memoryStorage();
  const server = fakeServer(...outcomes);
  const reports: [string, string, SendOutcome['kind']][] = [];
  const queue = createAnswerQueue({
    storage,
    attemptId,
    send: server.send,
    report: (answer, outcome) => reports.push([answer.question, answer.option, outcome.kind]),
  });
  return { storage, server, reports, queue };
}

describe('the answer queue', () => {
  it('keeps answers in storage, per attempt, oldest first', () => {
    const { storage, queue } = setUp();
    queue.add({ question: 'q1', option: 'a' });
    queue.add({ question: 'q2', option: 'c' });
    expect(queue.pending()).toEqual([
      { question: 'q1', option: 'a' },
      { question: 'q2', option: 'c' },
    ]);
    expect([...storage.map.keys()]).toEqual([queueKey(attemptId)]);
    // A page loaded later (a new queue over the same storage) finds them.
    const later = createAnswerQueue({ storage, attemptId, send: fakeServer().send, report: () => undefined });
    expect(later.pending()).toHaveLength(2);
    const otherAttempt = createAnswerQueue({
      storage,
      attemptId: 'other',
      send: fakeServer().send,
      report: () => undefined,
    });
    expect(otherAttempt.pending()).toEqual([]);
  });

  it('replaces a waiting answer with a later one to the same question', () => {
    const { queue } = setUp();
    queue.add({ question: 'q1', option: 'a' });
    queue.add({ question: 'q2', option: 'c' });
    queue.add({ question: 'q1', option: 'b' });
    expect(queue.pending()).toEqual([
      { question: 'q2', option: 'c' },
      { question: 'q1', option: 'b' },
    ]);
  });

  it('sends the answers in order and empties the storage', async () => {
    const { storage, server, reports, queue } = setUp();
    queue.add({ question: 'q1', option: 'a' });
    queue.add({ question: 'q2', option: 'c' });
    queue.add({ question: 'q3', option: 'b' });
    await queue.flush();
    expect(server.sent.map((answer) => answer.question)).toEqual(['q1', 'q2', 'q3']);
    expect(reports).toEqual([
      ['q1', 'a', 'saved'],
      ['q2', 'c', 'saved'],
      ['q3', 'b', 'saved'],
    ]);
    expect(queue.pending()).toEqual([]);
    expect(storage.map.size).toBe(0);
  });

  it('stops at an answer that cannot be sent now, keeps it and those after it, and says so for each', async () => {
    const { server, reports, queue } = setUp({ kind: 'saved' }, { kind: 'retry' });
    queue.add({ question: 'q1', option: 'a' });
    queue.add({ question: 'q2', option: 'c' });
    queue.add({ question: 'q3', option: 'b' });
    await queue.flush();
    expect(server.sent.map((answer) => answer.question)).toEqual(['q1', 'q2']);
    expect(queue.pending()).toEqual([
      { question: 'q2', option: 'c' },
      { question: 'q3', option: 'b' },
    ]);
    expect(reports).toEqual([
      ['q1', 'a', 'saved'],
      ['q2', 'c', 'retry'],
      ['q3', 'b', 'retry'],
    ]);
    // Back online: the rest goes, in order.
    await queue.flush();
    expect(server.sent.map((answer) => answer.question)).toEqual(['q1', 'q2', 'q2', 'q3']);
    expect(queue.pending()).toEqual([]);
  });

  it('keeps every answer when the learner is signed out', async () => {
    const { reports, queue } = setUp({ kind: 'signed-out', message: 'Sign in again' });
    queue.add({ question: 'q1', option: 'a' });
    queue.add({ question: 'q2', option: 'c' });
    await queue.flush();
    expect(queue.pending()).toHaveLength(2);
    expect(reports).toEqual([
      ['q1', 'a', 'signed-out'],
      ['q2', 'c', 'signed-out'],
    ]);
  });

  it('drops an answer the server refuses and goes on with the next', async () => {
    const { server, reports, queue } = setUp({ kind: 'refused', message: 'This test has already been submitted.' });
    queue.add({ question: 'q1', option: 'a' });
    queue.add({ question: 'q2', option: 'c' });
    await queue.flush();
    expect(server.sent).toHaveLength(2);
    expect(reports).toEqual([
      ['q1', 'a', 'refused'],
      ['q2', 'c', 'saved'],
    ]);
    expect(queue.pending()).toEqual([]);
  });

  it('keeps a newer choice made while the older one was on its way', async () => {
    const storage = memoryStorage();
    const sent: QueuedAnswer[] = [];
    let release: () => void = () => {
      throw new Error('nothing sent yet');
    };
    const queue = createAnswerQueue({
      storage,
      attemptId,
      send: (answer) => {
        sent.push(answer);
        if (sent.length > 1) return Promise.resolve({ kind: 'saved' });
        return new Promise((resolve) => {
          release = () => {
            resolve({ kind: 'saved' });
          };
        });
      },
      report: () => undefined,
    });
    queue.add({ question: 'q1', option: 'a' });
    const first = queue.flush();
    queue.add({ question: 'q1', option: 'b' });
    const second = queue.flush();
    release();
    await Promise.all([first, second]);
    expect(sent).toEqual([
      { question: 'q1', option: 'a' },
      { question: 'q1', option: 'b' },
    ]);
    expect(queue.pending()).toEqual([]);
  });

  it('sends each answer once when flushed twice at the same time', async () => {
    const { server, queue } = setUp();
    queue.add({ question: 'q1', option: 'a' });
    await Promise.all([queue.flush(), queue.flush()]);
    expect(server.sent).toHaveLength(1);
  });

  it('treats an unreadable stored queue as empty', () => {
    const { storage, queue } = setUp();
    for (const junk of ['{', '"text"', '{"question":"q1"}', '[{"question":1,"option":"a"}]']) {
      storage.map.set(queueKey(attemptId), junk);
      expect(queue.pending()).toEqual([]);
    }
    storage.map.set(queueKey(attemptId), '[null,{"question":"q1","option":"a"}]');
    expect(queue.pending()).toEqual([{ question: 'q1', option: 'a' }]);
  });
});

describe('what a status of the answer endpoint means', () => {
  it.each([
    [200, 'saved'],
    [401, 'signed-out'],
    [400, 'refused'],
    [403, 'refused'],
    [409, 'refused'],
    [422, 'refused'],
    [408, 'retry'],
    [429, 'retry'],
    [500, 'retry'],
    [503, 'retry'],
  ] as const)('%i: %s', (status, kind) => {
    expect(outcomeKind(status)).toBe(kind);
  });
});

describe('a storage that never throws', () => {
  it('keeps the queue in memory when the browser storage cannot be opened', async () => {
    const storage = fallibleStorage(() => {
      throw new Error('SecurityError');
    });
    const server = fakeServer({ kind: 'retry' });
    const queue = createAnswerQueue({ storage, attemptId, send: server.send, report: () => undefined });
    queue.add({ question: 'q1', option: 'a' });
    await queue.flush();
    expect(queue.pending()).toEqual([{ question: 'q1', option: 'a' }]);
    await queue.flush();
    expect(queue.pending()).toEqual([]);
  });

  it('goes on in memory when the browser storage is full', async () => {
    const full = memoryStorage();
    full.setItem = () => {
      throw new Error('QuotaExceededError');
    };
    const server = fakeServer();
    const queue = createAnswerQueue({
      storage: fallibleStorage(() => full),
      attemptId,
      send: server.send,
      report: () => undefined,
    });
    queue.add({ question: 'q1', option: 'a' });
    expect(queue.pending()).toEqual([{ question: 'q1', option: 'a' }]);
    await queue.flush();
    expect(server.sent).toHaveLength(1);
    expect(queue.pending()).toEqual([]);
  });
});

describe('queues of other attempts', () => {
  it('are removed from the device, and nothing else is', () => {
    const items = new Map([
      [queueKey('old-attempt'), '[]'],
      [queueKey('current'), '[{"question":"q1","option":"a"}]'],
      ['lang', 'kk'],
    ]);
    const storage = {
      get length() {
        return items.size;
      },
      key: (index: number) => [...items.keys()][index] ?? null,
      removeItem: (key: string) => {
        items.delete(key);
      },
    };
    forgetOtherAttempts(storage, 'current');
    expect([...items.keys()]).toEqual([queueKey('current'), 'lang']);
  });
});
