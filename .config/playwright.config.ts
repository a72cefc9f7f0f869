import path from 'node:path';
import { defineConfig, devices } from '@playwright/test';
import { chromiumArgs, chromiumPath } from '../src/cli/browser-path.ts';

const root = path.dirname(import.meta.dirname);
const port = Number(process.env['E2E_PORT'] ?? 4329);
export const hookPort = port + 20;
export const publishingSecret = 'e2e-publishing-webhook-secret';

export default defineConfig({
  testDir: path.join(root, 'tests/e2e'),
  outputDir: path.join(root, 'test-results'),
  forbidOnly: !!process.env['CI'],
  fullyParallel: true,
  workers: 2,
  retries: 0,
  reporter: process.env['CI'] ? [['list']] : [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    launchOptions: {
      executablePath: chromiumPath(),
      args: chromiumArgs,
    },
  },
  projects: [{ name: 'chromium', use: { ...devices['Pixel 7'], browserName: 'chromium' } }],
  webServer: {
    command: 'node src/cli/serve.ts',
    cwd: root,
    url: `http://127.0.0.1:${port}/kk/`,
    env: {
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: ':memory:',
      // Each test is a visitor from its own network address, as behind the production proxy.
      TRUST_PROXY: '1',
      // Sign-in emails reach the development mailbox within a fraction of a second.
      OUTBOX_INTERVAL_MS: '200',
      // The publishing webhook, wired to a deploy hook that tests/e2e/publishing.spec.ts receives.
      SANITY_WEBHOOK_SECRET: publishingSecret,
      PUBLISH_HOOK_URL: `http://127.0.0.1:${hookPort}/deploy`,
    },
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
