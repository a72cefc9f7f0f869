/** What several browser tests share: a network address per test, the UI strings, and reading the emails the portal sent. */
import { readFileSync } from 'node:fs';
import { expect, type Page } from '@playwright/test';
import { mailPort } from '../../.config/playwright.config.ts';

/** A network address of its own for each test, so the per-address limits count each visitor apart. */
export function addressOf(testId: string): string {
  let hash = 0;
  for (const character of testId) hash = (hash * 31 + character.charCodeAt(0)) >>> 0;
  return `10.${(hash >> 16) & 255}.${(hash >> 8) & 255}.${hash & 255}`;
}

/**
 * The UI strings of a language, by key: a test names what it looks for by key, so rewording a
 * string does not break it, and a key that is not there fails the test at once.
 */
export function strings(lang: string): (key: string) => string {
  const table = JSON.parse(readFileSync(`src/i18n/ui/${lang}.json`, 'utf8')) as Record<string, string>;
  return (key) => {
    const text = table[key];
    if (text === undefined) throw new Error(`no ${lang} string ${key}`);
    return text;
  };
}

interface SentEmail {
  to: string[];
  subject: string;
  text: string;
  html: string;
}

/**
 * The text of the newest email to this address that the portal sent through the mail service
 * (tests/support/mail-service.ts), once it has arrived.
 */
export async function lastEmailTo(page: Page, email: string, containing: RegExp): Promise<string> {
  let text = '';
  await expect(async () => {
    const sent = (await (await page.request.get(`http://127.0.0.1:${mailPort}/emails`)).json()) as SentEmail[];
    const found = sent.findLast((message) => message.to.includes(email) && containing.test(message.text));
    expect(found).toBeDefined();
    text = found?.text ?? '';
  }).toPass({ timeout: 10_000 });
  return text;
}

/**
 * Signs in as `email` through the English sign-in pages, reading the code from the email; returns
 * the session cookie as a `Cookie` header, for requests written by hand.
 */
export async function signInAs(page: Page, email: string): Promise<string> {
  await page.goto('/en/sign-in/');
  await page.getByLabel('Email address').fill(email);
  await page.getByRole('button', { name: 'Send me a code' }).click();
  await page.getByLabel('Code from the email').fill(await codeFor(page, email));
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/en\/account\/$/);
  const session = (await page.context().cookies()).find((cookie) => cookie.name.endsWith('alaqan_session'));
  return `${session?.name ?? ''}=${session?.value ?? ''}`;
}

/** The newest sign-in code sent to this address. */
export async function codeFor(page: Page, email: string): Promise<string> {
  return /\b(\d{6})\b/.exec(await lastEmailTo(page, email, /\b\d{6}\b/))?.[1] ?? '';
}

/**
 * Follows a link of the main menu as a reader would: on a phone the menu is folded behind
 * "Menu" (a disclosure that needs no script), so it is unfolded first; on a wide screen it is a row.
 */
export async function followMenuLink(page: Page, name: string): Promise<void> {
  const fold = page.locator('.menu-disclosure > summary');
  if (await fold.isVisible()) await fold.click();
  await page.getByRole('navigation').getByRole('link', { name, exact: true }).filter({ visible: true }).click();
}
