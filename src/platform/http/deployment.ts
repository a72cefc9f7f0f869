/**
 * Where the portal is published and whether this is a development run, read once at start. Every
 * absolute address the portal writes (links in emails, canonical links, certificates) is built
 * from the configured public address, never from a request: a forged `Host` must not be able to
 * send a sign-in link to someone else's site. A production start without SITE_URL stops, naming
 * it; a development run (chosen explicitly with NODE_ENV=development) defaults to this machine.
 */
import { z } from 'zod';

export interface Deployment {
  /** True only when NODE_ENV=development was chosen: the development mailbox, plain-HTTP cookies. */
  development: boolean;
  /** The public origin, such as `https://alaqan.example.kz`: no path, no trailing slash. */
  origin: string;
  /** The hosts (`name` or `name:port`, lower case) requests may be addressed to. */
  allowedHosts: ReadonlySet<string>;
}

const loopbackNames = new Set(['localhost', '127.0.0.1', '[::1]']);

function isLoopback(hostname: string): boolean {
  return loopbackNames.has(hostname) || /^127(\.\d{1,3}){3}$/.test(hostname);
}

/** A host as a browser sends it: a name or an IP literal, and a port if it is not the scheme's default. */
const hostPattern =
  /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/;

/**
 * A `Host` value in one spelling: lower case, without the scheme's default port. Undefined when it
 * is not a host at all (user info, paths, spaces), so it can never equal an allowed host.
 */
export function normalizeHost(raw: string | undefined, scheme: 'http' | 'https'): string | undefined {
  if (raw === undefined) return undefined;
  const host = raw
    .trim()
    .toLowerCase()
    .replace(/\.(?=(:\d+)?$)/, '');
  if (!hostPattern.test(host)) return undefined;
  const defaultPort = scheme === 'https' ? ':443' : ':80';
  return host.endsWith(defaultPort) ? host.slice(0, -defaultPort.length) : host;
}

const siteUrlSchema = z
  .url({ message: 'SITE_URL must be a full address such as https://alaqan.example.kz' })
  .transform((value) => new URL(value))
  .refine((url) => url.protocol === 'https:' || url.protocol === 'http:', 'SITE_URL must start with https://')
  .refine(
    (url) => url.protocol === 'https:' || isLoopback(url.hostname),
    'SITE_URL must be https:// (plain http is only for this machine: localhost or 127.0.0.1)',
  )
  .refine(
    (url) => (url.pathname === '/' || url.pathname === '') && !url.search && !url.hash && !url.username,
    'SITE_URL must be an origin only, with no path, query or user name (such as https://alaqan.example.kz)',
  );

/**
 * The deployment settings from the environment. Throws with the variable named when SITE_URL is
 * missing outside development, or when SITE_URL or ALLOWED_HOSTS is not what it must be.
 */
export function readDeployment(env: NodeJS.ProcessEnv = process.env): Deployment {
  const development = env['NODE_ENV'] === 'development';
  const port = env['PORT'] || '4321';
  const rawSite = env['SITE_URL'] || (development ? `http://127.0.0.1:${port}` : undefined);
  if (!rawSite) {
    throw new Error(
      "Set SITE_URL to the portal's public address (such as https://alaqan.example.kz): links in emails are built from it. For a development run on this machine, set NODE_ENV=development instead.",
    );
  }
  const parsed = siteUrlSchema.safeParse(rawSite);
  if (!parsed.success) throw new Error(parsed.error.issues.map((issue) => issue.message).join('; '));
  const site = parsed.data;
  const scheme = site.protocol === 'https:' ? 'https' : 'http';
  const allowedHosts = new Set<string>();
  const siteHost = normalizeHost(site.host, scheme);
  if (siteHost) allowedHosts.add(siteHost);
  for (const entry of (env['ALLOWED_HOSTS'] ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)) {
    const host = normalizeHost(entry, scheme);
    if (!host)
      throw new Error(
        `ALLOWED_HOSTS: "${entry}" is not a host name (write names such as www.alaqan.example.kz, separated by commas)`,
      );
    allowedHosts.add(host);
  }
  if (development) {
    // The same machine under its other names, so a developer may open whichever they like.
    for (const name of loopbackNames) allowedHosts.add(`${name}:${port}`);
  }
  return { development, origin: site.origin, allowedHosts };
}

/** The scheme of the public address, which decides a host's default port. */
export function schemeOf(deployment: Pick<Deployment, 'origin'>): 'http' | 'https' {
  return deployment.origin.startsWith('https:') ? 'https' : 'http';
}

/** The absolute address of a path of the portal, on its public origin. */
export function publicUrl(deployment: Pick<Deployment, 'origin'>, pathAndQuery: string): string {
  if (!pathAndQuery.startsWith('/') || pathAndQuery.startsWith('//')) {
    throw new Error(`publicUrl takes a path of the portal, not "${pathAndQuery}"`);
  }
  return `${deployment.origin}${pathAndQuery}`;
}
