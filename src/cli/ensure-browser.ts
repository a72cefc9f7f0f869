/**
 * Makes sure the browser tests have a browser. Playwright cannot download its own here, so the
 * tests use Debian's Chromium: installed with apt-get when we are root on Debian, otherwise this
 * stops with the one command to run.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromiumPath } from './browser-path.ts';

const browser = chromiumPath();
const packages = ['chromium', 'fonts-noto-core'];

if (existsSync(browser)) process.exit(0);

const canInstall = process.getuid?.() === 0 && existsSync('/usr/bin/apt-get') && !process.env['CHROMIUM_PATH'];
if (!canInstall) {
  console.error(
    `The browser tests need Chromium at ${browser}. Install it with:\n  sudo apt-get update && sudo apt-get install -y ${packages.join(' ')}\n` +
      'or set CHROMIUM_PATH to a Chromium or Chrome binary.',
  );
  process.exit(1);
}
console.log(`Installing ${packages.join(' ')} from Debian for the browser tests…`);
execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
execFileSync('apt-get', ['install', '-y', '-qq', ...packages], {
  stdio: 'inherit',
  env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
});
if (!existsSync(browser)) {
  console.error(`apt-get finished but ${browser} is still missing; set CHROMIUM_PATH to the installed browser.`);
  process.exit(1);
}
