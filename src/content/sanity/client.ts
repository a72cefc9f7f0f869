/** A Sanity client for the configured project. Tests point it at a local stand-in with SANITY_API_HOST. */
import { createClient, type SanityClient } from '@sanity/client';
import { sanityApiVersion, type ContentSourceConfig } from '../source-config.ts';

export function sanityClientFor(config: Extract<ContentSourceConfig, { kind: 'sanity' }>, token = config.token): SanityClient {
  return createClient({
    projectId: config.projectId,
    dataset: config.dataset,
    apiVersion: sanityApiVersion,
    useCdn: false,
    ...(token ? { token } : {}),
    // A custom host (a proxy, or the tests' stand-in) is addressed without the project subdomain.
    // eslint-disable-next-line @typescript-eslint/no-deprecated -- no other option does this in @sanity/client 8
    ...(config.apiHost ? { apiHost: config.apiHost, useProjectHostname: false } : {}),
  });
}
