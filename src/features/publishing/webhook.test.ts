import { encodeSignatureHeader } from '@sanity/webhook';
import { describe, expect, it, vi } from 'vitest';
import { readPublishingEnv } from '../../server/env.ts';
import { deployHookTrigger, handlePublishWebhook, type PublishTrigger } from './webhook.ts';

const secret = 'a-long-shared-webhook-secret';
const payload = JSON.stringify({ _id: 'guide.adoption.kk', _type: 'guide' });

async function signed(body = payload, key = secret, timestamp = Date.now()): Promise<Request> {
  return new Request('http://portal.test/api/sanity/publish', {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      'sanity-webhook-signature': await encodeSignatureHeader(body, timestamp, key),
    },
    body,
  });
}

function unsigned(headers: Record<string, string> = {}): Request {
  return new Request('http://portal.test/api/sanity/publish', { method: 'POST', headers, body: payload });
}

describe('the publishing webhook', () => {
  it('accepts a correctly signed call and starts the rebuild once', async () => {
    const trigger = vi.fn<PublishTrigger>(() => Promise.resolve());
    const response = await handlePublishWebhook(await signed(), { secret, trigger });
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
  ])('refuses %s with 401 and does nothing', async (_case, make) => {
    const trigger = vi.fn<PublishTrigger>(() => Promise.resolve());
    const response = await handlePublishWebhook(await make(), { secret, trigger });
    expect(response.status).toBe(401);
    expect(trigger).not.toHaveBeenCalled();
  });

  it('answers 404 when the webhook is not set up', async () => {
    const response = await handlePublishWebhook(await signed(), { secret: undefined, trigger: undefined });
    expect(response.status).toBe(404);
  });

  it('refuses an oversized body unread', async () => {
    const trigger = vi.fn<PublishTrigger>(() => Promise.resolve());
    const big = 'x'.repeat(300 * 1024);
    const response = await handlePublishWebhook(await signed(big), { secret, trigger });
    expect(response.status).toBe(413);
    expect(trigger).not.toHaveBeenCalled();
  });

  it('answers 502 when the rebuild cannot be started, so Sanity retries', async () => {
    const response = await handlePublishWebhook(await signed(), {
      secret,
      trigger: () => Promise.reject(new Error('hook down')),
    });
    expect(response.status).toBe(502);
    expect(await response.text()).toContain('Sanity will retry');
  });

  it('calls the deploy hook with POST and fails on an error answer', async () => {
    const calls: { url: string; init: RequestInit | undefined }[] = [];
    const ok = deployHookTrigger('https://deploy.test/hook', (url, init) => {
      calls.push({ url: url instanceof Request ? url.url : url.toString(), init });
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

  it('needs its secret and its hook together', () => {
    expect(() => readPublishingEnv({ SANITY_WEBHOOK_SECRET: secret })).toThrow('together');
    expect(() => readPublishingEnv({ PUBLISH_HOOK_URL: 'https://deploy.test/hook' })).toThrow('together');
    expect(readPublishingEnv({})).toEqual({});
    expect(() =>
      readPublishingEnv({ SANITY_WEBHOOK_SECRET: 'short', PUBLISH_HOOK_URL: 'https://deploy.test/hook' }),
    ).toThrow('16');
  });
});
