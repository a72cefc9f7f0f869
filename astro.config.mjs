// @ts-check
import { defineConfig, envField } from 'astro/config';
import node from '@astrojs/node';
import react from '@astrojs/react';
import { contentCheck } from './src/build/content-check-integration.ts';

/**
 * The public address of the portal, used for canonical and hreflang links. A development default
 * (the address `npm start` serves at) keeps it working with no settings; a deployment sets
 * SITE_URL, the same at build time and when serving (src/app/config.ts).
 */
const site = process.env.SITE_URL || 'http://127.0.0.1:4321';

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
  // The Node adapter in middleware mode: src/platform/http/server.ts serves the prerendered files itself
  // (precompressed, with security headers) and hands the rest to Astro.
  // The server reads each body itself, with a limit per route (src/platform/http/request-gate.ts); this is
  // a second lock for any body that would reach Astro unread.
  adapter: node({ mode: 'middleware', bodySizeLimit: 11 * 1024 * 1024 }),
  security: {
    // The server checks the Origin of every POST against the configured public address before
    // Astro runs (src/platform/http/request-gate.ts), for every content type. Astro's own check compares
    // with the request's scheme, which is http behind a TLS proxy, and would refuse every form.
    checkOrigin: false,
  },
  integrations: [contentCheck(), react()],
  env: {
    schema: {
      SITE_URL: envField.string({ context: 'server', access: 'public', optional: true, url: true }),
    },
  },
  devToolbar: { enabled: false },
  vite: {
    // Every script an external file, never inlined into the page: the CSP allows no inline script.
    build: { assetsInlineLimit: 0 },
  },
});
