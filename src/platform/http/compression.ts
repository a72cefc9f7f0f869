/**
 * Which compressed variant to send. Pure: the build writes `.br` and `.gz` beside each text file
 * (src/cli/precompress.ts), and the server picks one from Accept-Encoding.
 */
export type Encoding = 'br' | 'gzip';

export const compressibleExtensions = ['.html', '.css', '.js', '.mjs', '.svg', '.json', '.xml', '.txt', '.webmanifest'];

/** The best encoding the client accepts, brotli first; undefined for identity. */
export function pickEncoding(acceptEncoding: string | undefined): Encoding | undefined {
  if (!acceptEncoding) return undefined;
  const accepted = new Map<string, number>();
  for (const part of acceptEncoding.toLowerCase().split(',')) {
    const [name = '', ...params] = part.trim().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    accepted.set(name.trim(), q ? Number.parseFloat(q.slice(2)) || 0 : 1);
  }
  const wildcard = accepted.get('*') ?? 0;
  const quality = (name: string) => accepted.get(name) ?? wildcard;
  if (quality('br') > 0) return 'br';
  if (quality('gzip') > 0) return 'gzip';
  return undefined;
}

export const encodingSuffix: Record<Encoding, string> = { br: '.br', gzip: '.gz' };
