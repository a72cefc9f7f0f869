import { generateKeyPairSync } from 'node:crypto';
import path from 'node:path';
import { defineConfig, devices } from '@playwright/test';
import { chromiumArgs, chromiumPath } from '../src/cli/browser-path.ts';

const root = path.dirname(import.meta.dirname);
const port = Number(process.env['E2E_PORT'] ?? 4329);
export const hookPort = port + 20;
/** The mail service the portal sends through in the browser tests (tests/support/mail-service.ts). */
export const mailPort = port + 21;
export const publishingSecret = 'e2e-publishing-webhook-secret';
/** The school's portal: run with a clock the tests move, and its control port (tests/support/school-server.ts). */
export const schoolPort = port + 22;
export const schoolControlPort = port + 23;
/** The desk's portal, on localhost (a passkey's relying party cannot be an IP address), and its control port. */
export const deskPort = port + 24;
export const deskControlPort = port + 25;
/** A signing key made for this run: a production start needs one. */
const signingKey = JSON.stringify(generateKeyPairSync('ed25519').privateKey.export({ format: 'jwk' }));
/** How both portals run: as in production, with email through the mail service's stand-in. */
const productionEnv = (portalPort: number, host = '127.0.0.1') => ({
  NODE_ENV: 'production',
  SITE_URL: `http://${host}:${portalPort}`,
  RESEND_API_KEY: 're_e2e_stand_in',
  RESEND_BASE_URL: `http://127.0.0.1:${mailPort}`,
  EMAIL_FROM: 'Alaqan <noreply@alaqan.test>',
  PORT: String(portalPort),
  HOST: '127.0.0.1',
  DATA_DIR: ':memory:',
  // Each test is a visitor from its own network address, as behind the production proxy.
  TRUST_PROXY: '1',
  // Sign-in emails reach the mail service within a fraction of a second.
  OUTBOX_INTERVAL_MS: '200',
  SCHOOL_SIGNING_KEY: signingKey,
});

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
  webServer: [
    {
      command: 'node tests/support/mail-service.ts',
      cwd: root,
      url: `http://127.0.0.1:${mailPort}/emails`,
      env: { MAIL_PORT: String(mailPort) },
      reuseExistingServer: false,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      // Run as in production: the public address set, email through Resend's API (the stand-in),
      // `__Host-` Secure cookies (Chromium keeps them on http://127.0.0.1, a secure context).
      command: 'node src/cli/serve.ts',
      cwd: root,
      url: `http://127.0.0.1:${port}/kk/`,
      env: {
        ...productionEnv(port),
        // The publishing webhook, wired to a deploy hook that tests/e2e/publishing.spec.ts receives.
        SANITY_WEBHOOK_SECRET: publishingSecret,
        PUBLISH_HOOK_URL: `http://127.0.0.1:${hookPort}/deploy`,
      },
      reuseExistingServer: false,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      // The same portal, for the school's journeys, with a clock the tests move forward.
      command: 'node tests/support/school-server.ts',
      cwd: root,
      url: `http://127.0.0.1:${schoolPort}/kk/`,
      env: { ...productionEnv(schoolPort), SCHOOL_CONTROL_PORT: String(schoolControlPort) },
      reuseExistingServer: false,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      // The same portal for the desk's journeys, on localhost, with a clock and seeds of its own.
      command: 'node tests/support/desk-server.ts',
      cwd: root,
      url: `http://localhost:${deskPort}/kk/`,
      env: { ...productionEnv(deskPort, 'localhost'), DESK_CONTROL_PORT: String(deskControlPort) },
      reuseExistingServer: false,
      stdout: 'ignore',
      stderr: 'pipe',
    },
  ],
});
