/** What several browser tests share: a network address per test, and reading the development mailbox. */
import { expect, type Page } from '@playwright/test';

/** A network address of its own for each test, so the per-address limits count each visitor apart. */
export function addressOf(testId: string): string {
  let hash = 0;
  for (const character of testId) hash = (hash * 31 + character.charCodeAt(0)) >>> 0;
  return `10.${(hash >> 16) & 255}.${(hash >> 8) & 255}.${hash & 255}`;
}

/** The text of the newest email to this address in the development mailbox, once it has arrived. */
export async function lastEmailTo(page: Page, email: string, containing: RegExp): Promise<string> {
  let text = '';
  await expect(async () => {
    const html = await (await page.request.get('/dev/mailbox/')).text();
    const article = html
      .split('<article')
      .find((part) => part.includes(`data-recipient="${email}"`) && containing.test(part));
    expect(article).toBeDefined();
    text = article ?? '';
  }).toPass({ timeout: 10_000 });
  return text;
}

/** The newest sign-in code sent to this address. */
export async function codeFor(page: Page, email: string): Promise<string> {
  return /\b(\d{6})\b/.exec(await lastEmailTo(page, email, /\b\d{6}\b/))?.[1] ?? '';
}
