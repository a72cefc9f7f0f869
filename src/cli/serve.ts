/** `npm run serve`: serves the built portal (`npm run build` first). */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { readConfig, type PortalConfig } from '../app/config.ts';
import { startRuntime } from '../app/runtime.ts';
import { createPortalServer, type AstroHandler } from '../platform/http/server.ts';

const dist = path.resolve('dist');
const entry = path.join(dist, 'server', 'entry.mjs');
if (!existsSync(entry)) {
  console.error('The portal is not built yet: run `npm run build` first (or `npm start`, which builds and serves).');
  process.exit(1);
}
let config: PortalConfig;
try {
  // Every setting is checked now, at start, rather than at the first request that needs it.
  config = readConfig();
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
const runtime = await startRuntime(config).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
const { handler } = (await import(pathToFileURL(entry).href)) as { handler: AstroHandler };
const server = createPortalServer({
  clientDir: path.join(dist, 'client'),
  astroHandler: handler,
  deployment: config.deployment,
  trustProxy: config.trustProxy,
  log: (line) => {
    console.log(line);
  },
});
server.listen(config.port, config.host, () => {
  if (config.deployment.development) console.log('Development run (NODE_ENV=development): emails go to /dev/mailbox/');
  if (config.publishing) console.log('The publishing webhook is on at /api/sanity/publish/');
  console.log(
    `Alaqan is serving on http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${String(config.port)}/`,
  );
  console.log(`Public address: ${config.deployment.origin}/`);
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () =>
    server.close(() => {
      void runtime.stop().finally(() => process.exit(0));
    }),
  );
}
