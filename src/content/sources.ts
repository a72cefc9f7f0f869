/**
 * The two content sources behind one interface: both return the raw documents, which then go
 * through the same checks and the same zod schemas, so the same documents make the same pages.
 */
import path from 'node:path';
import { locales } from '../i18n/locales.ts';
import type { RawDocument } from './check.ts';
import { readContentDir } from './files.ts';
import { sanityClientFor } from './sanity/client.ts';
import { fromSanityDocument } from './sanity/convert.ts';
import type { ContentDocumentsQueryResult } from './sanity/sanity.types.ts';
import { sanityTypes } from './sanity/mapping.ts';
import { contentDocumentsQuery } from './sanity/queries.ts';
import type { ContentSourceConfig } from './source-config.ts';

/** Every document of the configured source, as raw documents with their file paths. */
export async function loadRawDocuments(config: ContentSourceConfig, root = process.cwd()): Promise<RawDocument[]> {
  if (config.kind === 'local') return readContentDir(path.resolve(root, config.dir));
  const client = sanityClientFor(config);
  // The result type is generated from the query and the Studio schema (sanity.types.ts).
  let documents: ContentDocumentsQueryResult;
  try {
    documents = await client.fetch(
      contentDocumentsQuery,
      { types: sanityTypes, languages: [...locales] },
      { perspective: config.token ? 'drafts' : 'published' },
    );
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Could not read the Content Lake (project ${config.projectId}, dataset ${config.dataset}): ${reason}. Check SANITY_PROJECT_ID, SANITY_DATASET and SANITY_READ_TOKEN.`, { cause: error });
  }
  return documents.map(fromSanityDocument).filter((document): document is RawDocument => document !== undefined);
}

/** A readable name of the source, for logs. */
export function describeSource(config: ContentSourceConfig): string {
  return config.kind === 'local' ? `local files in ${config.dir}/` : `Sanity project ${config.projectId}, dataset ${config.dataset}`;
}
