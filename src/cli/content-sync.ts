/**
 * `npm run content:push [-- --dry-run]` writes `content/` into the configured Sanity dataset;
 * `npm run content:pull [-- --prune]` writes the dataset back into `content/`.
 * Needs SANITY_PROJECT_ID, SANITY_DATASET and SANITY_WRITE_TOKEN (push) or a read token (pull, optional).
 */
import path from 'node:path';
import { sanityClientFor } from '../content/sanity/client.ts';
import { pull, push } from '../content/sanity/sync.ts';
import { readContentSourceConfig } from '../content/source-config.ts';

const [command, ...flags] = process.argv.slice(2);
const log = (line: string) => {
  console.log(line);
};

try {
  const config = readContentSourceConfig(process.env);
  if (config.kind !== 'sanity') {
    throw new Error('Set SANITY_PROJECT_ID and SANITY_DATASET to the dataset to push to or pull from.');
  }
  const contentDir = path.resolve('content');
  if (command === 'push') {
    const token = process.env['SANITY_WRITE_TOKEN'];
    if (!token && !flags.includes('--dry-run'))
      throw new Error('Set SANITY_WRITE_TOKEN to a token with write access to push (or use --dry-run).');
    await push({
      client: sanityClientFor(config, token ?? config.token),
      contentDir,
      dryRun: flags.includes('--dry-run'),
      log,
    });
  } else if (command === 'pull') {
    await pull({ client: sanityClientFor(config), contentDir, prune: flags.includes('--prune'), log });
  } else {
    throw new Error('Use: content-sync.ts push [--dry-run] | pull [--prune]');
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
