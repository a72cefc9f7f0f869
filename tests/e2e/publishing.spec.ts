/** The served portal's publishing webhook: signed calls reach the deploy hook, others do not. */
import { createServer } from 'node:http';
import { encodeSignatureHeader } from '@sanity/webhook';
import { expect, test } from '@playwright/test';
import { hookPort, publishingSecret } from '../../.config/playwright.config.ts';

test('a signed publication reaches the deploy hook; an unsigned one is refused with 401', async ({ request }) => {
  const received: string[] = [];
  const hook = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      received.push(body);
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => hook.listen(hookPort, '127.0.0.1', resolve));
  try {
    const payload = JSON.stringify({ _id: 'guide.adoption.en', _type: 'guide' });
    const unsigned = await request.post('/api/sanity/publish/', {
      data: payload,
      headers: { 'Content-Type': 'application/json' },
    });
    expect(unsigned.status()).toBe(401);
    expect(received).toEqual([]);
    const signature = await encodeSignatureHeader(payload, Date.now(), publishingSecret);
    const signed = await request.post('/api/sanity/publish/', {
      data: payload,
      headers: { 'Content-Type': 'application/json', 'sanity-webhook-signature': signature },
    });
    expect(signed.status()).toBe(202);
    expect(received).toHaveLength(1);
    expect(JSON.parse(received[0] ?? '{}')).toMatchObject({ documentId: 'guide.adoption.en' });
  } finally {
    await new Promise<void>((resolve) => {
      hook.close(() => {
        resolve();
      });
    });
  }
});
