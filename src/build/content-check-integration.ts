/**
 * Stops `astro dev` and `astro build` when the content breaks a rule, listing every problem with
 * its file and field, before Astro renders a single page; and stops them when the content source
 * is misconfigured, naming the setting.
 */
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { checkContent, formatProblems } from '../content/check.ts';
import { describeSource, loadRawDocuments } from '../content/sources.ts';
import { readContentSourceConfig } from '../content/source-config.ts';

export function contentCheck(env: Record<string, string | undefined> = process.env): AstroIntegration {
  return {
    name: 'alaqan:content-check',
    hooks: {
      'astro:config:setup': async ({ config, logger }) => {
        const source = readContentSourceConfig(env);
        const { problems, documents } = checkContent(await loadRawDocuments(source, fileURLToPath(config.root)));
        if (problems.length > 0) {
          throw new Error(
            `The content has ${problems.length} problem(s); correct them and build again:\n${formatProblems(problems)}`,
          );
        }
        logger.info(`${documents.length} content documents checked, from ${describeSource(source)}`);
      },
    },
  };
}
