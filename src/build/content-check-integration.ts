/**
 * Stops `astro dev` and `astro build` when `content/` breaks a rule, listing every problem with
 * its file and field, before Astro renders a single page.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { checkContent, formatProblems } from '../content/check.ts';
import { readContentDir } from '../content/files.ts';

export function contentCheck(): AstroIntegration {
  return {
    name: 'alaqan:content-check',
    hooks: {
      'astro:config:setup': async ({ config, logger }) => {
        const contentDir = path.join(fileURLToPath(config.root), 'content');
        const { problems, documents } = checkContent(await readContentDir(contentDir));
        if (problems.length > 0) {
          throw new Error(
            `The content has ${problems.length} problem(s); correct them and build again:\n${formatProblems(problems)}`,
          );
        }
        logger.info(`${documents.length} content documents checked`);
      },
    },
  };
}
