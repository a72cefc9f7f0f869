/** Astro looks for the middleware here; the pipeline itself is the app's (`src/app/middleware.ts`). */
export { onRequest } from './app/middleware.ts';
