import { defineCliConfig } from 'sanity/cli';
import { dataset, projectId } from './env.ts';

export default defineCliConfig({
  api: { projectId, dataset },
  // The Studio is served by whoever hosts it; no Sanity-hosted deployment is assumed.
  deployment: { autoUpdates: false },
  // Query result types for the site: `npm run studio:types` writes them next to the queries.
  typegen: {
    path: '../src/content/sanity/queries.ts',
    schema: 'schema.json',
    generates: '../src/content/sanity/sanity.types.ts',
  },
});
