import { defineCliConfig } from 'sanity/cli';
import { dataset, projectId } from './env.ts';

export default defineCliConfig({
  api: { projectId, dataset },
  // The Studio is served by whoever hosts it; no Sanity-hosted deployment is assumed.
  deployment: { autoUpdates: false },
});
