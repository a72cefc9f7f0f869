import { encodeSignatureHeader } from '@sanity/webhook';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { migrateAll, testDatabases } from '../../../tests/support/databases.ts';
import type { Database } from '../../platform/db/database.ts';
import { deployHookTrigger, handlePublishWebhook, type PublishTrigger } from './webhook.ts';

const secret = 'a-long-shared-webhook-secret';
const payload = JSON.stringify({ _id: 'guide.adoption.kk', _type: 'guide' });
const url = 'http://portal.test/api/sanity/publish';
const t0 = new Date('2026-03-02T09:00:00.000Z');
const minutes = (n: number) => n * 60_000;
const at = (ms: number) => new Date(t0.getTime() + ms);

async function signed(body = payload, key = secret, timestamp = t0.getTime()): Promise<Request> {
  return new Request(url, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      'sanity-webhook-signature': await encodeSignatureHeader(body, timestamp, key),
    },
    body,
  });
}

/** The same delivery again: the same signed header and body, as a replay or a retry sends them. */
function again(request: Request, body = payload): Request {
  return new Request(request.url, { method: 'POST', headers: request.headers, body });
}

function unsigned(headers: Record<string, string> = {}): Request {
  return new Request(url, { method: 'POST', headers, body: payload });
}

/** A body of `total` bytes that is produced only as it is read, counting what was pulled. */
function countedStream(total: number, chunkBytes = 64 * 1024) {
  const counter = { pulled: 0, cancelled: false };
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (counter.pulled >= total) {
          controller.close();
          return;
        }
        const size = Math.min(chunkBytes, total - counter.pulled);
        counter.pulled += size;
        controller.enqueue(new Uint8Array(size).fill(120));
      },
      cancel() {
        counter.cancelled = true;
      },
    },
    // Nothing is produced ahead of a read: `pulled` is what the handler asked for.
    { highWaterMark: 0 },
  );
  return { stream, counter };
}

function streamed(stream: ReadableStream<Uint8Array>, headers: Record<string, string>): Request {
  return new Request(url, { method: 'POST', headers, body: stream, duplex: 'half' } as RequestInit);
}

/** A promise settled from outside, to hold a trigger in flight. */
function deferred() {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe.each(testDatabases)('the publishing webhook on $name', (backend) => {
  let db: Database;
  let drop: () => Promise<void>;
  beforeEach(async () => {
    ({ db, drop } = await backend.open());
    await migrateAll(db);
  });
  afterEach(async () => {
    await drop();
  });

  const remembered = async () => (await db.query<{ n: number }>('select count(*) as n from webhook_deliveries'))[0]?.n;

  it('accepts a correctly signed call and starts the rebuild once', async () => {
    const trigger = vi.fn<PublishTrigger>(() => Promise.resolve());
    const response = await handlePublishWebhook(await signed(), { secret, trigger, db, now: t0 });
    expect(response.status).toBe(202);
    expect(trigger).toHaveBeenCalledTimes(1);
    expect(trigger).toHaveBeenCalledWith({ documentId: 'guide.adoption.kk', type: 'guide' });
  });

  it.each([
    ['no signature', () => Promise.resolve(unsigned())],
    ['a malformed signature', () => Promise.resolve(unsigned({ 'sanity-webhook-signature': 'nonsense' }))],
    ['a signature made with another secret', () => signed(payload, 'another-secret-of-some-length')],
    [
      'a signature of another body',
      async () => {
        const request = await signed(JSON.stringify({ _id: 'something.else' }));
        return new Request(request.url, { method: 'POST', headers: request.headers, body: payload });
      },
    ],
  ])('refuses %s with 401, does nothing and remembers nothing', async (_case, make) => {
    const trigger = vi.fn<PublishTrigger>(() => Promise.resolve());
    const response = await handlePublishWebhook(await make(), { secret, trigger, db, now: t0 });
    expect(response.status).toBe(401);
    expect(trigger).not.toHaveBeenCalled();
    expect(await remembered()).toBe(0);
  });

  it('answers 404 when the webhook is not set up', async () => {
    const response = await handlePublishWebhook(await signed(), { secret: undefined, trigger: undefined, db });
    expect(response.status).toBe(404);
  });

  it('refuses an oversized body', async () => {
    const trigger = vi.fn<PublishTrigger>(() => Promise.resolve());
    const big = 'x'.repeat(300 * 1024);
    const response = await handlePublishWebhook(await signed(big), { secret, trigger, db, now: t0 });
    expect(response.status).toBe(413);
    expect(trigger).not.toHaveBeenCalled();
  });

  it('stops reading a body without a declared length as soon as it passes the limit', async () => {
    const trigger = vi.fn<PublishTrigger>(() => Promise.resolve());
    const { stream, counter } = countedStream(50 * 1024 * 1024);
    const request = streamed(stream, { 'sanity-webhook-signature': 't=1772442000000,v1=anything' });
    const response = await handlePublishWebhook(request, { secret, trigger, db, now: t0, maxBytes: 256 * 1024 });
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ error: expect.stringContaining('too large') as unknown });
    // One chunk past the limit at most, and the sender is told that nothing more will be read.
    expect(counter.pulled).toBeLessThanOrEqual(256 * 1024 + 64 * 1024);
    expect(counter.cancelled).toBe(true);
    expect(trigger).not.toHaveBeenCalled();
  });

  it('refuses a body whose declared length is too large without reading any of it', async () => {
    const { stream, counter } = countedStream(50 * 1024 * 1024);
    const request = streamed(stream, {
      'content-length': String(50 * 1024 * 1024),
      'sanity-webhook-signature': 't=1772442000000,v1=anything',
    });
    const response = await handlePublishWebhook(request, { secret, trigger: () => Promise.resolve(), db, now: t0 });
    expect(response.status).toBe(413);
    expect(counter.pulled).toBe(0);
  });

  it('reads a body that arrives in small pieces, even with a character split between them', async () => {
    const body = JSON.stringify({ _id: 'guide.бала-асырап-алу.kk', _type: 'guide' });
    const bytes = new TextEncoder().encode(body);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.length; i += 3) controller.enqueue(bytes.slice(i, i + 3));
        controller.close();
      },
    });
    const header = await encodeSignatureHeader(body, t0.getTime(), secret);
    const trigger = vi.fn<PublishTrigger>(() => Promise.resolve());
    const response = await handlePublishWebhook(streamed(stream, { 'sanity-webhook-signature': header }), {
      secret,
      trigger,
      db,
      now: t0,
    });
    expect(response.status).toBe(202);
    expect(trigger).toHaveBeenCalledWith({ documentId: 'guide.бала-асырап-алу.kk', type: 'guide' });
  });

  it.each([
    ['six minutes old', minutes(-6)],
    ['six minutes ahead', minutes(6)],
    ['a year old', minutes(-365 * 24 * 60)],
    ['ten years ahead', minutes(10 * 365 * 24 * 60)],
  ])('refuses a correctly signed call whose timestamp is %s, and remembers nothing', async (_case, offset) => {
    const trigger = vi.fn<PublishTrigger>(() => Promise.resolve());
    const request = await signed(payload, secret, t0.getTime() + offset);
    const response = await handlePublishWebhook(request, { secret, trigger, db, now: t0 });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: expect.stringContaining('5 minutes') as unknown });
    expect(trigger).not.toHaveBeenCalled();
    expect(await remembered()).toBe(0);
  });

  it('accepts a timestamp within five minutes either way (clocks differ a little)', async () => {
    const trigger = vi.fn<PublishTrigger>(() => Promise.resolve());
    for (const offset of [minutes(-5), minutes(4), -1, 1]) {
      const request = await signed(payload, secret, t0.getTime() + offset);
      expect((await handlePublishWebhook(request, { secret, trigger, db, now: t0 })).status).toBe(202);
    }
    expect(trigger).toHaveBeenCalledTimes(4);
  });

  it('answers a second delivery of the same signed call 200 without starting another rebuild', async () => {
    const trigger = vi.fn<PublishTrigger>(() => Promise.resolve());
    const first = await signed();
    expect((await handlePublishWebhook(first, { secret, trigger, db, now: t0 })).status).toBe(202);
    const replay = await handlePublishWebhook(again(first), { secret, trigger, db, now: at(minutes(2)) });
    expect(replay.status).toBe(200);
    expect(await replay.json()).toEqual({ duplicate: true });
    expect(trigger).toHaveBeenCalledTimes(1);
  });

  it('starts one rebuild for 50 parallel replays of one signed call', async () => {
    const trigger = vi.fn<PublishTrigger>(() => new Promise((resolve) => setTimeout(resolve, 20)));
    // Each query waits a moment first, so that the 50 calls overlap on PGlite (which runs one query
    // at a time) as much as they do on a server: a check-then-insert would start many rebuilds.
    const slowDb: Pick<Database, 'query'> = {
      query: async (sql, params) => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        return db.query(sql, params);
      },
    };
    const first = await signed();
    const responses = await Promise.all(
      Array.from({ length: 50 }, () => handlePublishWebhook(again(first), { secret, trigger, db: slowDb, now: t0 })),
    );
    expect(trigger).toHaveBeenCalledTimes(1);
    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 202)).toHaveLength(1);
    // The others came while the rebuild was starting (409, try again) or after it had started (200).
    expect(statuses.every((status) => [200, 202, 409].includes(status))).toBe(true);
    expect(await remembered()).toBe(1);
  });

  it('acts on a retry of a delivery whose rebuild failed', async () => {
    const trigger = vi.fn<PublishTrigger>().mockRejectedValueOnce(new Error('hook down')).mockResolvedValue(undefined);
    const first = await signed();
    const failed = await handlePublishWebhook(first, { secret, trigger, db, now: t0 });
    expect(failed.status).toBe(502);
    expect(await failed.text()).toContain('Sanity will retry');
    expect(await remembered()).toBe(0);
    const retry = await handlePublishWebhook(again(first), { secret, trigger, db, now: at(minutes(1)) });
    expect(retry.status).toBe(202);
    expect(trigger).toHaveBeenCalledTimes(2);
  });

  it('answers 409 to the same delivery while its rebuild is still starting, then 200', async () => {
    const hook = deferred();
    const trigger = vi.fn<PublishTrigger>(() => hook.promise);
    const first = await signed();
    const pending = handlePublishWebhook(first, { secret, trigger, db, now: t0 });
    await vi.waitFor(() => {
      expect(trigger).toHaveBeenCalledTimes(1);
    });
    const meanwhile = await handlePublishWebhook(again(first), { secret, trigger, db, now: t0 });
    expect(meanwhile.status).toBe(409);
    hook.resolve();
    expect((await pending).status).toBe(202);
    const later = await handlePublishWebhook(again(first), { secret, trigger, db, now: at(1000) });
    expect(later.status).toBe(200);
    expect(trigger).toHaveBeenCalledTimes(1);
  });

  it('takes over a delivery whose rebuild was left starting for over a minute (a crashed server)', async () => {
    const stuck = deferred();
    const trigger = vi.fn<PublishTrigger>().mockReturnValueOnce(stuck.promise).mockResolvedValue(undefined);
    const first = await signed();
    const abandoned = handlePublishWebhook(first, { secret, trigger, db, now: t0 });
    await vi.waitFor(() => {
      expect(trigger).toHaveBeenCalledTimes(1);
    });
    const retry = await handlePublishWebhook(again(first), { secret, trigger, db, now: at(61_000) });
    expect(retry.status).toBe(202);
    expect(trigger).toHaveBeenCalledTimes(2);
    // The first attempt fails late: it must not forget the delivery the retry has acted on.
    stuck.reject(new Error('hook timed out'));
    expect((await abandoned).status).toBe(502);
    expect(await remembered()).toBe(1);
    const replay = await handlePublishWebhook(again(first), { secret, trigger, db, now: at(62_000) });
    expect(replay.status).toBe(200);
    expect(trigger).toHaveBeenCalledTimes(2);
  });

  it('forgets deliveries after an hour, long after their signatures have expired', async () => {
    const trigger = vi.fn<PublishTrigger>(() => Promise.resolve());
    const call = async (ms: number) =>
      (
        await handlePublishWebhook(await signed(payload, secret, t0.getTime() + ms), {
          secret,
          trigger,
          db,
          now: at(ms),
        })
      ).status;
    expect(await call(0)).toBe(202);
    expect(await call(minutes(30))).toBe(202);
    expect(await remembered()).toBe(2);
    expect(await call(minutes(61))).toBe(202);
    expect(await remembered()).toBe(2);
    expect(await call(minutes(92))).toBe(202);
    expect(await remembered()).toBe(2);
    expect(trigger).toHaveBeenCalledTimes(4);
  });
});

describe('the deploy hook and its settings', () => {
  it('calls the deploy hook with POST and fails on an error answer', async () => {
    const calls: { url: string; init: RequestInit | undefined }[] = [];
    const ok = deployHookTrigger('https://deploy.test/hook', (target, init) => {
      calls.push({ url: target instanceof Request ? target.url : target.toString(), init });
      return Promise.resolve(new Response(null, { status: 201 }));
    });
    await ok({ documentId: 'page.home.kk', type: 'page' });
    expect(calls[0]?.url).toBe('https://deploy.test/hook');
    expect(calls[0]?.init?.method).toBe('POST');
    const failing = deployHookTrigger('https://deploy.test/hook', () =>
      Promise.resolve(new Response(null, { status: 500 })),
    );
    await expect(failing({ documentId: undefined, type: undefined })).rejects.toThrow('500');
  });
});
