import { request as httpRequest } from 'node:http';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { connect, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync, brotliCompressSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deployment } from './deployment.ts';
import { createPortalServer } from './server.ts';
import { securityHeaders } from './security-headers.ts';

let root: string;
let base: string;
let close: () => Promise<void>;
const logged: string[] = [];
/** Filled once the server listens on its port: the portal's public address is that one. */
const deployment: Deployment & { allowedHosts: Set<string> } = {
  development: false,
  origin: '',
  allowedHosts: new Set(),
};
/** What Astro was handed for the last request to `/echo/`. */
let handed:
  { url: string | undefined; host: string | undefined; forwardedHost: unknown; bodyBytes: number } | undefined;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'alaqan-http-'));
  const page = '<!doctype html><html lang="en"><title>Guide</title><p>Adoption</p></html>';
  await mkdir(path.join(root, 'en/guides/adoption'), { recursive: true });
  await writeFile(path.join(root, 'en/guides/adoption/index.html'), page);
  await writeFile(path.join(root, 'en/guides/adoption/index.html.gz'), gzipSync(page));
  await writeFile(path.join(root, 'en/guides/adoption/index.html.br'), brotliCompressSync(page));
  for (const lang of ['kk', 'ru', 'en']) {
    await mkdir(path.join(root, lang, '404'), { recursive: true });
    await writeFile(path.join(root, lang, '404', 'index.html'), `<html lang="${lang}"><p>not found ${lang}</p></html>`);
  }
  await mkdir(path.join(root, '_astro'));
  await writeFile(path.join(root, '_astro/site.abc123.css'), 'body{}');
  await writeFile(path.join(root, '..', 'secret.txt'), 'outside');
  const server = createPortalServer({
    clientDir: root,
    astroHandler: (req, res, next) => {
      if (req.url?.startsWith('/rendered')) {
        res.writeHead(200, { 'Content-Type': 'text/plain' }).end('rendered by Astro');
      } else if (req.url?.startsWith('/echo') || req.url?.startsWith('/en/apply/documents/')) {
        const body = (req as { body?: Buffer }).body;
        handed = {
          url: req.url,
          host: req.headers.host,
          forwardedHost: req.headers['x-forwarded-host'],
          bodyBytes: body?.length ?? -1,
        };
        res.writeHead(200, { 'Content-Type': 'text/plain' }).end('handed to Astro');
      } else if (req.url?.startsWith('/broken')) {
        throw new Error('boom');
      } else {
        next();
      }
    },
    log: (line) => {
      logged.push(line);
    },
    deployment,
    trustProxy: false,
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  deployment.origin = base;
  deployment.allowedHosts.add(new URL(base).host);
  close = () =>
    new Promise((resolve) => {
      server.close(() => {
        resolve();
      });
    });
});

afterAll(async () => {
  await close();
  await rm(root, { recursive: true, force: true });
  await rm(path.join(root, '..', 'secret.txt'), { force: true });
});

function rawGet(rawPath: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(`${base}/`, { path: rawPath }, (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => {
        resolve({ status: response.statusCode ?? 0, body });
      });
    });
    request.on('error', reject);
    request.end();
  });
}

function expectSecurityHeaders(response: Response) {
  for (const [name, value] of Object.entries(securityHeaders)) expect(response.headers.get(name), name).toBe(value);
}

describe('the portal server', () => {
  it('serves a page brotli-compressed when the browser accepts it', async () => {
    const response = await fetch(`${base}/en/guides/adoption/`, { headers: { 'Accept-Encoding': 'br' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-encoding')).toBe('br');
    expect(response.headers.get('vary')).toBe('Accept-Encoding');
    expect(await response.text()).toContain('Adoption');
    expectSecurityHeaders(response);
  });

  it('serves gzip, or plain bytes, to browsers that want them', async () => {
    const gzip = await fetch(`${base}/en/guides/adoption/`, { headers: { 'Accept-Encoding': 'gzip' } });
    expect(gzip.headers.get('content-encoding')).toBe('gzip');
    const plain = await fetch(`${base}/en/guides/adoption/`, { headers: { 'Accept-Encoding': 'identity' } });
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(await plain.text()).toContain('Adoption');
  });

  it('answers a repeated request with 304 when nothing changed', async () => {
    const first = await fetch(`${base}/en/guides/adoption/`, { headers: { 'Accept-Encoding': 'br' } });
    const again = await fetch(`${base}/en/guides/adoption/`, {
      headers: { 'Accept-Encoding': 'br', 'If-None-Match': first.headers.get('etag') ?? '' },
    });
    expect(again.status).toBe(304);
  });

  it('caches hashed assets for a year and revalidates pages', async () => {
    const asset = await fetch(`${base}/_astro/site.abc123.css`);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect(asset.headers.get('content-type')).toContain('text/css');
    const page = await fetch(`${base}/en/guides/adoption/`);
    expect(page.headers.get('cache-control')).toBe('public, no-cache');
  });

  it('sends an address without its trailing slash to the page', async () => {
    const response = await fetch(`${base}/en/guides/adoption?x=1`, { redirect: 'manual' });
    expect(response.status).toBe(301);
    expect(response.headers.get('location')).toBe('/en/guides/adoption/?x=1');
  });

  it('answers an unknown page with the 404 page in its language', async () => {
    const response = await fetch(`${base}/ru/nowhere/`);
    expect(response.status).toBe(404);
    expect(await response.text()).toContain('not found ru');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expectSecurityHeaders(response);
  });

  it('answers an unknown address outside a language in the visitor’s language', async () => {
    const byBrowser = await fetch(`${base}/nowhere`, { headers: { 'Accept-Language': 'en-GB' } });
    expect(byBrowser.status).toBe(404);
    expect(await byBrowser.text()).toContain('not found en');
    const byChoice = await fetch(`${base}/nowhere`, { headers: { 'Accept-Language': 'en-GB', Cookie: 'lang=ru' } });
    expect(await byChoice.text()).toContain('not found ru');
  });

  it('never serves a file outside the site', async () => {
    // Sent byte for byte: fetch() would normalise the dots away before they reach the server.
    for (const attempt of ['/../secret.txt', '/%2e%2e/secret.txt', '/en/..%2f..%2fsecret.txt', '/..%2fsecret.txt']) {
      const { status, body } = await rawGet(attempt);
      expect(body, attempt).not.toContain('outside');
      expect(status, attempt).toBe(404);
    }
  });

  it('refuses an address that cannot be decoded, with 400', async () => {
    const response = await fetch(`${base}/en/%E0%A4%A`);
    expect(response.status).toBe(400);
    expectSecurityHeaders(response);
  });

  it('hands other routes to Astro, with the security headers, and keeps them out of caches', async () => {
    const response = await fetch(`${base}/rendered`);
    expect(await response.text()).toBe('rendered by Astro');
    expectSecurityHeaders(response);
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('answers 500 without details when rendering fails', async () => {
    const response = await fetch(`${base}/broken`);
    expect(response.status).toBe(500);
    expect(await response.text()).toBe('Server error');
  });

  it('remembers the language when the visitor switches, and only then', async () => {
    const switched = await fetch(`${base}/en/guides/adoption/`, {
      headers: { Referer: `${base}/kk/guides/asyrap-alu/` },
    });
    expect(switched.headers.get('set-cookie')).toMatch(/^lang=en; Path=\/; Max-Age=31536000; SameSite=Lax/);
    const sameLanguage = await fetch(`${base}/en/guides/adoption/`, { headers: { Referer: `${base}/en/` } });
    expect(sameLanguage.headers.get('set-cookie')).toBeNull();
    const fromElsewhere = await fetch(`${base}/en/guides/adoption/`, {
      headers: { Referer: 'https://example.org/kk/' },
    });
    expect(fromElsewhere.headers.get('set-cookie')).toBeNull();
  });

  it('logs the path but never the query string', async () => {
    await fetch(`${base}/en/guides/adoption/?email=someone@example.org`);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(logged.some((line) => line.startsWith('GET /en/guides/adoption/ 200'))).toBe(true);
    expect(logged.join('\n')).not.toContain('someone@example.org');
  });
});

interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A request written as given: any Host, any request line, any method, any body. */
function raw(options: {
  method?: string;
  path: string;
  headers?: Record<string, string | number>;
  body?: string | Buffer;
  at?: string;
}): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      options.at ?? base,
      { method: options.method ?? 'GET', path: options.path, headers: options.headers ?? {} },
      (response) => {
        let body = '';
        response.on('data', (chunk: Buffer) => (body += chunk.toString()));
        response.on('end', () => {
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body });
        });
      },
    );
    request.on('error', reject);
    request.end(options.body);
  });
}

const form = (body: string, headers: Record<string, string> = {}) => ({
  method: 'POST',
  path: '/echo/',
  headers: {
    'Content-Type': 'application/x-www-form-urlencoded',
    Origin: base,
    'Content-Length': Buffer.byteLength(body),
    ...headers,
  },
  body,
});

describe('the request gate: hosts (H1)', () => {
  it('refuses a forged Host with 421 before any route runs', async () => {
    handed = undefined;
    for (const host of ['evil.example', 'evil.example:8080', `${new URL(base).hostname}.evil.example`, 'a@b']) {
      const answer = await raw({ path: '/echo/', headers: { Host: host } });
      expect(answer.status, host).toBe(421);
    }
    expect(handed).toBeUndefined();
  });

  it('refuses a request with no Host at all (HTTP/1.0)', async () => {
    const socket = connect(Number(new URL(base).port), '127.0.0.1');
    socket.end('GET /echo/ HTTP/1.0\r\n\r\n');
    let reply = '';
    for await (const chunk of socket) reply += String(chunk);
    expect(reply).toMatch(/^HTTP\/1\.[01] 421 /);
  });

  it('refuses an absolute address to another host in the request line, even with the right Host', async () => {
    handed = undefined;
    const answer = await raw({ path: 'http://evil.example/echo/', headers: { Host: new URL(base).host } });
    expect(answer.status).toBe(421);
    expect(handed).toBeUndefined();
  });

  it('accepts the portal’s own host in its other spellings, and hands Astro one address in origin form', async () => {
    const host = new URL(base).host;
    for (const spelling of [host.toUpperCase(), host.replace(':', '.:')]) {
      const answer = await raw({
        path: `${base.toUpperCase().replace('HTTP', 'http')}/echo/?a=1`,
        headers: { Host: spelling },
      });
      expect(answer.status, spelling).toBe(200);
      expect(handed).toMatchObject({ url: '/echo/?a=1', host });
    }
  });

  it('drops X-Forwarded-Host when no proxy is trusted, so nothing downstream can read it', async () => {
    const answer = await raw({ path: '/echo/', headers: { 'X-Forwarded-Host': 'evil.example' } });
    expect(answer.status).toBe(200);
    expect(handed?.forwardedHost).toBeUndefined();
    expect(handed?.host).toBe(new URL(base).host);
  });

  it('behind a trusted proxy, refuses a forwarded host that is not the portal’s', async () => {
    const proxied = createPortalServer({
      clientDir: root,
      astroHandler: (_req, res) => res.writeHead(200).end('ok'),
      deployment: {
        development: false,
        origin: 'https://alaqan.example.kz',
        allowedHosts: new Set(['alaqan.example.kz']),
      },
      trustProxy: true,
    });
    await new Promise<void>((resolve) => proxied.listen(0, '127.0.0.1', resolve));
    const at = `http://127.0.0.1:${(proxied.address() as AddressInfo).port}`;
    try {
      const good = { Host: 'alaqan.example.kz', 'X-Forwarded-Host': 'alaqan.example.kz' };
      expect((await raw({ at, path: '/x/', headers: good })).status).toBe(200);
      expect((await raw({ at, path: '/x/', headers: { Host: 'alaqan.example.kz:443' } })).status).toBe(200);
      const forged = { Host: 'alaqan.example.kz', 'X-Forwarded-Host': 'evil.example, alaqan.example.kz' };
      expect((await raw({ at, path: '/x/', headers: forged })).status).toBe(421);
      expect((await raw({ at, path: '/x/', headers: { Host: '127.0.0.1' } })).status).toBe(421);
    } finally {
      await new Promise((resolve) => proxied.close(resolve));
    }
  });
});

describe('the request gate: methods (L5)', () => {
  it.each(['TRACE', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'])(
    'answers %s with 405, the allowed methods and the headers',
    async (method) => {
      handed = undefined;
      const answer = await raw({ method, path: '/echo/' });
      expect(answer.status).toBe(405);
      expect(answer.headers['allow']).toBe('GET, HEAD, POST');
      expect(answer.headers['content-security-policy']).toBe(securityHeaders['Content-Security-Policy']);
      expect(handed).toBeUndefined();
    },
  );

  it('does not expose the framework’s image endpoint', async () => {
    handed = undefined;
    const answer = await raw({ path: '/_image/?href=/favicon.svg&w=100&f=png' });
    expect(answer.status).toBe(404);
    expect(answer.body).toContain('not found');
  });
});

describe('the request gate: posts', () => {
  it('hands a form from the portal’s own page to Astro with its body already read', async () => {
    const answer = await raw(form('email=a%40b.kz&x=1'));
    expect(answer.status).toBe(200);
    expect(handed?.bodyBytes).toBe('email=a%40b.kz&x=1'.length);
  });

  it('refuses a post without the portal’s Origin with 403, in every content type (I2)', async () => {
    handed = undefined;
    for (const origin of [undefined, 'null', 'http://evil.example', base.replace('127.0.0.1', 'localhost')]) {
      const headers: Record<string, string> = origin === undefined ? {} : { Origin: origin };
      const answer = await raw({
        ...form('a=1'),
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
      });
      expect(answer.status, String(origin)).toBe(403);
    }
    const json = await raw({ ...form('{}'), headers: { 'Content-Type': 'application/json' } });
    expect(json.status).toBe(403);
    expect(handed).toBeUndefined();
  });

  it('takes an empty post without a type (the "stay signed in" button), from the portal’s origin only', async () => {
    const empty = { method: 'POST', path: '/echo/', headers: { Origin: base, 'Content-Length': 0 } };
    expect((await raw(empty)).status).toBe(200);
    expect(handed?.bodyBytes).toBe(0);
    expect((await raw({ ...empty, headers: { 'Content-Length': 0 } })).status).toBe(403);
  });

  it('refuses a body that is not a form with 415, even from the portal’s origin', async () => {
    for (const type of ['application/json', 'text/plain', 'multipart/form-data', 'application/xml']) {
      const answer = await raw(form('{}', { 'Content-Type': type }));
      expect(answer.status, type).toBe(415);
    }
  });

  it('refuses a declared length over the route’s limit with 413 before reading, in the visitor’s language', async () => {
    const answer = await raw({
      ...form('a=1'),
      path: '/ru/sign-in/',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: base, 'Content-Length': 40_000 },
      body: Buffer.alloc(3),
    }).catch(() => undefined);
    // The server answers without waiting for the 40 KB that never come.
    expect(answer?.status).toBe(413);
    expect(answer?.body).toContain('<html lang="ru">');
    expect(answer?.body).toContain('Вернуться назад');
    expect(answer?.headers['content-type']).toBe('text/html; charset=utf-8');
  });

  it('lets a browser that uploads a file over 10 MB read why it was refused, in its language', async () => {
    const body = Buffer.alloc(12 * 1024 * 1024, 'a');
    const answer = await raw({
      method: 'POST',
      path: '/en/apply/documents/',
      headers: {
        'Content-Type': 'multipart/form-data; boundary=b',
        Origin: base,
        'Content-Length': body.length,
        Referer: `${base}/en/apply/documents/`,
      },
      body,
    });
    expect(answer.status).toBe(413);
    expect(answer.body).toContain('A document can be at most 10 MB');
    expect(answer.body).toContain('href="/en/apply/documents/"');
  });

  it('counts a chunked body as it streams and stops reading it past the limit (M1)', async () => {
    const url = new URL(base);
    let written = 0;
    const status = await new Promise<number>((resolve) => {
      const request = httpRequest(
        {
          host: url.hostname,
          port: url.port,
          method: 'POST',
          path: '/en/sign-in/',
          headers: {
            'Content-Type': 'application/x-www-form-urlencoded',
            Origin: base,
            'Transfer-Encoding': 'chunked',
          },
        },
        (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        },
      );
      request.on('error', () => {
        resolve(-1);
      });
      const chunk = Buffer.alloc(64 * 1024, 'a');
      const pump = () => {
        // Up to 64 MB, unless the server has answered or cut the connection first.
        while (written < 64 * 1024 * 1024 && !request.destroyed) {
          written += chunk.length;
          if (!request.write(chunk)) {
            request.once('drain', pump);
            return;
          }
        }
        request.end();
      };
      pump();
    });
    expect([413, -1]).toContain(status);
    expect(written).toBeLessThan(32 * 1024 * 1024);
    // And the server is still answering.
    expect((await fetch(`${base}/en/guides/adoption/`)).status).toBe(200);
  });

  it('refuses more fields than any form has with 413, before any parser runs (H2)', async () => {
    handed = undefined;
    const fields = Array.from({ length: 101 }, (_, index) => `f${index}=`).join('&');
    expect((await raw(form(fields))).status).toBe(413);
    expect((await raw(form(fields.split('&').slice(0, 100).join('&')))).status).toBe(200);
  });

  it('counts multipart parts too, and lets an upload route take a document', async () => {
    const boundary = 'XyZ123';
    const part = (name: string, value: string) =>
      `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
    const multipart = (parts: number, fill = '') =>
      Array.from({ length: parts }, (_, index) => part(`p${index}`, index === 0 ? fill : 'x')).join('') +
      `--${boundary}--\r\n`;
    const headers = { 'Content-Type': `multipart/form-data; boundary=${boundary}` };
    const tooMany = multipart(11);
    expect((await raw({ ...form(tooMany, headers), path: '/en/apply/documents/' })).status).toBe(413);
    const document = multipart(2, 'a'.repeat(2 * 1024 * 1024));
    const accepted = await raw({ ...form(document, headers), path: '/en/apply/documents/' });
    expect(accepted.status).toBe(200);
    expect(handed?.bodyBytes).toBe(Buffer.byteLength(document));
    // The same 2 MB to a route that is not an upload is refused.
    expect((await raw({ ...form(document, headers), path: '/en/apply/form/' })).status).toBe(413);
  });
});

describe('the log (L4)', () => {
  it('keeps the path encoded and escapes what could forge a line', async () => {
    logged.length = 0;
    await rawGet('/kk/%0aFORGED%20200%200ms%0d');
    await rawGet('/kk/%00nul');
    await new Promise((resolve) => setTimeout(resolve, 20));
    const text = logged.join('\n');
    // eslint-disable-next-line no-control-regex -- finding control characters is the point
    expect(logged.every((line) => !/[\u0000-\u001f]/.test(line))).toBe(true);
    expect(text).toContain('GET /kk/%0aFORGED%20200%200ms%0d 404');
    expect(logged.some((line) => line.startsWith('FORGED'))).toBe(false);
  });
});
