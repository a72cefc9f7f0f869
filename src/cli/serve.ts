/** `npm run serve`: serves the built portal (`npm run build` first). */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createPortalServer, type AstroHandler } from '../server/http.ts';
import { readPublishingEnv, readServerEnv } from '../server/env.ts';
import { readDeployment } from '../server/deployment.ts';
import { startRuntime } from '../server/runtime.ts';

const dist = path.resolve('dist');
const entry = path.join(dist, 'server', 'entry.mjs');
if (!existsSync(entry)) {
  console.error('The portal is not built yet: run `npm run build` first (or `npm start`, which builds and serves).');
  process.exit(1);
}
let settings;
try {
  // Every setting is checked now, at start, rather than at the first request that needs it.
  settings = { env: readServerEnv(), deployment: readDeployment(), publishing: readPublishingEnv() };
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
const { env, deployment, publishing } = settings;
const runtime = await startRuntime().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
const { handler } = (await import(pathToFileURL(entry).href)) as { handler: AstroHandler };
const server = createPortalServer({
  clientDir: path.join(dist, 'client'),
  astroHandler: handler,
  deployment,
  trustProxy: process.env['TRUST_PROXY'] === '1',
  log: (line) => {
    console.log(line);
  },
});
server.listen(env.PORT, env.HOST, () => {
  if (deployment.development) console.log('Development run (NODE_ENV=development): emails go to /dev/mailbox/');
  if (publishing.SANITY_WEBHOOK_SECRET) console.log('The publishing webhook is on at /api/sanity/publish/');
  console.log(`Alaqan is serving on http://${env.HOST === '0.0.0.0' ? 'localhost' : env.HOST}:${env.PORT}/`);
  console.log(`Public address: ${deployment.origin}/`);
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () =>
    server.close(() => {
      void runtime.stop().finally(() => process.exit(0));
    }),
  );
}
