import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { compressResponse } from './compress-response.ts';

const html = `<!doctype html><html lang="kk"><body>${'<p>Өтінішті толтырыңыз</p>'.repeat(200)}</body></html>`;

function page(body: string | null = html, init: ResponseInit = {}) {
  const headers = new Headers({ 'Content-Type': 'text/html; charset=utf-8' });
  headers.append('Set-Cookie', 'a=1; Path=/');
  headers.append('Set-Cookie', 'b=2; Path=/');
  return new Response(body, { status: 200, headers, ...init });
}

describe('compressing pages rendered on request', () => {
  it('sends brotli when accepted, and the page is the same once decompressed', async () => {
    const response = await compressResponse(page(), { method: 'GET', acceptEncoding: 'gzip, deflate, br' });
    expect(response.headers.get('content-encoding')).toBe('br');
    expect(response.headers.get('vary')).toContain('Accept-Encoding');
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.length).toBeLessThan(Buffer.byteLength(html) / 5);
    expect(brotliDecompressSync(bytes).toString()).toBe(html);
  });

  it('sends gzip to a client without brotli, and keeps every cookie and the status', async () => {
    const response = await compressResponse(page(html, { status: 422 }), { method: 'POST', acceptEncoding: 'gzip' });
    expect(response.status).toBe(422);
    expect(response.headers.get('content-encoding')).toBe('gzip');
    expect(response.headers.getSetCookie()).toEqual(['a=1; Path=/', 'b=2; Path=/']);
    expect(gunzipSync(Buffer.from(await response.arrayBuffer())).toString()).toBe(html);
  });

  it('leaves alone what should not be compressed', async () => {
    const cases: [Response, string, string][] = [
      [page(), 'GET', ''],
      [page('<p>short</p>'), 'GET', 'br'],
      [new Response(html, { headers: { 'Content-Type': 'application/pdf' } }), 'GET', 'br'],
      [page(null, { status: 303, headers: { Location: '/kk/', 'Content-Type': 'text/html' } }), 'GET', 'br'],
      [page(), 'HEAD', 'br'],
    ];
    for (const [response, method, acceptEncoding] of cases) {
      const result = await compressResponse(response, { method, acceptEncoding });
      expect(result.headers.get('content-encoding')).toBeNull();
    }
    const pdf = new Response('%PDF-1.7', { headers: { 'Content-Type': 'application/pdf' } });
    expect(await compressResponse(pdf, { method: 'GET', acceptEncoding: 'br' })).toBe(pdf);
  });
});
