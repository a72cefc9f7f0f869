/**
 * Nothing acknowledged is lost: an application whose confirmation was shown survives the server
 * being killed (SIGKILL) straight after, with the data on disk in PGlite.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import { expect, request as playwrightRequest, test, type APIRequestContext } from '@playwright/test';

const port = Number(process.env['E2E_PORT'] ?? 4329) + 10;
const base = `http://127.0.0.1:${port}`;

async function startServer(dataDir: string): Promise<ChildProcess> {
  const server = spawn(process.execPath, ['src/cli/serve.ts'], {
    // A development run (the mailbox is where this test reads the code), on its own public address.
    env: {
      ...process.env,
      NODE_ENV: 'development',
      SITE_URL: base,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      OUTBOX_INTERVAL_MS: '100',
    },
    stdio: 'ignore',
  });
  try {
    // Opening PGlite on disk and migrating it takes a while on a machine busy with two browsers.
    await expect(async () => {
      expect((await fetch(`${base}/en/`)).status).toBe(200);
    }).toPass({ timeout: 60_000 });
  } catch (error) {
    // A server that did not come up must not outlive the test and hold the port.
    server.kill('SIGKILL');
    throw error;
  }
  return server;
}

async function signIn(api: APIRequestContext, email: string) {
  expect(
    (await api.post('/en/sign-in/', { form: { email }, headers: { Origin: base }, maxRedirects: 0 })).status(),
  ).toBe(303);
  let code = '';
  await expect(async () => {
    const html = await (await api.get('/dev/mailbox/')).text();
    const article = html.split('<article').find((part) => part.includes(`data-recipient="${email}"`));
    code = /\b(\d{6})\b/.exec(article ?? '')?.[1] ?? '';
    expect(code).not.toBe('');
  }).toPass({ timeout: 10_000 });
  expect(
    (await api.post('/en/sign-in/code/', { form: { code }, headers: { Origin: base }, maxRedirects: 0 })).status(),
  ).toBe(303);
}

test('an application whose confirmation was shown survives a SIGKILL of the server', async () => {
  test.setTimeout(240_000);
  await mkdir(path.resolve('node_modules/.cache'), { recursive: true });
  const dataDir = await mkdtemp(path.resolve('node_modules/.cache/alaqan-crash-'));
  let server = await startServer(dataDir);
  try {
    const email = `crash-${Date.now()}@example.kz`;
    let api = await playwrightRequest.newContext({ baseURL: base });
    await signIn(api, email);
    const steps: [string, Record<string, string>][] = [
      ['form', { form: 'patronage' }],
      [
        'applicant',
        {
          fullName: 'Dana Serik',
          iin: '900515400502',
          birthDate: '1990-05-15',
          sex: 'female',
          citizenship: 'kz',
          maritalStatus: 'single',
          phone: '+77015556677',
          email,
        },
      ],
      ['address', { district: 'shu', settlement: 'Tole bi', street: 'Abai street, 3' }],
      ['household', {}],
      ['housing', { tenure: 'rent', rooms: '2' }],
      ['income', { employment: 'employed', monthlyIncome: '250000' }],
      ['health', { listedDisease: 'no', dispensary: 'no' }],
      ['criminalRecord', { record: 'none' }],
      ['child', { ageFrom: '5', ageTo: '12', siblings: 'yes', health: 'any' }],
      ['documents', { intent: 'continue' }],
      ['consent', { consent: 'yes' }],
    ];
    expect((await api.get('/en/apply/tasks/', { maxRedirects: 0 })).status()).toBe(200);
    for (const [step, form] of steps) {
      const response = await api.post(`/en/apply/${step}/`, { form, headers: { Origin: base }, maxRedirects: 0 });
      expect(response.status(), step).toBe(303);
    }
    const sent = await api.post('/en/apply/check/', { form: {}, headers: { Origin: base }, maxRedirects: 0 });
    expect(sent.status()).toBe(303);
    const done = await api.get(sent.headers()['location'] ?? '');
    const reference = /class="reference">([^<]+)</.exec(await done.text())?.[1] ?? '';
    expect(reference).toMatch(/^AQ-/);

    // The confirmation was shown: now the server dies without any chance to clean up.
    server.kill('SIGKILL');
    await new Promise((resolve) => server.once('exit', resolve));
    await api.dispose();

    server = await startServer(dataDir);
    api = await playwrightRequest.newContext({ baseURL: base });
    await signIn(api, email);
    expect(await (await api.get('/en/account/')).text()).toContain(reference);
    await api.dispose();
  } finally {
    server.kill('SIGKILL');
    await rm(dataDir, { recursive: true, force: true });
  }
});
