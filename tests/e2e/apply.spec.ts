/**
 * The application journey as an applicant lives it: from the self-check, through sign-in and
 * every step, to check your answers, sending, the confirmation email and the account page. In
 * each language, with and without JavaScript.
 */
import { request as httpRequest } from 'node:http';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { addressOf, codeFor, lastEmailTo } from './helpers.ts';

const texts = {
  kk: {
    email: 'Электрондық пошта мекенжайы',
    send: 'Код алу',
    code: 'Хаттағы код',
    signIn: 'Кіру',
    upload: 'Құжатты жүктеу',
    wrongType: 'PDF, JPEG немесе PNG',
    added: 'Құжат қосылды.',
  },
  ru: {
    email: 'Адрес электронной почты',
    send: 'Получить код',
    code: 'Код из письма',
    signIn: 'Войти',
    upload: 'Загрузить документ',
    wrongType: 'PDF, JPEG или PNG',
    added: 'Документ добавлен.',
  },
  en: {
    email: 'Email address',
    send: 'Send me a code',
    code: 'Code from the email',
    signIn: 'Sign in',
    upload: 'Upload the document',
    wrongType: 'Choose a PDF, JPEG or PNG file',
    added: 'The document has been added.',
  },
} as const;

/** The smallest file that is a PDF by its bytes. */
const pdf = Buffer.from('%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n');
/** A web page named and labelled as a PDF. */
const disguised = Buffer.from('<html><script>alert(1)</script></html>');

/** Answers of the self-check for someone who may apply for every form. */
const eligibleAnswers = {
  sex: 'female',
  citizenship: 'kz',
  married: 'no',
  limitedCapacity: 'no',
  lostParentalRights: 'no',
  pastRemoval: 'no',
  health: 'fit',
  dispensary: 'no',
  criminalRecord: 'no',
  permanentResidence: 'yes',
  income: 'covers',
};

test.beforeEach(async ({ page }, testInfo) => {
  await page.setExtraHTTPHeaders({ 'X-Forwarded-For': addressOf(testInfo.testId) });
});

/** Signs in with the emailed code; returns the code. */
async function signIn(page: Page, lang: keyof typeof texts, email: string): Promise<string> {
  const t = texts[lang];
  await page.goto(`/${lang}/sign-in/`);
  await page.getByLabel(t.email).fill(email);
  await page.getByRole('button', { name: t.send }).click();
  const code = await codeFor(page, email);
  await page.getByLabel(t.code).fill(code);
  await page.getByRole('button', { name: t.signIn }).click();
  await expect(page).toHaveURL(new RegExp(`/${lang}/account/$`));
  return code;
}

/** Submits the current step: the last submit button on the page is always "Save and continue". */
async function next(page: Page) {
  await page.locator('main form[method="post"] button[type="submit"]').last().click();
}

async function checkAxe(page: Page, javaScriptEnabled: boolean) {
  if (!javaScriptEnabled) return;
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  expect(
    results.violations.map(
      (violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
    ),
  ).toEqual([]);
}

for (const javaScriptEnabled of [true, false]) {
  test.describe(javaScriptEnabled ? 'with JavaScript' : 'without JavaScript', () => {
    test.use({ javaScriptEnabled });
    for (const lang of ['kk', 'ru', 'en'] as const) {
      test(`an applicant applies, in ${lang}`, async ({ page }) => {
        // Some 40 pages, seven of them scanned by axe: minutes on a busy two-core machine.
        test.setTimeout(240_000);
        const email = `apply-${lang}-${javaScriptEnabled ? 'js' : 'nojs'}-${Date.now()}@example.kz`;
        // From "Can I?" to the application: the self-check leads to the start page, whose "Start
        // now" asks to sign in first.
        await page.goto(`/${lang}/eligibility/`);
        await page.locator('#age').fill('30');
        for (const [name, value] of Object.entries(eligibleAnswers))
          await page.locator(`input[name="${name}"][value="${value}"]`).check();
        await next(page);
        await page.locator('.results a.button').click();
        await expect(page).toHaveURL(new RegExp(`/${lang}/apply/$`));
        await checkAxe(page, javaScriptEnabled);
        await page.locator('main a.button-start').click();
        await expect(page).toHaveURL(new RegExp(`/${lang}/sign-in/$`));
        const t = texts[lang];
        await page.getByLabel(t.email).fill(email);
        await page.getByRole('button', { name: t.send }).click();
        // The code as people type it from the email: in two groups of three.
        const code = await codeFor(page, email);
        await page.getByLabel(t.code).fill(`${code.slice(0, 3)} ${code.slice(3)}`);
        await page.getByRole('button', { name: t.signIn }).click();
        // Signed in, the applicant is brought back to where they were going: the task list.
        await expect(page).toHaveURL(new RegExp(`/${lang}/apply/tasks/$`));
        await expect(page.locator('.tag-not-started')).toHaveCount(1);
        await expect(page.locator('.tag-cannot-start')).toHaveCount(6);
        await checkAxe(page, javaScriptEnabled);
        await page.locator('#task-form').click();
        await page.locator('input[name="form"][value="adoption"]').check();
        await next(page);
        // A section done: back to the task list, which says so, and on to the next section.
        await expect(page).toHaveURL(new RegExp(`/${lang}/apply/tasks/$`));
        await expect(page.locator('#task-form-status')).toHaveClass(/tag-completed/);
        await page.locator('#task-people').click();

        await expect(page).toHaveURL(new RegExp(`/${lang}/apply/applicant/$`));
        await page.locator('#fullName').fill('Айгерим Нұрланова');
        await page.locator('#iin').fill('9512 0140 1236');
        await page.locator('#birthDate-day').fill('1');
        await page.locator('#birthDate-year').fill('1995');
        await page.locator('input[name="sex"][value="female"]').check();
        await page.locator('input[name="maritalStatus"][value="single"]').check();
        await page.locator('#phone').fill('8 701 123 45 67');
        await expect(page.locator('#email')).toHaveValue(email);
        await next(page);
        // Everything wrong is said at once, each naming its question: the mistyped IIN (its check
        // digit), the month left out, the citizenship not chosen. Nothing typed is lost.
        await expect(page.getByRole('alert').locator('li')).toHaveCount(3);
        await expect(page).toHaveTitle(/^(Қате|Ошибка|Error):/);
        await expect(page.locator('#fullName')).toHaveValue('Айгерим Нұрланова');
        await expect(page.locator('#phone')).toHaveValue('8 701 123 45 67');
        await checkAxe(page, javaScriptEnabled);
        await page.locator('#iin').fill('951201401235');
        await page.locator('#birthDate-month').fill('12');
        await page.locator('input[name="citizenship"][value="kz"]').check();
        await next(page);
        await expect(page).toHaveURL(new RegExp(`/${lang}/apply/tasks/$`));
        await page.locator('#task-home').click();

        await expect(page).toHaveURL(new RegExp(`/${lang}/apply/address/$`));
        await page.locator('input[name="district"][value="merke"]').check();
        await page.locator('#settlement').fill('Меркі');
        await page.locator('#street').fill('Сыпатай батыр көшесі, 5');
        await next(page);

        await expect(page).toHaveURL(new RegExp(`/${lang}/apply/household/$`));
        await page.locator('#memberName-1').fill('Гүлнар Нұрланова');
        await page.locator('#memberRelation-1').fill('mother');
        await page.locator('#memberBirthYear-1').fill('1968');
        await next(page);

        await page.locator('input[name="tenure"][value="family"]').check();
        await page.locator('#rooms').fill('4');
        await next(page);
        await page.locator('input[name="employment"][value="employed"]').check();
        // An amount as people type it: with a space between the thousands.
        await page.locator('#monthlyIncome').fill('350 000');
        await next(page);
        await expect(page).toHaveURL(new RegExp(`/${lang}/apply/tasks/$`));
        await page.locator('#task-health').click();
        await page.locator('input[name="listedDisease"][value="no"]').check();
        await page.locator('input[name="dispensary"][value="no"]').check();
        await next(page);
        await page.locator('input[name="record"][value="none"]').check();
        await next(page);
        await page.locator('#task-child').click();
        await page.locator('#ageFrom').fill('3');
        await page.locator('#ageTo').fill('10');
        await page.locator('input[name="siblings"][value="either"]').check();
        await page.locator('input[name="health"][value="any"]').check();
        await next(page);
        await page.locator('#task-documents').click();

        // Documents: the list fits this applicant (she lives with her mother), a disguised file is
        // refused with a message beside the field, a real PDF is added.
        await expect(page).toHaveURL(new RegExp(`/${lang}/apply/documents/$`));
        await expect(page.locator('.document-list li')).toHaveCount(7);
        await checkAxe(page, javaScriptEnabled);
        await page.locator('input[name="kind"][value="income"]').check();
        await page
          .locator('#file')
          .setInputFiles({ name: 'income.pdf', mimeType: 'application/pdf', buffer: disguised });
        await page.getByRole('button', { name: t.upload }).click();
        await expect(page.getByRole('alert')).toContainText(t.wrongType);
        await expect(page.locator('#file-error')).toContainText(t.wrongType);
        await checkAxe(page, javaScriptEnabled);
        // What was chosen is kept after the refusal.
        await expect(page.locator('input[name="kind"][value="income"]')).toBeChecked();
        await page.locator('input[name="kind"][value="identity"]').check();
        await page.locator('#file').setInputFiles({ name: 'passport.pdf', mimeType: 'application/pdf', buffer: pdf });
        await page.getByRole('button', { name: t.upload }).click();
        await expect(page.getByText(t.added)).toBeVisible();
        await expect(page.locator('.document-list')).toContainText('passport.pdf');
        await expect(page.locator('.document-list')).not.toContainText('income.pdf');
        // A file chosen and then "Save and continue" rather than "Upload": uploaded, never lost.
        await page.locator('input[name="kind"][value="medical"]').check();
        await page.locator('#file').setInputFiles({ name: 'medical.pdf', mimeType: 'application/pdf', buffer: pdf });
        await next(page);
        await expect(page).toHaveURL(new RegExp(`/${lang}/apply/tasks/$`));
        await page.locator('#task-send').click();

        await expect(page).toHaveURL(new RegExp(`/${lang}/apply/consent/$`));
        await next(page);
        await expect(page.getByRole('alert')).toBeVisible();
        await page.locator('#consent').check();
        await next(page);

        await expect(page).toHaveURL(new RegExp(`/${lang}/apply/check/$`));
        await expect(page.getByText('Сыпатай батыр көшесі, 5')).toBeVisible();
        await expect(page.locator('#check-documents + dl')).toContainText('passport.pdf');
        await expect(page.locator('#check-documents + dl')).toContainText('medical.pdf');
        // Written the way people read them back.
        await expect(page.locator('main')).toContainText('+7 701 123 45 67');
        await expect(page.locator('main')).toContainText(/350[\s,]000\s₸/);
        await checkAxe(page, javaScriptEnabled);
        // Change one answer from the check page and come back to it.
        await page.locator(`a[href="/${lang}/apply/housing/?return=check"]`).first().click();
        await page.locator('#rooms').fill('5');
        await next(page);
        await expect(page).toHaveURL(new RegExp(`/${lang}/apply/check/$`));
        await expect(page.locator('dd', { hasText: /^5$/ })).toBeVisible();
        // From the check page to the documents and back, even through a refused upload.
        await page.locator(`a[href="/${lang}/apply/documents/?return=check"]`).first().click();
        await page.getByRole('button', { name: t.upload }).click();
        await expect(page.getByRole('alert')).toBeVisible();
        await next(page);
        await expect(page).toHaveURL(new RegExp(`/${lang}/apply/check/$`));

        await next(page);
        await expect(page).toHaveURL(new RegExp(`/${lang}/apply/done/\\?reference=AQ-`));
        const reference = (await page.locator('.reference').textContent())?.trim() ?? '';
        expect(reference).toMatch(/^AQ-[0-9A-Z]{4}-[0-9A-Z]{4}-.$/);
        await checkAxe(page, javaScriptEnabled);
        const confirmation = await lastEmailTo(page, email, new RegExp(reference.replace(/[$*~=]/g, '\\$&')));
        expect(confirmation).not.toContain('Нұрланова');

        // Back to the check page after sending (the back button, an old tab): no blank application
        // is started; the task list leads to the one sent.
        await page.goto(`/${lang}/apply/check/`);
        await expect(page).toHaveURL(new RegExp(`/${lang}/apply/tasks/$`));
        await expect(page.locator('.task-list')).toHaveCount(0);
        await expect(
          page.getByRole('main').getByRole('link', { name: new RegExp(reference.replace(/[$*~=]/g, '\\$&')) }),
        ).toBeVisible();

        await page.goto(`/${lang}/account/`);
        await expect(page.getByText(reference)).toBeVisible();
        // The document uploaded before sending is part of the application.
        await page.goto(`/${lang}/account/${reference}/`);
        const download = page.getByRole('link', { name: 'passport.pdf' });
        const fetched = await page.request.get((await download.getAttribute('href')) ?? '');
        expect(Buffer.from(await fetched.body())).toEqual(pdf);
      });
    }
  });
}

test('a step cannot be opened before the ones before it', async ({ page }) => {
  const email = `apply-order-${Date.now()}@example.kz`;
  await signIn(page, 'en', email);
  await page.goto('/en/apply/health/');
  await expect(page).toHaveURL(/\/en\/apply\/tasks\/$/);
  await page.goto('/en/apply/check/');
  await expect(page).toHaveURL(/\/en\/apply\/tasks\/$/);
  await expect(page.locator('#task-health-status')).toHaveText('Cannot start yet');
});

test('closing the browser loses nothing: signing in again comes back to the task list, where the next section waits', async ({
  browser,
}, testInfo) => {
  const email = `resume-${Date.now()}@example.kz`;
  const headers = { 'X-Forwarded-For': addressOf(testInfo.testId) };
  const first = await browser.newContext({ extraHTTPHeaders: headers });
  const page = await first.newPage();
  const firstCode = await signIn(page, 'kk', email);
  await page.goto('/kk/apply/tasks/');
  await page.locator('#task-form').click();
  await page.locator('input[name="form"][value="guardianship"]').check();
  await next(page);
  await page.locator('#task-people').click();
  await page.locator('#fullName').fill('Нұрлан Серікұлы');
  await page.locator('#iin').fill('880316300129');
  await page.locator('#birthDate-day').fill('16');
  await page.locator('#birthDate-month').fill('3');
  await page.locator('#birthDate-year').fill('1988');
  await page.locator('input[name="sex"][value="male"]').check();
  await page.locator('input[name="citizenship"][value="kz"]').check();
  await page.locator('input[name="maritalStatus"][value="single"]').check();
  await page.locator('#phone').fill('+77011112233');
  await next(page);
  await expect(page).toHaveURL(/\/kk\/apply\/tasks\/$/);
  await first.close();

  // Days later, in a fresh browser, from a link deep into the journey.
  const second = await browser.newContext({ extraHTTPHeaders: headers });
  const again = await second.newPage();
  await again.goto('/kk/apply/housing/');
  await expect(again).toHaveURL(/\/kk\/sign-in\/$/);
  await again.getByLabel(texts.kk.email).fill(email);
  await again.getByRole('button', { name: texts.kk.send }).click();
  let code = firstCode;
  await expect(async () => {
    code = await codeFor(again, email);
    expect(code).not.toBe(firstCode);
  }).toPass({ timeout: 10_000 });
  await again.getByLabel(texts.kk.code).fill(code);
  await again.getByRole('button', { name: texts.kk.signIn }).click();
  // The housing question cannot be answered yet: the task list shows what is done and what is next.
  await expect(again).toHaveURL(/\/kk\/apply\/tasks\/$/);
  await expect(again.locator('#task-people-status')).toHaveClass(/tag-completed/);
  await expect(again.locator('#task-home-status')).toHaveClass(/tag-not-started/);
  await again.locator('#task-people').click();
  await expect(again.locator('#fullName')).toHaveValue('Нұрлан Серікұлы');
  await expect(again.locator('#iin')).toHaveValue('880316300129');
  await expect(again.locator('#birthDate-month')).toHaveValue('03');
  await second.close();
});

test('a warning before the session ends lets the applicant stay signed in; after the end, signing in comes back to the page', async ({
  page,
}) => {
  test.setTimeout(60_000);
  const email = `timeout-${Date.now()}@example.kz`;
  await page.clock.install();
  const firstCode = await signIn(page, 'en', email);
  // The task list starts the draft; its first question is then open.
  await page.goto('/en/apply/tasks/');
  await page.goto('/en/apply/form/');
  const dialog = page.getByRole('dialog', { name: 'You will be signed out soon' });
  await page.clock.fastForward('27:00');
  await expect(dialog).toBeHidden();
  await page.clock.fastForward('01:30');
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('you will be signed out in 2 minutes');
  await expect(page.getByRole('button', { name: 'Stay signed in' })).toBeFocused();
  await checkAxe(page, true);
  await page.clock.fastForward('01:00');
  await expect(dialog).toContainText('you will be signed out in 1 minute.');

  const keptAlive = page.waitForResponse((response) => response.url().endsWith('/en/account/session/'));
  await page.getByRole('button', { name: 'Stay signed in' }).click();
  expect((await keptAlive).status()).toBe(200);
  await expect(dialog).toBeHidden();
  await page.clock.fastForward('27:00');
  await expect(dialog).toBeHidden();

  // The countdown runs out while the session is in fact still alive (in this test, only the
  // page's clock has moved, as when another tab kept it alive): the page stays, nothing typed is lost.
  await page.clock.fastForward('01:30');
  await expect(dialog).toBeVisible();
  await page.evaluate(() => {
    document.body.dataset['notReloaded'] = 'yes';
  });
  await page.clock.fastForward('02:00');
  await expect(dialog).toBeHidden();
  await expect(page.locator('body')).toHaveAttribute('data-not-reloaded', 'yes');
  // The server said how long is really left (about 30 minutes): the next warning comes before that.
  await page.clock.fastForward('26:30');

  // The session ends (here: its cookie is gone); at the end of the countdown the page sends the
  // applicant to sign in, and signing in brings them back to the same question.
  await page.clock.fastForward('01:30');
  await expect(dialog).toBeVisible();
  await page.context().clearCookies();
  await page.clock.fastForward('02:00');
  await expect(page).toHaveURL(/\/en\/sign-in\/$/);
  await page.getByLabel(texts.en.email).fill(email);
  await page.getByRole('button', { name: texts.en.send }).click();
  let code = firstCode;
  await expect(async () => {
    code = await codeFor(page, email);
    expect(code).not.toBe(firstCode);
  }).toPass({ timeout: 10_000 });
  await page.getByLabel(texts.en.code).fill(code);
  await page.getByRole('button', { name: texts.en.signIn }).click();
  await expect(page).toHaveURL(/\/en\/apply\/form\/$/);
});

test('the warning says when the portal cannot be reached, and when staying signed in is no longer possible', async ({
  page,
}) => {
  await page.clock.install();
  await signIn(page, 'ru', `timeout-limits-${Date.now()}@example.kz`);
  await page.goto('/ru/account/');
  const dialog = page.getByRole('dialog', { name: 'Сеанс скоро завершится' });
  await page.clock.fastForward('28:30');
  await expect(dialog).toBeVisible();
  const stay = page.getByRole('button', { name: 'Продолжить сеанс' });

  await page.route('**/ru/account/session/', (route) => route.abort('internetdisconnected'));
  await stay.click();
  await expect(page.getByRole('alert')).toContainText('Не удалось связаться с порталом');
  await expect(stay).toBeFocused();

  // Near the 12-hour limit the server grants less than the warning's two minutes.
  await page.unroute('**/ru/account/session/');
  await page.route('**/ru/account/session/', (route) => route.fulfill({ json: { signedIn: true, secondsLeft: 90 } }));
  await stay.click();
  await expect(dialog).toContainText('войдите снова');
  await expect(stay).toBeHidden();
  await expect(page.getByRole('alert')).toHaveText('');
  await checkAxe(page, true);
});

test('the journey needs a signed-in applicant', async ({ page, baseURL }) => {
  await page.goto('/en/apply/applicant/');
  await expect(page).toHaveURL(/\/en\/sign-in\/$/);
  const keepAlive = await page.request.post('/en/account/session/', { headers: { Origin: baseURL ?? '' } });
  expect(keepAlive.status()).toBe(401);
  expect((await page.request.get('/en/account/session/')).status()).toBe(401);
});

/** Answers every step up to the documents with valid answers (a single applicant living alone). */
async function answerUpToDocuments(page: Page, lang: keyof typeof texts, form = 'guardianship') {
  const steps: [string, Record<string, string>, Record<string, string>][] = [
    ['form', { form }, {}],
    [
      'applicant',
      { sex: 'male', citizenship: 'kz', maritalStatus: 'single' },
      {
        fullName: 'Нұрлан Серікұлы',
        iin: '880316300129',
        'birthDate-day': '16',
        'birthDate-month': '03',
        'birthDate-year': '1988',
        phone: '+77011112233',
      },
    ],
    ['address', { district: 'taraz' }, { settlement: 'Тараз', street: 'Төле би көшесі, 10' }],
    ['household', {}, {}],
    ['housing', { tenure: 'own' }, { rooms: '3' }],
    ['income', { employment: 'self-employed' }, { monthlyIncome: '400000' }],
    ['health', { listedDisease: 'no', dispensary: 'no' }, {}],
    ['criminalRecord', { record: 'none' }, {}],
    ['child', { siblings: 'no', health: 'healthy' }, { ageFrom: '0', ageTo: '5' }],
  ];
  // The task list starts the draft the steps are saved to.
  await page.goto(`/${lang}/apply/tasks/`);
  for (const [step, radios, fields] of steps) {
    await page.goto(`/${lang}/apply/${step}/`);
    await expect(page).toHaveURL(new RegExp(`/apply/${step}/$`));
    for (const [name, value] of Object.entries(radios))
      await page.locator(`input[name="${name}"][value="${value}"]`).check();
    for (const [id, value] of Object.entries(fields)) await page.locator(`#${id}`).fill(value);
    await next(page);
  }
  await page.goto(`/${lang}/apply/documents/`);
  await expect(page).toHaveURL(new RegExp(`/${lang}/apply/documents/$`));
}

/** Answers every step, passes the documents by, and sends the application; returns its reference. */
async function completeApplication(page: Page, lang: keyof typeof texts): Promise<string> {
  await answerUpToDocuments(page, lang);
  await next(page);
  await page.goto(`/${lang}/apply/consent/`);
  await page.locator('#consent').check();
  await next(page);
  await next(page);
  return (await page.locator('.reference').textContent())?.trim() ?? '';
}

test('the applicant follows the application, prints what was sent, and withdraws it; nobody else sees it', async ({
  page,
  browser,
}) => {
  test.setTimeout(90_000);
  const email = `status-${Date.now()}@example.kz`;
  await signIn(page, 'ru', email);
  const reference = await completeApplication(page, 'ru');
  await page.goto('/ru/account/');
  await page.getByRole('link', { name: new RegExp(reference.replace(/[$*~=]/g, '\\$&')) }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(reference);
  await expect(page.getByText('Текущий этап: Заявление подано')).toBeVisible();
  await expect(page.getByText('Төле би көшесі, 10')).toBeVisible();
  await checkAxe(page, true);
  const statusPage = page.url();

  const stranger = await browser.newContext({ extraHTTPHeaders: { 'X-Forwarded-For': '10.250.250.250' } });
  const strangerPage = await stranger.newPage();
  await signIn(strangerPage, 'ru', `stranger-${Date.now()}@example.kz`);
  const response = await strangerPage.goto(statusPage);
  expect(response?.status()).toBe(404);
  await stranger.close();

  // Withdrawing asks first, on a page of its own; "No" changes nothing.
  await page.getByRole('link', { name: 'Отозвать заявление' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(`Отозвать заявление ${reference}?`);
  await checkAxe(page, true);
  await page.getByRole('link', { name: 'Нет, вернуться к заявлению' }).click();
  await expect(page.getByText('Текущий этап: Заявление подано')).toBeVisible();
  await page.getByRole('link', { name: 'Отозвать заявление' }).click();
  await page.getByRole('button', { name: 'Да, отозвать заявление' }).click();
  await expect(page.getByRole('status')).toContainText('Заявление отозвано');
  await expect(page.getByText('Текущий этап: Отозвано заявителем')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Отозвать заявление' })).toHaveCount(0);
  // The same confirmation posted again (a double click, the back button) changes nothing more,
  // and says nothing happened.
  const again = await page.request.post(`${statusPage}withdraw/`, {
    form: { confirm: 'yes' },
    headers: { Origin: new URL(statusPage).origin },
    maxRedirects: 0,
  });
  expect(again.status()).toBe(303);
  expect(again.headers()['location']).not.toContain('withdrawn');
  await page.reload();
  await expect(page.locator('ol.steps li', { hasText: 'Отозвано заявителем' })).toHaveCount(1);
});

test('documents: a real PDF is added and downloaded by its owner only; a disguised one is refused', async ({
  page,
  browser,
}) => {
  test.setTimeout(90_000);
  const email = `documents-${Date.now()}@example.kz`;
  await signIn(page, 'en', email);
  const reference = await completeApplication(page, 'en');
  await page.goto(`/en/account/${reference}/`);
  await expect(page.getByText('No documents yet.')).toBeVisible();

  await page.locator('input[name="kind"][value="income"]').check();
  await page.locator('#file').setInputFiles({ name: 'income.pdf', mimeType: 'application/pdf', buffer: disguised });
  await page.getByRole('button', { name: 'Upload the document' }).click();
  await expect(page.getByRole('alert')).toContainText('Choose a PDF, JPEG or PNG file');
  await expect(page.getByText('No documents yet.')).toBeVisible();

  await page.locator('input[name="kind"][value="identity"]').check();
  await page.locator('#file').setInputFiles({ name: 'passport.pdf', mimeType: 'application/pdf', buffer: pdf });
  await page.getByRole('button', { name: 'Upload the document' }).click();
  await expect(page.getByText('The document has been added.')).toBeVisible();
  await checkAxe(page, true);
  const href = (await page.getByRole('link', { name: 'passport.pdf' }).getAttribute('href')) ?? '';
  const download = await page.request.get(href);
  expect(download.status()).toBe(200);
  expect(download.headers()['content-type']).toBe('application/pdf');
  expect(Buffer.from(await download.body())).toEqual(pdf);

  const stranger = await browser.newContext({ extraHTTPHeaders: { 'X-Forwarded-For': '10.251.251.251' } });
  const strangerPage = await stranger.newPage();
  await signIn(strangerPage, 'en', `documents-stranger-${Date.now()}@example.kz`);
  expect((await strangerPage.request.get(href)).status()).toBe(404);
  expect((await strangerPage.request.get(`/en/account/${reference}/application.pdf`)).status()).toBe(404);
  await stranger.close();

  // The submitted application as a PDF, for its owner.
  const copy = await page.request.get(`/en/account/${reference}/application.pdf`);
  expect(copy.status()).toBe(200);
  expect(copy.headers()['content-type']).toBe('application/pdf');
  expect(
    Buffer.from(await copy.body())
      .subarray(0, 5)
      .toString(),
  ).toBe('%PDF-');

  // "Apply" again after sending leads to the application sent, not to a second blank draft,
  // unless the applicant asks for one.
  await page.goto('/en/apply/tasks/');
  await expect(page.getByRole('link', { name: new RegExp(reference.replace(/[$*~=]/g, '\\$&')) })).toBeVisible();
  await expect(page.locator('.task-list')).toHaveCount(0);
  await page.getByRole('button', { name: 'Start a new application' }).click();
  await expect(page.locator('#task-form-status')).toHaveClass(/tag-not-started/);
});

test('a document is removed from the draft, and deleting the draft deletes its documents', async ({ page }) => {
  test.setTimeout(90_000);
  await signIn(page, 'en', `delete-draft-${Date.now()}@example.kz`);
  await answerUpToDocuments(page, 'en', 'patronage');
  for (const [name, kind] of [
    ['passport.pdf', 'identity'],
    ['salary.pdf', 'income'],
  ] as const) {
    await page.locator(`input[name="kind"][value="${kind}"]`).check();
    await page.locator('#file').setInputFiles({ name, mimeType: 'application/pdf', buffer: pdf });
    await page.getByRole('button', { name: 'Upload the document' }).click();
    await expect(page.getByRole('link', { name, exact: true })).toBeVisible();
  }
  const kept = (await page.getByRole('link', { name: 'salary.pdf', exact: true }).getAttribute('href')) ?? '';
  const removed = (await page.getByRole('link', { name: 'passport.pdf', exact: true }).getAttribute('href')) ?? '';
  // Removing asks first, on a page of its own.
  await page.getByRole('link', { name: 'Remove passport.pdf' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Remove this document?');
  await checkAxe(page, true);
  await page.getByRole('button', { name: 'Yes, remove it' }).click();
  await expect(page.getByText('The document has been removed.')).toBeVisible();
  await expect(page.getByRole('link', { name: 'passport.pdf', exact: true })).toHaveCount(0);
  expect((await page.request.get(removed)).status()).toBe(404);
  expect((await page.request.get(kept)).status()).toBe(200);

  // Deleting the draft asks first, then takes the answers and the documents with it.
  await page.goto('/en/account/');
  await page.getByRole('link', { name: 'Delete the draft' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Delete your draft application?');
  await checkAxe(page, true);
  await page.getByRole('button', { name: 'Yes, delete the draft' }).click();
  await expect(page).toHaveURL(/\/en\/account\/\?deleted=1$/);
  await expect(page.getByText('Your draft application and its documents have been deleted.')).toBeVisible();
  expect((await page.request.get(kept)).status()).toBe(404);
  await page.goto('/en/apply/tasks/');
  await expect(page.locator('#task-form-status')).toHaveClass(/tag-not-started/);
});

test('a request body larger than any document is refused with 413, before it is read', async ({ baseURL }) => {
  // Only the headers are sent: the server must answer from the declared length alone.
  const status = await new Promise<number>((resolve, reject) => {
    const request = httpRequest(
      `${baseURL ?? ''}/en/sign-in/`,
      {
        method: 'POST',
        headers: {
          Origin: baseURL ?? '',
          'Content-Type': 'application/octet-stream',
          'Content-Length': String(12 * 1024 * 1024),
        },
      },
      (response) => {
        resolve(response.statusCode ?? 0);
        response.resume();
        request.destroy();
      },
    );
    request.on('error', reject);
    request.flushHeaders();
  });
  expect(status).toBe(413);
});
