/** "Can I take a child?": the self-check answers in the visitor's language, with or without JavaScript. */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { followMenuLink, strings } from './helpers.ts';

/** The strings the tests look for, by UI key, in one language. */
function textsIn(lang: 'kk' | 'ru' | 'en') {
  const t = strings(lang);
  return {
    nav: t('nav.eligibility'),
    age: t('eligibility.q.age'),
    submit: t('eligibility.submit'),
    result: t('eligibility.resultsHeading'),
    can: t('eligibility.verdict.can'),
    cannot: t('eligibility.verdict.cannot'),
    problem: t('form.errorSummary'),
  };
}

const texts = { kk: textsIn('kk'), ru: textsIn('ru'), en: textsIn('en') };

/** Answers every question as an eligible applicant would, except where `overrides` say otherwise. */
async function answerAll(page: Page, lang: keyof typeof texts, overrides: Record<string, string> = {}) {
  await page.getByLabel(texts[lang].age).fill(overrides['age'] ?? '34');
  const choices: Record<string, string> = {
    sex: 'female',
    citizenship: 'kz',
    married: 'yes',
    limitedCapacity: 'no',
    lostParentalRights: 'no',
    pastRemoval: 'no',
    health: 'fit',
    dispensary: 'no',
    criminalRecord: 'no',
    permanentResidence: 'yes',
    income: 'covers',
    ...overrides,
  };
  for (const [name, value] of Object.entries(choices)) {
    if (name === 'age') continue;
    await page.locator(`input[name="${name}"][value="${value}"]`).check();
  }
}

for (const javaScriptEnabled of [true, false]) {
  test.describe(javaScriptEnabled ? 'with JavaScript' : 'without JavaScript', () => {
    test.use({ javaScriptEnabled });
    for (const lang of ['kk', 'ru', 'en'] as const) {
      test(`a visitor checks whether they may take a child, in ${lang}`, async ({ page }) => {
        const t = texts[lang];
        await page.goto(`/${lang}/`);
        await followMenuLink(page, t.nav);
        await answerAll(page, lang);
        await page.getByRole('button', { name: t.submit }).click();
        await expect(page.getByRole('heading', { name: t.result })).toBeVisible();
        await expect(page.getByText(t.can)).toHaveCount(7);
        if (javaScriptEnabled) {
          const results = await new AxeBuilder({ page })
            .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
            .analyze();
          expect(results.violations.map((violation) => violation.id)).toEqual([]);
        }
      });
    }
  });
}

test('a restriction is explained with its article, and the answers are not in the address', async ({ page }) => {
  await page.goto('/en/eligibility/');
  await answerAll(page, 'en', { dispensary: 'yes' });
  await page.getByRole('button', { name: texts.en.submit }).click();
  const adoption = page
    .locator('.outcome')
    .filter({ has: page.getByRole('heading', { name: /adopt/i }) })
    .first();
  await expect(adoption.getByText(texts.en.cannot)).toBeVisible();
  await expect(
    adoption.getByText(/narcological or psychiatric dispensaries may not adopt \(article 91\)/),
  ).toBeVisible();
  // For the other forms the same answer is a question for the authority, not a refusal.
  await expect(page.getByText(texts.en.cannot)).toHaveCount(1);
  expect(page.url()).toMatch(/\/en\/eligibility\/$/);
});

test('unanswered questions are listed in the error summary, and the answers given are kept', async ({ page }) => {
  await page.goto('/ru/eligibility/');
  await page.getByLabel(texts.ru.age).fill('сорок');
  await page.locator('input[name="married"][value="yes"]').check();
  await page.getByRole('button', { name: texts.ru.submit }).click();
  const summary = page.getByRole('alert');
  await expect(summary).toContainText(texts.ru.problem);
  await expect(summary).toContainText('Введите возраст числом полных лет, например 35');
  await expect(summary).toContainText('Укажите, Вы женщина или мужчина');
  await expect(page).toHaveTitle(/^Ошибка:/);
  await expect(page.locator('input[name="married"][value="yes"]')).toBeChecked();
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  expect(results.violations.map((violation) => violation.id)).toEqual([]);
});

test('an age left empty is a question to answer, never a verdict', async ({ page }) => {
  await page.goto('/en/eligibility/');
  await answerAll(page, 'en', { age: '' });
  await page.getByRole('button', { name: texts.en.submit }).click();
  await expect(page.getByRole('alert')).toContainText('Enter your age in full years');
  await expect(page.getByRole('heading', { name: texts.en.result })).toHaveCount(0);
  await expect(page.getByText(texts.en.cannot)).toHaveCount(0);
});

test('hostile input gets a clear answer, never a server error', async ({ request, baseURL }) => {
  const hostile = [
    { age: '<script>alert(1)</script>', sex: "' or 1=1 --" },
    { age: '9'.repeat(20_000) },
    { age: '30', sex: 'female', unknownField: 'x', childAge: '-5' },
    { age: '\u0000\u0007', health: '\u202e' },
  ];
  for (const form of hostile) {
    const response = await request.post('/kk/eligibility/', { form, headers: { Origin: baseURL ?? '' } });
    expect(response.status(), JSON.stringify(form).slice(0, 60)).toBe(422);
    // What was typed comes back only inside a quoted value="…", where it is inert text.
    expect((await response.text()).replace(/value="[^"]*"/g, '')).not.toContain('<script>alert(1)</script>');
  }
  // More than any answer needs is refused before the page reads it, with a page in its language.
  const flood = await request.post('/kk/eligibility/', {
    form: { age: '9'.repeat(100_000) },
    headers: { Origin: baseURL ?? '' },
  });
  expect(flood.status()).toBe(413);
  expect(await flood.text()).toContain('Артқа оралу');
});
