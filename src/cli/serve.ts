/** `npm run serve`: serves the built portal (`npm run build` first). */
import { readConfig, type PortalConfig } from '../app/config.ts';
import { isBuilt, startPortal } from '../app/portal.ts';

if (!isBuilt()) {
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
const { server, runtime } = await startPortal(config).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
if (config.deployment.development) console.log('Development run (NODE_ENV=development): emails go to /dev/mailbox/');
if (config.publishing) console.log('The publishing webhook is on at /api/sanity/publish/');
console.log(
  `Alaqan is serving on http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${String(config.port)}/`,
);
console.log(`Public address: ${config.deployment.origin}/`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () =>
    server.close(() => {
      void runtime.stop().finally(() => process.exit(0));
    }),
  );
}
