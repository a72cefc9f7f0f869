/**
 * What a request must be before any route sees it: a method the portal answers, addressed to one
 * of the portal's own hosts, from the portal's own pages when it changes something, and no larger
 * than the route it goes to can need. Pure: `http.ts` applies these decisions to the socket.
 */
import { normalizeHost, schemeOf, type Deployment } from './deployment.ts';

/** The methods the portal answers; any other (TRACE, PUT, OPTIONS…) gets 405 with this list. */
export const allowedMethods = ['GET', 'HEAD', 'POST'] as const;

export function isAllowedMethod(method: string | undefined): boolean {
  return (allowedMethods as readonly string[]).includes(method ?? '');
}

/** The publishing webhook: called by Sanity's servers, signed, not a browser form. */
export const webhookPath = '/api/sanity/publish/';

/**
 * How much a route may receive, counted as the body streams in (whatever Content-Length says), and
 * how many form fields or multipart parts it may hold. The portal's forms have at most a few dozen
 * fields; a document upload is one file of at most 10 MB with its kind.
 */
export interface BodyLimit {
  bytes: number;
  /** Form fields (urlencoded) or parts (multipart); undefined for bodies that are not forms. */
  fields: number | undefined;
  /** What the body may be. */
  accepts: 'form' | 'any';
}

const kilobyte = 1024;
const megabyte = 1024 * kilobyte;

export const bodyLimits = {
  /** Every form of the portal: the largest, the household, has under 40 fields and a few KB of text. */
  form: { bytes: 32 * kilobyte, fields: 100, accepts: 'form' },
  /** A document upload: one file of at most 10 MB (refused by size in the page), its kind and the form's framing. */
  upload: { bytes: 10 * megabyte + 64 * kilobyte, fields: 10, accepts: 'form' },
  /** Sanity's webhook sends a small JSON document. */
  webhook: { bytes: 256 * kilobyte, fields: undefined, accepts: 'any' },
} as const satisfies Record<string, BodyLimit>;

const uploadRoutes = [
  /^\/[a-z]{2}\/apply\/documents\/$/,
  /^\/[a-z]{2}\/account\/[^/]+\/documents\/$/,
  // A certificate shown for verification: its PDF or credential file.
  /^\/[a-z]{2}\/verify\/$/,
];

/** The limit of the route at this (decoded) path. */
export function bodyLimitFor(pathname: string): BodyLimit {
  if (pathname === webhookPath) return bodyLimits.webhook;
  if (uploadRoutes.some((route) => route.test(pathname))) return bodyLimits.upload;
  return bodyLimits.form;
}

export type FormEncoding = 'urlencoded' | { multipartBoundary: string };

/** The form encoding a Content-Type names, or undefined when it is not a form a browser sends. */
export function formEncodingOf(contentType: string | undefined): FormEncoding | undefined {
  const [type, ...parameters] = (contentType ?? '').split(';').map((part) => part.trim());
  const mediaType = type?.toLowerCase();
  if (mediaType === 'application/x-www-form-urlencoded') return 'urlencoded';
  if (mediaType !== 'multipart/form-data') return undefined;
  for (const parameter of parameters) {
    const separator = parameter.indexOf('=');
    if (parameter.slice(0, separator).trim().toLowerCase() !== 'boundary') continue;
    const boundary = parameter
      .slice(separator + 1)
      .trim()
      .replace(/^"(.*)"$/, '$1');
    // RFC 2046: 1 to 70 characters.
    if (boundary.length >= 1 && boundary.length <= 70) return { multipartBoundary: boundary };
  }
  return undefined;
}

/**
 * How many fields (urlencoded) or parts (multipart) a body holds, counted in one pass over its
 * bytes without parsing it, so an oversized form is refused in linear time before any parser runs.
 */
export function countFormFields(body: Uint8Array, encoding: FormEncoding): number {
  const buffer = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  if (encoding === 'urlencoded') {
    if (buffer.length === 0) return 0;
    let fields = 1;
    for (let index = buffer.indexOf(0x26); index !== -1; index = buffer.indexOf(0x26, index + 1)) fields += 1;
    return fields;
  }
  const delimiter = Buffer.from(`--${encoding.multipartBoundary}`);
  let delimiters = 0;
  for (let index = buffer.indexOf(delimiter); index !== -1; index = buffer.indexOf(delimiter, index + delimiter.length))
    delimiters += 1;
  // n parts are framed by n opening delimiters and one closing one.
  return Math.max(0, delimiters - 1);
}

export type HostCheck = { ok: true } | { ok: false; reason: string };

/**
 * Whether a request is addressed to the portal, by every way a host reaches the code: the `Host`
 * header, an absolute address in the request line (which takes precedence over `Host` in HTTP/1.1),
 * and, behind a trusted proxy, `X-Forwarded-Host`. Without a trusted proxy `X-Forwarded-Host` is
 * anyone's to write, so the server drops it instead of reading it (see `http.ts`).
 */
export function checkHost(
  request: { url: string; host: string | undefined; forwardedHost: string | undefined },
  deployment: Pick<Deployment, 'allowedHosts' | 'origin'>,
  trustProxy: boolean,
): HostCheck {
  const scheme = schemeOf(deployment);
  const allowed = (raw: string | undefined) => {
    const host = normalizeHost(raw, scheme);
    return host !== undefined && deployment.allowedHosts.has(host);
  };
  if (!allowed(request.host)) return { ok: false, reason: 'host' };
  if (!request.url.startsWith('/')) {
    let target: URL;
    try {
      target = new URL(request.url);
    } catch {
      return { ok: false, reason: 'request-line' };
    }
    if (!allowed(target.host)) return { ok: false, reason: 'request-line' };
  }
  if (trustProxy && request.forwardedHost !== undefined) {
    // A proxy that passes on a list: the first entry is the host the client asked for.
    if (!allowed(request.forwardedHost.split(',')[0])) return { ok: false, reason: 'forwarded-host' };
  }
  return { ok: true };
}

/** The origins whose pages may post to the portal: its own, under each of its hosts. */
export function allowedOrigins(deployment: Pick<Deployment, 'allowedHosts' | 'origin'>): Set<string> {
  const scheme = schemeOf(deployment);
  return new Set([deployment.origin, ...[...deployment.allowedHosts].map((host) => `${scheme}://${host}`)]);
}

/**
 * The path as it may be written to a log: as it was sent (still percent-encoded), with anything
 * outside printable ASCII escaped, so a request cannot forge a log line or write control bytes.
 */
export function loggablePath(rawUrl: string): string {
  const withoutQuery = rawUrl.split('?')[0] ?? '';
  const escaped = withoutQuery.replace(/[^\x21-\x7e]/gu, (character) =>
    [...Buffer.from(character)].map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`).join(''),
  );
  return escaped.length > 300 ? `${escaped.slice(0, 300)}…` : escaped;
}
