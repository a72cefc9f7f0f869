/**
 * The portal's HTTP server: serves the prerendered site from `dist/client` (precompressed, with
 * caching and security headers), a localized 404, and hands everything else to Astro's handler.
 * Every response, static or rendered, carries the security headers.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import path from 'node:path';
import { isLocale, type Locale } from '../../i18n/locales.ts';
import { languageCookie, negotiateLocale } from '../../i18n/negotiate.ts';
import { encodingSuffix, pickEncoding } from './compression.ts';
import { normalizeHost, schemeOf, type Deployment } from './deployment.ts';
import { refusalPage, refusalStatus, refusalText, type RefusalKind } from './error-pages.ts';
import {
  allowedMethods,
  allowedOrigins,
  bodyLimitFor,
  bodyLimits,
  checkHost,
  countFormFields,
  formEncodingOf,
  isAllowedMethod,
  loggablePath,
} from './request-gate.ts';
import { securityHeaders } from './security-headers.ts';

/** Routes Astro adds on its own (image optimisation, server islands, actions), none of which the portal uses. */
const frameworkRoutes = /^\/_(image|server-islands|actions)(\/|$)/;

/**
 * After a refusal, what is left of the body is read and thrown away (it costs no memory), so that
 * a browser still uploading gets the answer instead of a reset connection: a declared body up to
 * this size, whole; anything larger or undeclared, a megabyte more, then the connection is cut.
 */
const drainDeclaredUpToBytes = 64 * 1024 * 1024;
const drainUndeclaredBytes = 1024 * 1024;

/** Reads a body up to `limit` bytes as it streams in; 'too-large' as soon as it goes past, whatever was declared. */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const cleanup = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('close', onClose);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        cleanup();
        req.pause();
        resolve('too-large');
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(Buffer.concat(chunks, size));
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    const onClose = () => {
      cleanup();
      reject(new Error('the client closed the connection before sending the whole body'));
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('close', onClose);
  });
}

/** Throws away what is left of a refused body, up to a bound; past it, the connection is cut. */
function discardRestOfBody(req: IncomingMessage): void {
  if (req.complete) return;
  const declared = Number(req.headers['content-length'] ?? Number.NaN);
  const bound = declared <= drainDeclaredUpToBytes ? declared : drainUndeclaredBytes;
  let discarded = 0;
  req.on('data', (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > bound) req.socket.destroy();
  });
  req.resume();
}

export type AstroHandler = (req: IncomingMessage, res: ServerResponse, next: () => void) => unknown;

export interface PortalServerOptions {
  /** The built static files: `dist/client`. */
  clientDir: string;
  /** Astro's request handler for the routes that are rendered on request. */
  astroHandler: AstroHandler;
  /** Called once per response with what may be logged: no query strings, no bodies. */
  log?: (line: string) => void;
  /** The public address and the hosts the portal answers to. */
  deployment: Deployment;
  /** True behind a reverse proxy (TRUST_PROXY=1): its X-Forwarded-Host is then checked too. */
  trustProxy?: boolean;
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
function chosenLanguage(
  req: IncomingMessage,
  urlPath: string,
  isOwnHost: (host: string) => boolean,
): Locale | undefined {
  const target = languageOf(urlPath);
  const referer = req.headers.referer;
  if (!target || !referer) return undefined;
  try {
    const from = new URL(referer);
    if (!isOwnHost(from.host)) return undefined;
    const previous = languageOf(from.pathname);
    return previous && previous !== target ? target : undefined;
  } catch {
    return undefined;
  }
}

export function createPortalServer(options: PortalServerOptions): Server {
  const clientDir = path.resolve(options.clientDir);
  const log = options.log ?? (() => undefined);
  const { deployment, trustProxy = false } = options;
  const isOwnHost = (host: string) => deployment.allowedHosts.has(normalizeHost(host, schemeOf(deployment)) ?? '');

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
    const chosen = extension === '.html' ? chosenLanguage(req, urlPath, isOwnHost) : undefined;
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

  /** Answers a refused request with a page in the visitor's language (JSON for the API), never reading further. */
  function refuse(req: IncomingMessage, res: ServerResponse, kind: RefusalKind, headers: Record<string, string> = {}) {
    const urlPath = req.url?.startsWith('/') ? (req.url.split('?')[0] ?? '/') : '/';
    const lang = languageOfRequest(req, urlPath);
    const status = refusalStatus[kind];
    const body = urlPath.startsWith('/api/')
      ? JSON.stringify({ error: refusalText(kind, 'en').text })
      : refusalPage(kind, lang, sameSiteReferer(req) ?? `/${lang}/`);
    res.writeHead(status, {
      'Content-Type': urlPath.startsWith('/api/') ? 'application/json; charset=utf-8' : 'text/html; charset=utf-8',
      'Cache-Control': 'no-store',
      'Content-Length': Buffer.byteLength(body),
      // The rest of a refused body is not read: the connection ends with this answer.
      ...(req.complete ? {} : { Connection: 'close' }),
      ...headers,
    });
    res.end(req.method === 'HEAD' ? undefined : body);
    discardRestOfBody(req);
  }

  /** The page the visitor came from, if it is one of the portal's own: the way back from a refusal. */
  function sameSiteReferer(req: IncomingMessage): string | undefined {
    const referer = req.headers.referer;
    if (!referer) return undefined;
    try {
      const from = new URL(referer);
      return isOwnHost(from.host) && languageOf(from.pathname) ? from.pathname : undefined;
    } catch {
      return undefined;
    }
  }

  function languageOfRequest(req: IncomingMessage, urlPath: string): Locale {
    return (
      languageOf(urlPath) ??
      negotiateLocale(readCookie(req.headers.cookie, languageCookie), req.headers['accept-language'])
    );
  }

  async function answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    for (const [name, value] of Object.entries(securityHeaders)) res.setHeader(name, value);
    const rawUrl = req.url ?? '/';
    res.on('finish', () => {
      log(
        `${req.method ?? '-'} ${loggablePath(rawUrl)} ${res.statusCode} ${Math.round(performance.now() - started)}ms`,
      );
    });
    if (!isAllowedMethod(req.method)) {
      refuse(req, res, 'method', { Allow: allowedMethods.join(', ') });
      return;
    }
    const forwardedHost = req.headers['x-forwarded-host'];
    const hostCheck = checkHost(
      {
        url: rawUrl,
        host: req.headers.host,
        forwardedHost: Array.isArray(forwardedHost) ? forwardedHost[0] : forwardedHost,
      },
      deployment,
      trustProxy,
    );
    if (!hostCheck.ok) {
      refuse(req, res, 'host');
      return;
    }
    // From here on, every part of the portal sees one address: the public one, in origin form.
    let urlPath = '/';
    try {
      const target = new URL(rawUrl, deployment.origin);
      req.url = `${target.pathname}${target.search}`;
      urlPath = decodeURIComponent(target.pathname);
    } catch {
      refuse(req, res, 'badAddress');
      return;
    }
    req.headers.host = new URL(deployment.origin).host;
    // Untrusted views of the host and scheme: nothing after this point may read them.
    delete req.headers['x-forwarded-host'];
    delete req.headers['x-forwarded-proto'];
    delete req.headers['x-forwarded-port'];
    delete req.headers.forwarded;
    try {
      if (urlPath.includes('\0')) {
        await notFound(req, res, '/');
        return;
      }
      if (await serveStatic(req, res, urlPath)) return;
      if (frameworkRoutes.test(urlPath)) {
        // Astro's own endpoints (image optimisation, server islands, actions): the portal uses none.
        await notFound(req, res, urlPath);
        return;
      }
      if (req.method === 'POST') {
        const accepted = await acceptBody(req, res, urlPath);
        if (!accepted) return;
      }
      // Pages rendered on request may carry personal data: no cache keeps them unless they say so.
      res.setHeader('Cache-Control', 'no-store');
      await options.astroHandler(req, res, () => {
        void notFound(req, res, urlPath).catch(() => res.destroy());
      });
    } catch (error) {
      log(
        `error while answering ${req.method ?? '-'} ${loggablePath(rawUrl)}: ${loggablePath(error instanceof Error ? error.message : String(error))}`,
      );
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Server error');
      else res.destroy();
    }
  }

  /**
   * Checks a POST before any route reads it: from the portal's own pages, a form a browser sends,
   * no larger than its route needs (counted as it streams in), with no more fields than a form of
   * the portal has. The body is then handed to Astro already read. False when it was refused.
   */
  async function acceptBody(req: IncomingMessage, res: ServerResponse, urlPath: string): Promise<boolean> {
    const limit = bodyLimitFor(urlPath);
    // Defence against cross-site requests for every content type, not only those a form can send.
    if (limit.accepts === 'form' && !allowedOrigins(deployment).has(req.headers.origin ?? '')) {
      refuse(req, res, 'forbidden');
      return false;
    }
    const tooLarge: RefusalKind = limit === bodyLimits.upload ? 'uploadTooLarge' : 'tooLarge';
    if (Number(req.headers['content-length'] ?? 0) > limit.bytes) {
      refuse(req, res, tooLarge);
      return false;
    }
    const body = await readBody(req, limit.bytes);
    if (body === 'too-large') {
      refuse(req, res, tooLarge);
      return false;
    }
    // An empty POST (the "stay signed in" button's) needs no type; any other body must be a form.
    if (limit.accepts === 'form' && body.length > 0) {
      const encoding = formEncodingOf(req.headers['content-type']);
      if (!encoding) {
        refuse(req, res, 'mediaType');
        return false;
      }
      if (limit.fields !== undefined && countFormFields(body, encoding) > limit.fields) {
        refuse(req, res, 'tooManyFields');
        return false;
      }
    }
    // The Node adapter takes a body already read from `req.body` instead of the stream.
    (req as IncomingMessage & { body?: Buffer }).body = body;
    return true;
  }

  return createServer((req, res) => {
    void answer(req, res);
  });
}
