import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Locator, type Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';

/**
 * What every browser test shares: Debian's Chromium (never a downloaded one), where screenshots
 * go, the rule that CI (KEQIAO_REQUIRE_BROWSER=1) fails instead of skipping, and the steps every
 * journey takes (sign in, wait for a popup to settle).
 */

export const CHROMIUM = '/usr/bin/chromium';
export const HAS_CHROMIUM = fs.existsSync(CHROMIUM);
export const ARTIFACTS = path.join(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..'), 'test-results');
export const SKIP_REASON = `${CHROMIUM} is not installed (apt-get install -y --no-install-recommends chromium fonts-noto-cjk)`;
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Without Chromium: a visible skip on a developer's machine, a failing test in CI. */
export function requireChromium(what: string) {
  const required = process.env.KEQIAO_REQUIRE_BROWSER === '1';
  if (!HAS_CHROMIUM && !required) console.warn(`[e2e] SKIPPED ${what}: ${SKIP_REASON}`);
  describe.runIf(required && !HAS_CHROMIUM)(`${what} required (KEQIAO_REQUIRE_BROWSER=1)`, () => {
    it('has Chromium', () => {
      expect.fail(SKIP_REASON);
    });
  });
}

export function launchChromium() {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

export async function login(page: Page, baseUrl: string, account: string, password: string) {
  await page.goto(`${baseUrl}/login`);
  await page.getByTestId('login-account').fill(account);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((url) => url.pathname === '/', { timeout: 15_000 });
}

/** Waits until a popup item has stopped moving (opening motion and alignment done). */
export async function settled(locator: Locator) {
  await locator.waitFor({ state: 'visible' });
  let previous = '';
  await expect
    .poll(async () => {
      const box = JSON.stringify(await locator.boundingBox());
      const same = box === previous;
      previous = box;
      return same;
    })
    .toBe(true);
}
