import fs from 'node:fs';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, HAS_CHROMIUM, login, requireChromium, SKIP_REASON, settled } from '../helpers/browser';
import { startTestServer } from '../helpers/server';

/**
 * The shared form-in-a-modal (web/components/form-modal.tsx) with useApiMutation, through the
 * password change: an API error keeps the modal open with the standard notice, a reopened form
 * is empty, success shows its message and closes the modal.
 */

requireChromium('browser tests');

describe.skipIf(!HAS_CHROMIUM)(HAS_CHROMIUM ? 'password change in Chromium' : `password change in Chromium — skipped: ${SKIP_REASON}`, () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Browser;

  beforeAll(async () => {
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    server = await startTestServer();
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows the error in the modal, starts afresh when reopened, closes on success', async () => {
    const page = await browser.newPage({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const account = server.demoAccounts.find((a) => a.role === 'researcher')!;
    await login(page, server.url, account.login, account.password);
    const submit = page.getByTestId('change-password-modal-submit');
    const inputs = page.locator('[data-testid="change-password-modal"] input[type="password"]');
    const open = async () => {
      await page.getByTestId('user-menu').click();
      await settled(page.getByTestId('change-password'));
      await page.getByTestId('change-password').click();
      await expect.poll(() => submit.isVisible()).toBe(true);
    };
    const fill = async (current: string) => {
      await inputs.nth(0).fill(current);
      await inputs.nth(1).fill('new-password-123');
      await inputs.nth(2).fill('new-password-123');
    };

    await open();
    await fill('wrong-password-1');
    await submit.click();
    await expect.poll(async () => (await page.locator('.ant-message').textContent()) ?? '').toContain('原密码不正确');
    expect(await submit.isVisible()).toBe(true);

    await page.keyboard.press('Escape');
    await expect.poll(() => submit.isVisible()).toBe(false);
    await open();
    expect(await inputs.nth(0).inputValue()).toBe('');

    await fill(account.password);
    await submit.click();
    await expect.poll(async () => (await page.locator('.ant-message').textContent()) ?? '').toContain('密码已修改');
    await expect.poll(() => submit.isVisible()).toBe(false);
    await page.close();
  }, 60_000);
});
