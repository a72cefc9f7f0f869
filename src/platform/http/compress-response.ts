/**
 * Compression of pages rendered on request (the prerendered files are compressed at build time).
 * On a slow connection the HTML of a question page shrinks to about a fifth. Pages are small, so
 * the body is compressed whole, at a quality that costs about a millisecond.
 *
 * Compressing pages that hold personal data is safe from BREACH-style attacks here because no page
 * reflects what a third party can put in a request: cross-site posts are refused, and the few
 * query parameters read are checked against fixed values.
 */
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { pickEncoding } from './compression.ts';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** Below this, compression saves less than it costs. */
const minimumBytes = 1024;
const compressibleTypes = /^(text\/html|application\/json|text\/plain)\b/;

export async function compressResponse(
  response: Response,
  request: { method: string; acceptEncoding: string | null },
): Promise<Response> {
  const type = response.headers.get('content-type') ?? '';
  if (
    !response.body ||
    request.method === 'HEAD' ||
    response.status < 200 ||
    [204, 206, 304].includes(response.status) ||
    response.headers.has('content-encoding') ||
    !compressibleTypes.test(type)
  )
    return response;
  const headers = new Headers(response.headers);
  headers.append('Vary', 'Accept-Encoding');
  const encoding = pickEncoding(request.acceptEncoding ?? undefined);
  const body = new Uint8Array(await response.arrayBuffer());
  const init = { status: response.status, statusText: response.statusText, headers };
  if (!encoding || body.byteLength < minimumBytes) return new Response(body, init);
  const compressed =
    encoding === 'br'
      ? await brotli(body, {
          params: {
            [constants.BROTLI_PARAM_QUALITY]: 5,
            [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
            [constants.BROTLI_PARAM_SIZE_HINT]: body.byteLength,
          },
        })
      : await gzipAsync(body, { level: 6 });
  headers.set('Content-Encoding', encoding);
  headers.delete('Content-Length');
  return new Response(new Uint8Array(compressed), init);
}
