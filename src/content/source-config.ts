/**
 * Where the content comes from. Without Sanity settings, `content/`; with SANITY_PROJECT_ID and
 * SANITY_DATASET, the Content Lake. Half a configuration stops the build with the missing
 * setting named: there is no silent fallback from one source to the other.
 */
import { z } from 'zod';

export const sanityApiVersion = '2025-02-19';

export type ContentSourceConfig =
  | { kind: 'local'; dir: string }
  | { kind: 'sanity'; projectId: string; dataset: string; token?: string; apiHost?: string };

const sanityEnv = z.object({
  SANITY_PROJECT_ID: z
    .string()
    .regex(/^[a-z0-9-]+$/, 'SANITY_PROJECT_ID must be the project id from sanity.io/manage: lower-case letters, digits and hyphens'),
  SANITY_DATASET: z
    .string()
    .regex(/^[a-z0-9][a-z0-9_-]*$/, 'SANITY_DATASET must be a dataset name: lower-case letters, digits, "_" and "-"'),
  SANITY_READ_TOKEN: z.string().min(1).optional(),
  SANITY_API_HOST: z.url({ message: 'SANITY_API_HOST must be a full address, for example https://api.sanity.io' }).optional(),
});

/** Reads the content source from the environment; throws with the setting named when it is wrong. */
export function readContentSourceConfig(env: Record<string, string | undefined>, localDir = 'content'): ContentSourceConfig {
  const projectId = env['SANITY_PROJECT_ID'] || undefined;
  const dataset = env['SANITY_DATASET'] || undefined;
  if (!projectId && !dataset) return { kind: 'local', dir: localDir };
  if (!projectId) throw new Error('SANITY_DATASET is set but SANITY_PROJECT_ID is not: set both to read the Content Lake, or neither to read content/.');
  if (!dataset) throw new Error('SANITY_PROJECT_ID is set but SANITY_DATASET is not: set both to read the Content Lake, or neither to read content/.');
  const parsed = sanityEnv.safeParse({
    SANITY_PROJECT_ID: projectId,
    SANITY_DATASET: dataset,
    SANITY_READ_TOKEN: env['SANITY_READ_TOKEN'] || undefined,
    SANITY_API_HOST: env['SANITY_API_HOST'] || undefined,
  });
  if (!parsed.success) throw new Error(parsed.error.issues.map((issue) => issue.message).join('; '));
  const { SANITY_READ_TOKEN: token, SANITY_API_HOST: apiHost } = parsed.data;
  return {
    kind: 'sanity',
    projectId: parsed.data.SANITY_PROJECT_ID,
    dataset: parsed.data.SANITY_DATASET,
    ...(token ? { token } : {}),
    ...(apiHost ? { apiHost } : {}),
  };
}
