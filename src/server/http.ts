/**
 * The portal's HTTP server: serves the prerendered site from `dist/client` (precompressed, with
 * caching and security headers), a localized 404, and hands everything else to Astro's handler.
 * Every response, static or rendered, carries the security headers.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import path from 'node:path';
import { isLocale, type Locale } from '../i18n/locales.ts';
import { languageCookie, negotiateLocale } from '../i18n/negotiate.ts';
import { encodingSuffix, pickEncoding } from './compression.ts';
import { securityHeaders } from './security-headers.ts';

/** A document of 10 MB with its form around it; nothing the portal accepts is larger. */
export const maxBodyBytes = 11 * 1024 * 1024;

export type AstroHandler = (req: IncomingMessage, res: ServerResponse, next: () => void) => unknown;

export interface PortalServerOptions {
  /** The built static files: `dist/client`. */
  clientDir: string;
  /** Astro's request handler for the routes that are rendered on request. */
  astroHandler: AstroHandler;
  /** Called once per response with what may be logged: no query strings, no bodies. */
  log?: (line: string) => void;
}

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.wasm': 'application/wasm',
  '.webmanifest': 'application/manifest+json',
};

/** Pagefind's index files carry no extension we know; they are compressed already. */
const binary = 'application/octet-stream';

function cacheControl(urlPath: string): string {
  // Hashed build assets never change under the same name.
  if (urlPath.startsWith('/_astro/')) return 'public, max-age=31536000, immutable';
  // Pages and the search index change with each publication: revalidate every time.
  if (urlPath.endsWith('/') || urlPath.endsWith('.html') || urlPath.startsWith('/pagefind/')) return 'public, no-cache';
  return 'public, max-age=3600';
}

async function fileAt(filePath: string) {
  try {
    const info = await stat(filePath);
    return info.isFile() ? info : undefined;
  } catch {
    return undefined;
  }
}

function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of header?.split(';') ?? []) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}

/** The language a page address belongs to, if any. */
function languageOf(urlPath: string): Locale | undefined {
  const first = urlPath.split('/')[1];
  return isLocale(first) ? first : undefined;
}

/**
 * The visitor chose a language when they move from a page of this site in one language to a
 * page in another (the language switcher): remember it for their next visit to `/`.
 */
function chosenLanguage(req: IncomingMessage, urlPath: string): Locale | undefined {
  const target = languageOf(urlPath);
  const referer = req.headers.referer;
  if (!target || !referer) return undefined;
  try {
    const from = new URL(referer);
    if (from.host !== req.headers.host) return undefined;
    const previous = languageOf(from.pathname);
    return previous && previous !== target ? target : undefined;
  } catch {
    return undefined;
  }
}

export function createPortalServer(options: PortalServerOptions): Server {
  const clientDir = path.resolve(options.clientDir);
  const log = options.log ?? (() => undefined);

  async function sendFile(
    req: IncomingMessage,
    res: ServerResponse,
    filePath: string,
    urlPath: string,
    status = 200,
  ): Promise<boolean> {
    const info = await fileAt(filePath);
    if (!info) return false;
    const extension = path.extname(filePath);
    const encoding = pickEncoding(req.headers['accept-encoding']);
    let servedPath = filePath;
    let servedSize = info.size;
    if (encoding) {
      const variant = await fileAt(filePath + encodingSuffix[encoding]);
      if (variant) {
        servedPath = filePath + encodingSuffix[encoding];
        servedSize = variant.size;
        res.setHeader('Content-Encoding', encoding);
      }
    }
    const etag = `W/"${info.size.toString(16)}-${Math.floor(info.mtimeMs).toString(16)}${servedPath === filePath ? '' : `-${encoding}`}"`;
    res.setHeader('Content-Type', contentTypes[extension] ?? binary);
    res.setHeader('Vary', 'Accept-Encoding');
    res.setHeader('ETag', etag);
    res.setHeader('Cache-Control', status === 200 ? cacheControl(urlPath) : 'no-store');
    const chosen = extension === '.html' ? chosenLanguage(req, urlPath) : undefined;
    if (chosen) {
      res.setHeader('Set-Cookie', `${languageCookie}=${chosen}; Path=/; Max-Age=31536000; SameSite=Lax`);
    }
    if (status === 200 && req.headers['if-none-match'] === etag) {
      res.writeHead(304).end();
      return true;
    }
    res.setHeader('Content-Length', servedSize);
    res.writeHead(status);
    if (req.method === 'HEAD') {
      res.end();
      return true;
    }
    createReadStream(servedPath).pipe(res);
    return true;
  }

  async function notFound(req: IncomingMessage, res: ServerResponse, urlPath: string): Promise<void> {
    const lang =
      languageOf(urlPath) ??
      negotiateLocale(readCookie(req.headers.cookie, languageCookie), req.headers['accept-language']);
    const sent = await sendFile(req, res, path.join(clientDir, lang, '404', 'index.html'), urlPath, 404);
    if (!sent) res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found');
  }

  /** Serves a built file for GET and HEAD; false when there is none at this address. */
  async function serveStatic(req: IncomingMessage, res: ServerResponse, urlPath: string): Promise<boolean> {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    const filePath = path.join(clientDir, urlPath);
    // The resolved path must stay inside the built site, whatever the address says.
    if (filePath !== clientDir && !filePath.startsWith(clientDir + path.sep)) return false;
    if (urlPath.endsWith('/')) return sendFile(req, res, path.join(filePath, 'index.html'), urlPath);
    if (await sendFile(req, res, filePath, urlPath)) return true;
    if (!path.extname(urlPath) && (await fileAt(path.join(filePath, 'index.html')))) {
      // Pages live at addresses with a trailing slash: send the visitor there.
      const query = req.url?.includes('?') ? req.url.slice(req.url.indexOf('?')) : '';
      res.writeHead(301, { Location: `${urlPath}/${query}`, 'Cache-Control': 'public, max-age=3600' }).end();
      return true;
    }
    return false;
  }

  async function answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    for (const [name, value] of Object.entries(securityHeaders)) res.setHeader(name, value);
    let urlPath = '/';
    try {
      urlPath = decodeURIComponent(new URL(req.url ?? '/', 'http://portal.invalid').pathname);
    } catch {
      res.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Bad request: the address is not valid.');
      return;
    }
    res.on('finish', () => {
      log(`${req.method} ${urlPath} ${res.statusCode} ${Math.round(performance.now() - started)}ms`);
    });
    try {
      if (urlPath.includes('\0')) {
        await notFound(req, res, '/');
        return;
      }
      if (await serveStatic(req, res, urlPath)) return;
      if (Number(req.headers['content-length'] ?? 0) > maxBodyBytes) {
        // Larger than any form or document the portal accepts: refused before it is read.
        res
          .writeHead(413, { 'Content-Type': 'text/plain; charset=utf-8', Connection: 'close' })
          .end('The request is too large.');
        req.resume();
        return;
      }
      // Pages rendered on request may carry personal data: no cache keeps them unless they say so.
      res.setHeader('Cache-Control', 'no-store');
      await options.astroHandler(req, res, () => {
        void notFound(req, res, urlPath).catch(() => res.destroy());
      });
    } catch (error) {
      log(`error while answering ${req.method} ${urlPath}: ${error instanceof Error ? error.message : String(error)}`);
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Server error');
      else res.destroy();
    }
  }

  return createServer((req, res) => {
    void answer(req, res);
  });
}
