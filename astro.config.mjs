// @ts-check
import { defineConfig, envField } from 'astro/config';
import node from '@astrojs/node';
import { contentCheck } from './src/build/content-check-integration.ts';

/**
 * The public address of the portal, used for canonical and hreflang links. A development default
 * keeps `npm start` working with no settings; a deployment sets SITE_URL.
 */
const site = process.env.SITE_URL ?? 'http://localhost:4321';

export default defineConfig({
  site,
  // Tests build the same site from two content sources side by side.
  outDir: process.env.ALAQAN_OUT_DIR ?? './dist',
  trailingSlash: 'always',
  build: {
    format: 'directory',
    // One cached stylesheet for every page, and a CSP that needs no inline styles.
    inlineStylesheets: 'never',
  },
  // The Node adapter in middleware mode: src/server/http.ts serves the prerendered files itself
  // (precompressed, with security headers) and hands the rest to Astro.
  adapter: node({ mode: 'middleware' }),
  integrations: [contentCheck()],
  env: {
    schema: {
      SITE_URL: envField.string({ context: 'server', access: 'public', optional: true, url: true }),
    },
  },
  devToolbar: { enabled: false },
});
