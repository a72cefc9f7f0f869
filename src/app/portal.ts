/**
 * The built portal, started: the runtime (database, email, signing key) and the HTTP server in
 * front of Astro's handler. `npm run serve` starts it with the system clock; the browser tests of
 * the school start it with a clock they control (`tests/support/school-server.ts`).
 */
import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createPortalServer, type AstroHandler } from '../platform/http/server.ts';
import type { PortalConfig } from './config.ts';
import { startRuntime, type PortalRuntime } from './runtime.ts';

export const distDir = path.resolve('dist');

export function isBuilt(): boolean {
  return existsSync(path.join(distDir, 'server', 'entry.mjs'));
}

export async function startPortal(
  config: PortalConfig,
  options: { clock?: () => Date; log?: (line: string) => void } = {},
): Promise<{ server: Server; runtime: PortalRuntime }> {
  const log = options.log ?? console.log;
  const runtime = await startRuntime(config, log, options.clock ? { clock: options.clock } : {});
  const entry = pathToFileURL(path.join(distDir, 'server', 'entry.mjs')).href;
  const { handler } = (await import(entry)) as { handler: AstroHandler };
  const server = createPortalServer({
    clientDir: path.join(distDir, 'client'),
    astroHandler: handler,
    deployment: config.deployment,
    trustProxy: config.trustProxy,
    log,
  });
  await new Promise<void>((resolve) => server.listen(config.port, config.host, resolve));
  return { server, runtime };
}
