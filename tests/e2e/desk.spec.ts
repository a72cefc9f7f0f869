/**
 * The caseworkers' desk, as its users go through it: an administrator invites a caseworker, who
 * enrols a passkey (Chromium's virtual authenticator) or a password and an authenticator app, and
 * works an application from "new" to the conclusion while the applicant answers a request from
 * their own page and is told each public step in their language. Then the hostile matrix: every
 * role against another district's application, over HTTP. The desk's portal runs on localhost
 * with a clock the tests move (tests/support/desk-server.ts): a TOTP code is accepted once.
 */
import { readFile } from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';
import { expect, request as playwrightRequest, test, type Page } from '@playwright/test';
import { deskControlPort, deskPort } from '../../.config/playwright.config.ts';
import { currentTotp } from '../../src/features/desk/credentials.ts';
import { codeFor, lastEmailTo, strings } from './helpers.ts';

const base = `http://localhost:${deskPort}`;
test.use({ baseURL: base });
// One worker, in order: the tests share the desk portal's clock, which they move.
test.describe.configure({ mode: 'default' });

const en = strings('en');
const kk = strings('kk');
const ru = strings('ru');

async function control<T>(page: Page, path: string, body: unknown = {}): Promise<T> {
  const response = await page.request.post(`http://127.0.0.1:${String(deskControlPort)}${path}`, { data: body });
  expect(response.ok(), await response.text()).toBe(true);
  return (await response.json()) as T;
}

/** The code the member's app shows a minute later on the portal's clock: each sign-in a new step. */
async function nextCode(page: Page, secret: string): Promise<string> {
  const { now } = await control<{ now: string }>(page, '/advance?minutes=1');
  return currentTotp(secret, new Date(now));
}

async function portalToday(page: Page): Promise<string> {
  const response = await page.request.get(`http://127.0.0.1:${String(deskControlPort)}/now`);
  return ((await response.json()) as { now: string }).now.slice(0, 10);
}

async function expectNoAxeViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .setLegacyMode()
    .analyze();
  expect(
    results.violations.map((v) => `${v.id}: ${v.nodes.map((node) => node.target.join(' ')).join(', ')}`),
    page.url(),
  ).toEqual([]);
}

const unique = (prefix: string) =>
  `${prefix}-${String(Date.now())}-${String(Math.floor(Math.random() * 1e6))}@desk.test`;

async function signInStaff(page: Page, email: string, password: string, secret: string, scan = false): Promise<void> {
  await page.goto('/en/desk/sign-in/');
  if (scan) await expectNoAxeViolations(page);
  await page.getByLabel(en('desk.signIn.email')).fill(email);
  await page.getByLabel(en('desk.signIn.password'), { exact: true }).fill(password);
  await page.getByRole('button', { name: en('desk.signIn.continue'), exact: true }).click();
  await expect(page).toHaveURL(/\/en\/desk\/sign-in\/code\/$/);
  if (scan) await expectNoAxeViolations(page);
  await page.getByLabel(en('desk.code.label'), { exact: true }).fill(await nextCode(page, secret));
  await page.getByRole('button', { name: en('desk.code.continue'), exact: true }).click();
  await expect(page).toHaveURL(/\/en\/desk\/$/);
}

/** The administrator invites a member of staff from the staff page; returns the emailed link. */
async function invite(
  page: Page,
  input: { name: string; email: string; language: string; scan: boolean },
): Promise<string> {
  await page.goto('/en/desk/staff/');
  // axe runs in the page: only where JavaScript is on (the same pages are scanned there).
  if (input.scan) await expectNoAxeViolations(page);
  const form = page
    .locator('form')
    .filter({ has: page.getByRole('button', { name: en('desk.staff.sendInvitation') }) });
  await form.getByLabel(en('desk.staff.name')).fill(input.name);
  await form.getByLabel(en('desk.staff.email')).fill(input.email);
  await form.getByRole('radio', { name: en('desk.role.caseworker') }).check();
  await form.getByRole('checkbox', { name: 'Merke district' }).check();
  await form.getByRole('radio', { name: input.language }).check();
  await form.getByRole('button', { name: en('desk.staff.sendInvitation') }).click();
  await expect(page.getByRole('status')).toHaveText(en('desk.case.saved'));
  const text = await lastEmailTo(page, input.email, /desk\/invitation/);
  return /(http:\/\/\S+\/desk\/invitation\/\?token=[\w-]+)/.exec(text)?.[1] ?? '';
}

test('an administrator invites a caseworker, who enrols a passkey and works an application to its conclusion while the applicant answers', async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  const admin = { email: unique('admin') };
  const seeded = await control<{ password: string; secret: string }>(page, '/staff', {
    email: admin.email,
    name: 'Gulnara Admin',
    role: 'administrator',
    locale: 'en',
  });
  const applicantEmail = unique('applicant');
  const { reference } = await control<{ reference: string }>(page, '/application', {
    email: applicantEmail,
    district: 'merke',
    locale: 'ru',
  });
  await signInStaff(page, admin.email, seeded.password, seeded.secret, true);
  await expectNoAxeViolations(page);
  await page.getByRole('link', { name: en('desk.nav.learners') }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(en('desk.learners.title'));
  await expectNoAxeViolations(page);
  await page.getByRole('link', { name: en('desk.nav.reports') }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(en('desk.reports.title'));
  // The application just sent is open, in Merke, and nobody's yet.
  const byDistrict = page.getByRole('table', { name: en('desk.reports.byDistrict') });
  await expect(byDistrict.getByRole('rowheader', { name: /Merke/ })).toBeVisible();
  const byCaseworker = page.getByRole('table', { name: en('desk.reports.byCaseworker') });
  await expect(byCaseworker.getByRole('rowheader', { name: en('desk.reports.unassigned') })).toBeVisible();
  await expectNoAxeViolations(page);

  const caseworkerEmail = unique('caseworker');
  const link = await invite(page, { name: 'Aset Nurlanov', email: caseworkerEmail, language: 'Қазақша', scan: true });
  // The invitation is written in the member's language.
  expect(await lastEmailTo(page, caseworkerEmail, /desk\/invitation/)).toContain(kk('email.staffInvitation.text'));

  // The caseworker, on a device with a passkey authenticator.
  const caseworker = await (await browser.newContext({ baseURL: base })).newPage();
  const cdp = await caseworker.context().newCDPSession(caseworker);
  await cdp.send('WebAuthn.enable');
  await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  await caseworker.goto(link);
  await expect(caseworker.getByRole('heading', { level: 1 })).toHaveText(kk('desk.invitation.title'));
  await expectNoAxeViolations(caseworker);
  await expect(caseworker.getByRole('button', { name: kk('desk.invitation.passkey') })).toBeVisible({
    timeout: 10_000,
  });
  await caseworker.getByRole('button', { name: kk('desk.invitation.passkey') }).click();
  await expect(caseworker.getByRole('heading', { level: 1 })).toHaveText(kk('desk.invitation.doneTitle'));
  await expect(
    caseworker.getByRole('list', { name: kk('desk.invitation.recoveryLabel') }).getByRole('listitem'),
  ).toHaveCount(10);
  await expectNoAxeViolations(caseworker);
  // The link works once.
  const again = await caseworker.request.get(link);
  expect(again.status()).toBe(410);
  await caseworker.getByRole('link', { name: kk('desk.invitation.continue') }).click();

  // The queue of Merke shows the application; the caseworker takes it.
  await expect(caseworker.getByRole('link', { name: reference })).toBeVisible();
  await expectNoAxeViolations(caseworker);
  await caseworker.getByRole('link', { name: reference }).click();
  await caseworker.getByRole('button', { name: kk('desk.case.take') }).click();
  await expect(caseworker.getByRole('status')).toHaveText(kk('desk.case.saved'));
  await expectNoAxeViolations(caseworker);

  // A request for a document, with a deadline.
  await caseworker.getByText(kk('desk.case.requestHeading'), { exact: true }).click();
  await caseworker.getByLabel(kk('desk.case.requestMessage')).fill('Справка о несудимости, оригинал');
  const today = await portalToday(page);
  const due = new Date(Date.parse(`${today}T00:00:00Z`) + 14 * 86_400_000).toISOString().slice(0, 10);
  await caseworker.getByLabel(kk('desk.case.dueOn')).fill(due);
  await caseworker.getByRole('button', { name: kk('desk.case.request') }).click();
  await expect(caseworker.getByRole('status')).toHaveText(kk('desk.case.saved'));
  // An internal note, which the applicant never sees.
  await caseworker.getByText(kk('desk.case.noteHeading'), { exact: true }).click();
  await caseworker.getByLabel(kk('desk.case.note'), { exact: true }).fill('Ішкі: анасымен сөйлесу керек');
  await caseworker.getByRole('button', { name: kk('desk.case.addNote') }).click();
  await expect(caseworker.getByRole('status')).toHaveText(kk('desk.case.saved'));

  // The applicant reads the request on their page, in Russian, and uploads the document there.
  const applicant = await (await browser.newContext({ baseURL: base })).newPage();
  await applicant.goto('/ru/sign-in/');
  await applicant.getByLabel(ru('signIn.emailLabel')).fill(applicantEmail);
  await applicant.getByRole('button', { name: ru('signIn.submit') }).click();
  await applicant.getByLabel(ru('signInCode.codeLabel')).fill(await codeFor(applicant, applicantEmail));
  await applicant.getByRole('button', { name: ru('signInCode.submit') }).click();
  await applicant.goto(`/ru/account/${reference}/`);
  await expect(applicant.getByText('Справка о несудимости, оригинал')).toBeVisible();
  await expect(applicant.locator('main')).not.toContainText('анасымен');
  const statusEmail = await lastEmailTo(applicant, applicantEmail, new RegExp(ru('status.stage.documents-requested')));
  expect(statusEmail).toContain(reference);
  expect(statusEmail).not.toContain('Справка о несудимости');
  await applicant.getByRole('radio', { name: ru('documents.kind.no-criminal-record') }).check();
  await applicant.getByLabel(ru('documents.file'), { exact: true }).setInputFiles({
    name: 'spravka.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n'),
  });
  await applicant.getByRole('button', { name: ru('documents.upload') }).click();
  await expect(applicant.getByRole('status')).toHaveText(ru('documents.added'));

  // The caseworker sees it arrive, and moves the application on to the school.
  await caseworker.reload();
  await expect(caseworker.getByRole('link', { name: 'spravka.pdf' })).toBeVisible();
  // Two documents added after sending: the one of the seed, and this one.
  await expect(caseworker.getByRole('heading', { name: kk('desk.event.upload') })).toHaveCount(2);
  const moveTo = async (stage: string, reason: string) => {
    await caseworker.getByText(kk('desk.case.moveHeading'), { exact: true }).click();
    await caseworker.getByRole('radio', { name: kk(`status.stage.${stage}`) }).check();
    await caseworker.getByLabel(kk('desk.case.reasonPublic'), { exact: true }).fill(reason);
    await caseworker.getByRole('button', { name: kk('desk.case.move') }).click();
    await expect(caseworker.getByRole('status')).toHaveText(kk('desk.case.saved'));
  };
  await moveTo('in-review', 'Құжаттар толық');
  await caseworker.getByRole('button', { name: kk('desk.case.invite') }).click();
  await expect(caseworker.getByRole('status')).toHaveText(kk('desk.case.saved'));
  await moveTo('training-completed', 'Сертификат тапсырылды');
  await moveTo('home-visit', 'Тексеру белгіленді');
  await caseworker.getByText(kk('desk.case.visitHeading'), { exact: true }).click();
  await caseworker.getByLabel(kk('desk.case.visitedOn')).fill(await portalToday(page));
  await caseworker.getByLabel(kk('desk.case.findings')).fill('Тұрғын үй жағдайы жақсы');
  await caseworker.getByRole('button', { name: kk('desk.case.recordVisit') }).click();
  await expect(caseworker.getByRole('status')).toHaveText(kk('desk.case.saved'));

  // The conclusion asks for the passkey again when the last check is minutes old.
  await control(page, '/advance?minutes=6');
  await caseworker.reload();
  await caseworker.getByText(kk('desk.case.conclusionHeading'), { exact: true }).click();
  await caseworker.getByRole('link', { name: kk('desk.case.confirmFirst') }).click();
  await expect(caseworker.getByRole('heading', { level: 1 })).toHaveText(kk('desk.confirm.title'));
  await expectNoAxeViolations(caseworker);
  await caseworker.getByRole('button', { name: kk('desk.confirm.passkey') }).click();
  await caseworker.getByRole('radio', { name: kk('desk.case.outcomePositive') }).check();
  await caseworker.getByLabel(kk('desk.case.reasoning')).fill('Талаптар орындалды');
  await caseworker.getByRole('button', { name: kk('desk.case.conclude') }).click();
  await expect(caseworker.getByRole('status')).toHaveText(kk('desk.case.saved'));
  await expect(caseworker.getByRole('heading', { name: kk('desk.event.conclusion') })).toBeVisible();

  // The applicant sees each public step, never a note, and had an email for each, in Russian.
  await applicant.reload();
  const main = applicant.locator('main');
  await expect(main).toContainText(ru('status.conclusionPositive'));
  await expect(main).toContainText('Құжаттар толық');
  for (const internal of ['анасымен', 'Тұрғын үй жағдайы жақсы', 'Талаптар орындалды'])
    await expect(main).not.toContainText(internal);
  const concluded = await lastEmailTo(applicant, applicantEmail, new RegExp(ru('status.stage.conclusion')));
  expect(concluded).toContain(reference);
  expect(concluded).not.toContain('Талаптар');
});

test('a caseworker without JavaScript enrols a password and an authenticator app, signs in with both, and is signed out at once when deactivated', async ({
  browser,
  page,
}) => {
  test.setTimeout(120_000);
  const admin = { email: unique('admin') };
  // A name of this run's own: the staff page lists every member the desk portal has.
  const member = `Dana Seitkali ${String(Math.floor(Math.random() * 1e6))}`;
  const seeded = await control<{ password: string; secret: string }>(page, '/staff', {
    email: admin.email,
    name: 'Marat Admin',
    role: 'administrator',
    locale: 'en',
  });
  const adminPage = await (await browser.newContext({ baseURL: base, javaScriptEnabled: false })).newPage();
  await signInStaff(adminPage, admin.email, seeded.password, seeded.secret);
  const caseworkerEmail = unique('totp');
  const link = await invite(adminPage, {
    name: member,
    email: caseworkerEmail,
    language: 'English',
    scan: false,
  });

  const caseworker = await (await browser.newContext({ baseURL: base, javaScriptEnabled: false })).newPage();
  await caseworker.goto(link.replace(/\/[a-z]{2}\/desk\//, '/en/desk/'));
  await expect(caseworker.getByRole('button', { name: en('desk.invitation.passkey') })).toBeHidden();
  // A mistake first: the page says what to fix and keeps the secret the app was given.
  await caseworker.getByLabel(en('desk.invitation.password'), { exact: true }).fill('short');
  await caseworker.getByRole('button', { name: en('desk.invitation.submit') }).click();
  await expect(caseworker.getByRole('alert')).toContainText('at least 12 characters');
  const secret = (await caseworker.locator('#totp-secret').textContent()) ?? '';
  const password = 'lantern harbour quietly';
  await caseworker.getByLabel(en('desk.invitation.password'), { exact: true }).fill(password);
  await caseworker.getByLabel(en('desk.invitation.confirm'), { exact: true }).fill(password);
  await caseworker.getByLabel(en('desk.invitation.code'), { exact: true }).fill(await nextCode(page, secret));
  await caseworker.getByRole('button', { name: en('desk.invitation.submit') }).click();
  await expect(caseworker.getByRole('heading', { level: 1 })).toHaveText(en('desk.invitation.doneTitle'));
  await expect(
    caseworker.getByRole('list', { name: en('desk.invitation.recoveryLabel') }).getByRole('listitem'),
  ).toHaveCount(10);
  await caseworker.getByRole('link', { name: en('desk.invitation.continue') }).click();
  await caseworker.getByRole('button', { name: en('desk.signOut') }).click();
  await expect(caseworker.getByRole('status')).toHaveText(en('desk.signIn.signedOut'));

  // Email and password alone open nothing: the queue sends back to sign-in until the code is given.
  await caseworker.getByLabel(en('desk.signIn.email')).fill(caseworkerEmail);
  await caseworker.getByLabel(en('desk.signIn.password'), { exact: true }).fill(password);
  await caseworker.getByRole('button', { name: en('desk.signIn.continue'), exact: true }).click();
  await caseworker.goto('/en/desk/');
  await expect(caseworker).toHaveURL(/\/en\/desk\/sign-in\/$/);
  await signInStaff(caseworker, caseworkerEmail, password, secret);

  // The work on an application needs no script: take it, note, ask for a document, move it on.
  const { reference } = await control<{ reference: string }>(page, '/application', {
    email: unique('nojs-applicant'),
    district: 'merke',
    locale: 'en',
  });
  await caseworker.getByLabel(en('desk.queue.search')).fill(reference);
  await caseworker.getByRole('button', { name: en('desk.queue.apply') }).click();
  await caseworker.getByRole('link', { name: reference }).click();
  await caseworker.getByRole('button', { name: en('desk.case.take') }).click();
  await expect(caseworker.getByRole('status')).toHaveText(en('desk.case.saved'));
  await caseworker.getByText(en('desk.case.requestHeading'), { exact: true }).click();
  // A deadline in the past is refused, with what to do, and the message typed is kept.
  await caseworker.getByLabel(en('desk.case.requestMessage')).fill('The income certificate for 2026');
  await caseworker.getByLabel(en('desk.case.dueOn')).fill('2020-01-01');
  await caseworker.getByRole('button', { name: en('desk.case.request') }).click();
  await expect(caseworker.getByRole('alert')).toContainText(en('desk.case.error.dueOn'));
  await expect(caseworker.getByLabel(en('desk.case.requestMessage'))).toHaveValue('The income certificate for 2026');
  await caseworker.getByLabel(en('desk.case.dueOn')).fill('2099-01-15');
  await caseworker.getByRole('button', { name: en('desk.case.request') }).click();
  await expect(caseworker.getByRole('status')).toHaveText(en('desk.case.saved'));
  await caseworker.getByText(en('desk.case.moveHeading'), { exact: true }).click();
  await caseworker.getByRole('radio', { name: en('status.stage.in-review') }).check();
  await caseworker.getByLabel(en('desk.case.reasonPublic'), { exact: true }).fill('Received, thank you');
  await caseworker.getByRole('button', { name: en('desk.case.move') }).click();
  await expect(caseworker.getByRole('status')).toHaveText(en('desk.case.saved'));
  await expect(caseworker.getByRole('heading', { name: en('desk.event.request') })).toBeVisible();

  // The administrator downloads the queue: the code is asked again, then a CSV Excel reads in Kazakh.
  await control(page, '/advance?minutes=6');
  await adminPage.goto('/en/desk/');
  await adminPage.getByRole('link', { name: en('desk.queue.export') }).click();
  await expect(adminPage.getByRole('heading', { level: 1 })).toHaveText(en('desk.confirm.title'));
  await adminPage.getByLabel(en('desk.code.label'), { exact: true }).fill(await nextCode(page, seeded.secret));
  const download = adminPage.waitForEvent('download');
  await adminPage.getByRole('button', { name: en('desk.confirm.continue'), exact: true }).click();
  const csv = await readFile(await (await download).path(), 'utf8');
  expect(csv.startsWith('\uFEFF')).toBe(true);
  expect(csv.split('\r\n')[0]).toBe(
    '\uFEFFReference,Applicant,IIN,Form of placement,District,Stage,Sent,Assigned to,Due',
  );

  // Deactivated by the administrator: the next request is signed out.
  await adminPage.goto('/en/desk/staff/');
  await adminPage.getByText(`Change or deactivate: ${member}`).click();
  await adminPage.getByRole('button', { name: `Deactivate ${member}` }).click();
  await expect(adminPage.getByRole('status')).toHaveText(en('desk.case.saved'));
  await caseworker.goto('/en/desk/');
  await expect(caseworker).toHaveURL(/\/en\/desk\/sign-in\/$/);
});

test('every role is refused another district’s application: the page, its document, each change and the export; its own district’s staff are not', async ({
  page,
}) => {
  test.setTimeout(60_000);
  const { reference, documentId } = await control<{ reference: string; documentId: string }>(page, '/application', {
    email: unique('merke-applicant'),
    district: 'merke',
    locale: 'kk',
  });
  const application = `/en/desk/applications/${reference}/`;
  const document = `${application}documents/${documentId}/`;
  const form = (intent: string, staffId: string) => ({
    intent,
    noteText: 'x',
    to: 'in-review',
    moveReason: 'x',
    requestMessage: 'x',
    dueOn: '2099-01-01',
    visitedOn: '2026-01-01',
    findings: 'x',
    outcome: 'positive',
    reasoning: 'x',
    assignee: staffId,
    assignReason: 'x',
  });
  async function as(role: string, districts: string[]) {
    const member = await control<{ staffId: string }>(page, '/staff', {
      email: unique(role),
      name: `${districts.join(' ')} ${role}`,
      role,
      districts,
      locale: 'en',
    });
    const { token } = await control<{ token: string }>(page, '/staff-session', { staffId: member.staffId });
    const api = await playwrightRequest.newContext({
      baseURL: base,
      extraHTTPHeaders: { Cookie: `__Host-alaqan_staff=${token}`, Origin: base },
      maxRedirects: 0,
    });
    return { api, staffId: member.staffId };
  }

  for (const role of ['caseworker', 'head', 'psychologist'] as const) {
    const { api, staffId } = await as(role, ['taraz']);
    expect((await api.get(application)).status(), `${role} reads`).toBe(404);
    expect((await api.get(document)).status(), `${role} opens the document`).toBe(404);
    for (const intent of ['take', 'note', 'move', 'request', 'invite', 'visit', 'conclude', 'assign'])
      expect((await api.post(application, { form: form(intent, staffId) })).status(), `${role} ${intent}`).toBe(404);
    if (role !== 'psychologist') {
      const queue = await api.get('/en/desk/?stage=new');
      expect(queue.status()).toBe(200);
      expect(await queue.text()).not.toContain(reference);
      // The export of the whole stage (asked with the district of the record) leaves it out.
      const exported = await api.get('/en/desk/export.csv?stage=new&district=merke');
      expect(exported.status()).toBe(200);
      expect(await exported.text()).not.toContain(reference);
    }
    await api.dispose();
  }

  // The control: a caseworker of Merke reads the same page and document, and adds a note.
  const { api, staffId } = await as('caseworker', ['merke']);
  const page200 = await api.get(application);
  expect(page200.status()).toBe(200);
  // Staff pages are never stored by a browser or a proxy, nor indexed.
  expect(page200.headers()['cache-control']).toBe('private, no-store');
  expect(page200.headers()['x-robots-tag']).toBe('noindex, nofollow');
  // The warning before the session ends asks how long is left, without extending it.
  const left = (await (await api.get('/en/desk/session/')).json()) as { secondsLeft: number };
  expect(left.secondsLeft).toBeGreaterThan(0);
  expect(left.secondsLeft).toBeLessThanOrEqual(15 * 60);
  expect((await api.get(document)).status()).toBe(200);
  expect((await api.post(application, { form: form('note', staffId) })).status()).toBe(303);
  const exported = await api.get('/en/desk/export.csv?stage=new');
  expect(await exported.text()).toContain(reference);
  await api.dispose();
});
