import { request as httpRequest } from 'node:http';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync, brotliCompressSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPortalServer } from './http.ts';
import { securityHeaders } from './security-headers.ts';

let root: string;
let base: string;
let close: () => Promise<void>;
const logged: string[] = [];

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
      } else if (req.url?.startsWith('/broken')) {
        throw new Error('boom');
      } else {
        next();
      }
    },
    log: (line) => {
      logged.push(line);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
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
