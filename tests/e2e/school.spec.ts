/**
 * The School of adoptive parents online, as a learner goes through it, in each language, with and
 * without JavaScript: sign in, start the course, read a module's lessons, fail its test and read
 * why, pass it after the pause (the school's portal runs on a clock these tests move), finish the
 * course (the other modules seeded through the data layer), download the certificate and verify
 * it by its code and by its file. Then what must not work: forged progress, another learner's
 * attempt or certificate, an altered file, a revoked certificate, an unknown code.
 */
import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { parse } from 'yaml';
import { schoolControlPort, schoolPort } from '../../.config/playwright.config.ts';
import { addressOf, codeFor } from './helpers.ts';

const origin = `http://127.0.0.1:${schoolPort}`;
const control = `http://127.0.0.1:${schoolControlPort}`;
test.use({ baseURL: origin });
// One at a time: the school's portal has one clock, and a test moves it.
test.describe.configure({ mode: 'default' });

interface ModuleFile {
  translationKey: string;
  order: number;
  questions: { key: string; options: { key: string; correct?: boolean; explanation: string }[] }[];
}
const firstModule = ((): ModuleFile => {
  const files = ['motivation'].map(
    (key) => parse(readFileSync(`content/modules/kk/${key}.yaml`, 'utf8')) as ModuleFile,
  );
  return files[0] as ModuleFile;
})();
const rightAnswer = (question: string) =>
  firstModule.questions.find((candidate) => candidate.key === question)?.options.find((option) => option.correct)
    ?.key ?? '';
const wrongAnswer = (question: string) =>
  firstModule.questions.find((candidate) => candidate.key === question)?.options.find((option) => !option.correct)
    ?.key ?? '';

type Lang = 'kk' | 'ru' | 'en';

test.beforeEach(async ({ page }, testInfo) => {
  await page.setExtraHTTPHeaders({ 'X-Forwarded-For': addressOf(testInfo.testId) });
});

async function post(request: APIRequestContext, path: string, data: Record<string, unknown> = {}) {
  const response = await request.post(`${control}${path}`, { data });
  expect(response.ok(), `${path}: ${await response.text()}`).toBe(true);
  return (await response.json()) as Record<string, unknown>;
}

async function signIn(page: Page, lang: Lang, email: string) {
  await page.goto(`/${lang}/course/`);
  // Not signed in: sign-in first, then back to the course.
  await expect(page).toHaveURL(new RegExp(`/${lang}/sign-in/$`));
  await page.locator('#email').fill(email);
  await page.locator('main form button[type="submit"]').click();
  await page.locator('#code').fill(await codeFor(page, email));
  await page.locator('main form button[type="submit"]').first().click();
  await expect(page).toHaveURL(new RegExp(`/${lang}/course/$`));
}

async function enrol(page: Page) {
  await page.locator('#familyName').fill('Құрманова');
  await page.locator('#givenName').fill('Әлия');
  await page.locator('#patronymic').fill('Ғалымқызы');
  await page.locator('#district').selectOption({ index: 1 });
  await page.locator('main form button[type="submit"]').click();
  await expect(page.locator('#course-progress')).toBeVisible();
}

async function checkAxe(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  expect(
    results.violations.map(
      (violation) =>
        `${page.url()} ${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
    ),
  ).toEqual([]);
}

/** The question keys of the attempt on the page, in order. */
async function drawnQuestions(page: Page): Promise<string[]> {
  const names = await page.locator('form.test-form fieldset').evaluateAll((sets) => sets.map((set) => set.id));
  return names.map((name) => name.replace(/^answer-/, ''));
}

async function answerAll(page: Page, choose: (question: string) => string) {
  for (const question of await drawnQuestions(page)) {
    await page.locator(`input[name="answer-${question}"][value="${choose(question)}"]`).check();
  }
}

/** Reads every lesson of the first module from the course page on. */
async function readFirstModule(page: Page, lang: Lang, axe: boolean) {
  await page.goto(`/${lang}/course/`);
  await page.locator('main a.button').first().click();
  let lessons = 0;
  while (
    new RegExp(`/${lang}/course/${firstModule.translationKey}/[a-z0-9-]+/$`).test(page.url()) &&
    !page.url().endsWith('/test/')
  ) {
    lessons += 1;
    if (axe && lessons === 1) await checkAxe(page);
    await page.locator('main form[method="post"] button[type="submit"]').click();
    if (page.url().endsWith(`/course/${firstModule.translationKey}/`)) break;
  }
  expect(lessons).toBeGreaterThanOrEqual(2);
  await expect(page).toHaveURL(new RegExp(`/${lang}/course/${firstModule.translationKey}/$`));
}

for (const javaScriptEnabled of [true, false]) {
  test.describe(javaScriptEnabled ? 'with JavaScript' : 'without JavaScript', () => {
    test.use({ javaScriptEnabled });
    for (const lang of ['kk', 'ru', 'en'] as const) {
      test(`a learner finishes the course and proves it, in ${lang}`, async ({ page, request }) => {
        test.setTimeout(180_000);
        const email = `school-${lang}-${javaScriptEnabled ? 'js' : 'nojs'}-${Date.now()}@example.kz`;
        await signIn(page, lang, email);
        if (javaScriptEnabled) await checkAxe(page);
        await enrol(page);
        if (javaScriptEnabled) await checkAxe(page);

        await readFirstModule(page, lang, javaScriptEnabled);
        if (javaScriptEnabled) await checkAxe(page);
        await page.goto(`/${lang}/course/${firstModule.translationKey}/test/`);
        await page.locator('button[value="start"]').click();
        const drawn = await drawnQuestions(page);
        expect(drawn).toHaveLength(10);
        if (javaScriptEnabled) await checkAxe(page);

        // Submitting with questions unanswered names each of them, and keeps what was chosen.
        await page.locator(`input[name="answer-${drawn[0] ?? ''}"][value="${wrongAnswer(drawn[0] ?? '')}"]`).check();
        await page.locator('button[value="submit"]').click();
        await expect(page.locator('.error-summary li')).toHaveCount(9);
        await expect(
          page.locator(`input[name="answer-${drawn[0] ?? ''}"][value="${wrongAnswer(drawn[0] ?? '')}"]`),
        ).toBeChecked();
        if (javaScriptEnabled) await checkAxe(page);

        // Every answer wrong: not passed, and the reason for each wrong answer in the page's language.
        await answerAll(page, wrongAnswer);
        await page.locator('button[value="submit"]').click();
        await expect(page).toHaveURL(new RegExp(`/${lang}/course/${firstModule.translationKey}/attempts/[0-9a-f-]+/$`));
        await expect(page.locator('.review-wrong')).toHaveCount(10);
        const firstExplanation = await page.locator('.review-wrong').first().locator('p').last().textContent();
        expect(firstExplanation?.trim().length).toBeGreaterThan(10);
        if (javaScriptEnabled) await checkAxe(page);

        // The pause: the test cannot start again until the clock has moved an hour on.
        await page.goto(`/${lang}/course/${firstModule.translationKey}/test/`);
        await expect(page.locator('button[value="start"]')).toHaveCount(0);
        await post(request, '/advance?minutes=61');
        await page.reload();
        await page.locator('button[value="start"]').click();
        await answerAll(page, rightAnswer);
        await page.locator('button[value="submit"]').click();
        await expect(page.locator('.review-right')).toHaveCount(10);

        // The rest of the course through the data layer; the course page then gives the certificate.
        const seeded = await post(request, '/complete-modules', { email, except: [firstModule.translationKey] });
        expect(Number(seeded['completed'])).toBeGreaterThanOrEqual(7);
        await page.goto(`/${lang}/course/`);
        await expect(page.locator('#course-progress')).toHaveAttribute('value', '100');
        await page.goto(`/${lang}/course/certificate/`);
        if (javaScriptEnabled) await checkAxe(page);
        const code = (await page.locator('main dl code').textContent())?.trim() ?? '';
        expect(code).toMatch(/^SC-[0-9A-Z]{4}-[0-9A-Z]{4}-.$/);

        const pdf = await page.request.get(`/${lang}/course/certificate/certificate-kk-ru.pdf`);
        expect(pdf.headers()['content-type']).toBe('application/pdf');
        const bytes = await pdf.body();
        expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');

        // Anyone can check it: by the code, and by the file.
        await page.goto(`/${lang}/verify/`);
        await page.locator('#code').fill(code.toLowerCase().replace(/-/g, ' '));
        await page.locator('form[method="get"] button').click();
        await expect(page.locator('.verdict-valid')).toBeVisible();
        await expect(page.locator('.verdict-valid')).toContainText('Құ');
        await expect(page.locator('.verdict-valid')).not.toContainText('Құрманова');
        if (javaScriptEnabled) await checkAxe(page);
        await page
          .locator('#file')
          .setInputFiles({ name: 'certificate.pdf', mimeType: 'application/pdf', buffer: bytes });
        await page.locator('form[enctype="multipart/form-data"] button').click();
        await expect(page.locator('.verdict-valid')).toBeVisible();
      });
    }
  });
}

/** The answer checked for a question in a test page's HTML, as the server rendered it. */
function checkedIn(html: string, question: string): string | undefined {
  const inputs = html.match(new RegExp(`<input[^>]*name="answer-${question}"[^>]*>`, 'g')) ?? [];
  return inputs.filter((input) => /\schecked/.test(input)).map((input) => /value="([a-f])"/.exec(input)?.[1])[0];
}

/** Signs a new learner in, enrols them and reads the first module; leaves them on its test page with an attempt started. */
async function learnerAtTest(page: Page, lang: Lang, email: string) {
  await signIn(page, lang, email);
  await enrol(page);
  await readFirstModule(page, lang, false);
  await page.goto(`/${lang}/course/${firstModule.translationKey}/test/`);
  await page.locator('button[value="start"]').click();
  await expect(page.locator('form.test-form fieldset')).toHaveCount(10);
}

test('an answer chosen offline is kept, and reaches the server when the connection returns', async ({
  page,
  context,
}) => {
  test.setTimeout(90_000);
  await learnerAtTest(page, 'en', `offline-${Date.now()}@example.kz`);
  const [first, second] = await drawnQuestions(page);
  // The island is running: the keyboard hint shows, and an answer is saved as it is chosen.
  await expect(page.getByText('Enter', { exact: false }).first()).toBeVisible();
  await page.locator(`input[name="answer-${first ?? ''}"][value="${rightAnswer(first ?? '')}"]`).check();
  await expect(page.locator(`#answer-${first ?? ''}`).locator('p.meta')).toHaveText(/saved/i);
  await context.setOffline(true);
  await page.locator(`input[name="answer-${second ?? ''}"][value="${wrongAnswer(second ?? '')}"]`).check();
  await expect(page.locator(`#answer-${second ?? ''}`).locator('p.meta')).toHaveText(/device/i);
  await context.setOffline(false);
  await expect(page.locator(`#answer-${second ?? ''}`).locator('p.meta')).toHaveText(/^saved/i, { timeout: 20_000 });
  // What the server now has, as a browser without JavaScript would be shown it.
  const html = await (await page.request.get(page.url())).text();
  expect(checkedIn(html, second ?? '')).toBe(wrongAnswer(second ?? ''));
  expect(checkedIn(html, first ?? '')).toBe(rightAnswer(first ?? ''));
});

test('a lesson ships no JavaScript; a test page at most 90 KB of it, compressed', async ({ page }) => {
  test.setTimeout(90_000);
  await learnerAtTest(page, 'kk', `budget-${Date.now()}@example.kz`);
  const inline = await page.locator('script:not([src]):not([type="application/json"])').count();
  expect(inline).toBe(0);
  // Every script the page makes the browser load, imported chunks included, as they are sent (gzip).
  const scripts = new Set<string>();
  page.on('request', (request) => {
    if (request.resourceType() === 'script') scripts.add(new URL(request.url()).pathname);
  });
  await page.reload();
  await page.waitForLoadState('networkidle');
  let compressed = 0;
  for (const src of scripts) {
    const response = await page.request.get(src, { headers: { 'Accept-Encoding': 'gzip' } });
    expect(response.ok(), src).toBe(true);
    expect(response.headers()['content-encoding'], src).toBe('gzip');
    compressed += Number(response.headers()['content-length']);
  }
  // The island's entry, React and the session warning.
  expect(scripts.size).toBeGreaterThanOrEqual(3);
  expect(compressed).toBeGreaterThan(50 * 1024);
  expect(compressed).toBeLessThanOrEqual(90 * 1024);
  const lessonPath = `/kk/course/${firstModule.translationKey}/`;
  await page.goto(lessonPath);
  const lesson = await page.locator('main ol.lesson-list a').first().getAttribute('href');
  const lessonHtml = await (await page.request.get(lesson ?? '')).text();
  expect(lessonHtml).not.toContain('<script');
});

test('progress cannot be forged, and nobody reads another learner’s attempt or certificate', async ({
  page,
  browser,
  request,
}) => {
  test.setTimeout(120_000);
  const email = `forger-${Date.now()}@example.kz`;
  await signIn(page, 'en', email);
  await enrol(page);
  const module = firstModule.translationKey;
  const moduleHtml = async () => await (await page.request.get(`/en/course/${module}/`)).text();
  const lessonLinks = await page
    .goto(`/en/course/${module}/`)
    .then(() =>
      page
        .locator('main ol.lesson-list a')
        .evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? '')),
    );
  // "Read" posted for a lesson never opened: nothing is read.
  const forged = await page.request.post(lessonLinks[1] ?? '', {
    headers: { Origin: origin },
    form: {},
    maxRedirects: 0,
  });
  expect(forged.status()).toBe(303);
  expect((await moduleHtml()).match(/class="tag">read</g)).toBeNull();
  // "Passed" posted for a test never started: no attempt, nothing passed.
  const start = await page.request.post(`/en/course/${module}/test/`, {
    headers: { Origin: origin },
    form: { action: 'start' },
    maxRedirects: 0,
  });
  expect(start.status()).toBe(303);
  await page.goto(`/en/course/${module}/test/`);
  await expect(page.locator('form.test-form')).toHaveCount(0);
  const submit = await page.request.post(`/en/course/${module}/test/`, {
    headers: { Origin: origin },
    form: {
      action: 'submit',
      attempt: '00000000-0000-4000-8000-000000000000',
      [`answer-${firstModule.questions[0]?.key ?? ''}`]: 'a',
    },
    maxRedirects: 0,
  });
  expect(submit.status()).toBe(303);
  // Ids that are no attempt's, however shaped, are refused as such (a 4xx or back to the test), never a 500.
  for (const attempt of ['x', '-'.repeat(36), 'f'.repeat(36), "1' or '1'='1"]) {
    for (const action of ['save', 'submit']) {
      const answer = await page.request.post(`/en/course/${module}/test/`, {
        headers: { Origin: origin },
        form: { action, attempt },
        maxRedirects: 0,
      });
      expect(answer.status(), `${action} ${attempt}`).toBeLessThan(500);
    }
    expect((await page.request.get(`/en/course/${module}/attempts/${encodeURIComponent(attempt)}/`)).status()).toBe(
      404,
    );
    const island = await page.request.post(`/en/course/${module}/test/answer/`, {
      headers: { Origin: origin },
      form: { attempt, question: 'q', option: 'a' },
    });
    expect(island.status()).toBe(400);
  }
  for (const path of [
    '/en/course/no-such-module/',
    '/en/course/motivation/no-such-lesson/',
    '/en/course/no-such-module/test/',
  ]) {
    expect((await page.request.get(path)).status(), path).toBe(404);
  }
  // Nothing was passed by any of it: the module's test is still to pass.
  await page.goto(`/en/course/${module}/`);
  await expect(page.locator(`main a.button[href="/en/course/${module}/test/"]`)).toBeVisible();
  await expect(page.locator('main')).not.toContainText('You have passed');

  // A real attempt, and answers to questions it did not draw: refused, nothing kept.
  await readFirstModule(page, 'en', false);
  await page.goto(`/en/course/${module}/test/`);
  await page.locator('button[value="start"]').click();
  const drawn = await drawnQuestions(page);
  // The page and the island's data carry the questions and their answers, never which is right nor why.
  const testHtml = await (await page.request.get(`/en/course/${module}/test/`)).text();
  expect(testHtml).not.toMatch(/"(correct|explanation)":/);
  for (const question of firstModule.questions) {
    for (const option of question.options) {
      expect(testHtml).not.toContain(option.explanation.slice(0, 40));
    }
  }
  const notDrawn = firstModule.questions.map((question) => question.key).find((key) => !drawn.includes(key)) ?? '';
  const attempt = (await page.locator('input[name="attempt"]').getAttribute('value')) ?? '';
  const refused = await page.request.post(`/en/course/${module}/test/`, {
    headers: { Origin: origin },
    form: { action: 'save', attempt, [`answer-${notDrawn}`]: rightAnswer(notDrawn), [`answer-${drawn[0] ?? ''}`]: 'a' },
  });
  expect(refused.status()).toBe(422);
  expect(await refused.text()).toContain('Answer only the questions of your test');
  const island = await page.request.post(`/en/course/${module}/test/answer/`, {
    headers: { Origin: origin },
    form: { attempt, question: notDrawn, option: 'a' },
  });
  expect(island.status()).toBe(422);
  await page.reload();
  await expect(page.locator('form.test-form input:checked')).toHaveCount(0);

  // The learner passes; a second learner can open neither the attempt nor the certificate.
  await answerAll(page, rightAnswer);
  await page.locator('button[value="submit"]').click();
  const attemptUrl = page.url();
  await post(request, '/complete-modules', { email, except: [module] });
  await page.goto('/en/course/certificate/');
  const code = (await page.locator('main dl code').textContent())?.trim() ?? '';
  const pdfBytes = await (await page.request.get('/en/course/certificate/certificate-kk-ru.pdf')).body();

  const other = await browser.newContext({ baseURL: origin, extraHTTPHeaders: { 'X-Forwarded-For': '10.9.9.9' } });
  const otherPage = await other.newPage();
  await signIn(otherPage, 'en', `other-${Date.now()}@example.kz`);
  await enrol(otherPage);
  expect((await otherPage.request.get(attemptUrl)).status()).toBe(404);
  expect((await otherPage.request.get('/en/course/certificate/certificate-kk-ru.pdf')).status()).toBe(404);
  expect((await otherPage.request.get('/en/course/certificate/credential.jwt')).status()).toBe(404);
  await other.close();

  // A file changed by one byte is not genuine; a revoked certificate says so, with its date; an unknown code is unknown.
  const altered = Buffer.from(pdfBytes);
  const at = altered.indexOf('/Title');
  altered[at + 8] = (altered[at + 8] ?? 0) ^ 1;
  await page.goto('/en/verify/');
  await page.locator('#file').setInputFiles({ name: 'certificate.pdf', mimeType: 'application/pdf', buffer: altered });
  await page.locator('form[enctype="multipart/form-data"] button').click();
  await expect(page.locator('.verdict-altered')).toBeVisible();
  await checkAxe(page);
  await post(request, '/revoke', { code, reason: 'Issued by mistake' });
  await page.goto(`/en/verify/?code=${code}`);
  await expect(page.locator('.verdict-revoked')).toBeVisible();
  await expect(page.locator('.verdict-revoked')).toContainText('Revoked on');
  await page.goto('/en/verify/?code=SC-0000-0000-0');
  await expect(page.locator('.verdict-unknown')).toBeVisible();
  await page.goto('/en/verify/?code=');
  await expect(page.locator('.error-summary')).toBeVisible();
});

test('starting the course with a name left out or typed wrong says what to fix, and saves nothing', async ({
  page,
}) => {
  test.setTimeout(60_000);
  await signIn(page, 'ru', `enrol-${Date.now()}@example.kz`);
  await page.locator('#familyName').fill('<script>');
  await page.locator('main form button[type="submit"]').click();
  await expect(page.locator('.error-summary li')).toHaveCount(3);
  await expect(page.locator('.error-summary')).toContainText('Введите');
  await expect(page.locator('#familyName')).toHaveValue('<script>');
  await checkAxe(page);
  // Nothing was saved: the course still asks to be started.
  await page.goto('/ru/course/');
  await expect(page.locator('#course-progress')).toHaveCount(0);
  await expect(page.locator('#givenName')).toBeVisible();
  // The verification page without a file says which file to choose.
  await page.goto('/ru/verify/');
  await page.locator('form[enctype="multipart/form-data"] button').click();
  await expect(page.locator('.error-summary')).toBeVisible();
  await checkAxe(page);
});
