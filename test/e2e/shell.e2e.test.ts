import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../common/roles';
import { MENU_KEYS, type MenuKey, menuFor } from '../../web/access';
import enMenu from '../../web/locales/en-US/menu';
import zhMenu from '../../web/locales/zh-CN/menu';
import { ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, HAS_CHROMIUM, login, requireChromium, SKIP_REASON, settled } from '../helpers/browser';
import { startTestServer } from '../helpers/server';

/**
 * The web shell in a real browser (Debian's Chromium, never a downloaded one): every demo role
 * signs in, sees its navigation and not another role's, switches language and back, and signs
 * out; on a phone-sized screen the navigation opens as a drawer. Screenshots go to test-results/.
 */

requireChromium('browser tests');

type Server = Awaited<ReturnType<typeof startTestServer>>;

/** The first menu entry the role must not see (every role lacks at least one). */
function forbiddenEntry(role: Role): MenuKey {
  const visible = new Set(menuFor(role));
  const key = MENU_KEYS.find((k) => !visible.has(k));
  if (!key) throw new Error(`role ${role} sees every menu entry; the test needs one it must not see`);
  return key;
}

const nav = (page: Page, key: MenuKey) => page.getByTestId(`nav-${key}`);
/** The page a menu entry opens carries data-testid `page-<id>` (web/components/page-header.tsx). */
const pageOf = (page: Page, key: MenuKey) => page.getByTestId(`page-${key === 'ownOrganisation' ? 'org-detail' : key}`);
const text = async (locator: Locator) => ((await locator.textContent()) ?? '').trim();

async function logout(page: Page) {
  await page.getByTestId('user-menu').click();
  await settled(page.getByTestId('logout'));
  await page.getByTestId('logout').click();
  await page.waitForURL((url) => url.pathname === '/login', { timeout: 15_000 });
  // A deliberate sign-out does not bring the next person back to this person's page.
  expect(new URL(page.url()).search).toBe('');
  await expect.poll(() => page.getByTestId('login-submit').isVisible()).toBe(true);
}

describe.skipIf(!HAS_CHROMIUM)(HAS_CHROMIUM ? 'web shell in Chromium' : `web shell in Chromium — skipped: ${SKIP_REASON}`, () => {
  let server: Server;
  let context: BrowserContext;
  let profileDir: string;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    server = await startTestServer();
    profileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chromium-profile-'));
    context = await chromium.launchPersistentContext(profileDir, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1280, height: 800 },
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      args: CHROMIUM_ARGS,
    });
    context.setDefaultTimeout(10_000);
    context.on('weberror', (e) => pageErrors.push(String(e.error())));
  }, 180_000);

  afterAll(async () => {
    await context?.close();
    await server?.close();
    if (profileDir) fs.rmSync(profileDir, { recursive: true, force: true });
  });

  it('serves a demo account for every role', () => {
    expect(new Set(server.demoAccounts.map((a) => a.role))).toEqual(new Set(ROLES));
  });

  it('shows the login page in Chinese without the demo accounts', async () => {
    const page = await context.newPage();
    await page.goto(`${server.url}/login`);
    await expect.poll(() => page.getByTestId('login-submit').isVisible()).toBe(true);
    expect(await page.getByTestId('login-card').textContent()).toContain('科桥');
    const body = (await page.locator('body').textContent()) ?? '';
    for (const account of server.demoAccounts) expect(body).not.toContain(account.login);
    await page.screenshot({ path: path.join(ARTIFACTS, 'login.png'), fullPage: true });
    await page.close();
  });

  for (const role of ROLES) {
    it(`${role}: signs in, sees its navigation, switches language, signs out`, async () => {
      const account = server.demoAccounts.find((a) => a.role === role);
      expect(account, `demo account for ${role}`).toBeDefined();
      const page = await context.newPage();
      try {
        await login(page, server.url, account!.login, account!.password);

        const expected = menuFor(role);
        for (const key of expected) {
          await expect.poll(() => nav(page, key).isVisible(), { message: `nav-${key} visible for ${role}` }).toBe(true);
          expect(await text(nav(page, key))).toBe(zhMenu[key]);
        }
        const forbidden = forbiddenEntry(role);
        expect(await nav(page, forbidden).count(), `nav-${forbidden} hidden for ${role}`).toBe(0);

        // The last entry opens its page (lazy chunk loaded, no error or 403 page).
        const last = expected[expected.length - 1]!;
        await nav(page, last).click();
        await expect.poll(() => pageOf(page, last).isVisible(), { message: `page of ${last}` }).toBe(true);
        expect(await page.locator('.ant-result-403, .ant-result-error').count()).toBe(0);
        await page.waitForLoadState('networkidle');
        await page.screenshot({ path: path.join(ARTIFACTS, `shell-${role}.png`) });

        await page.getByTestId('lang-switch').click();
        await expect.poll(() => text(nav(page, 'home'))).toBe(enMenu.home);
        expect(await text(nav(page, last))).toBe(enMenu[last]);
        if (role === 'admin') await page.screenshot({ path: path.join(ARTIFACTS, `shell-${role}-en.png`) });

        await page.getByTestId('lang-switch').click();
        await expect.poll(() => text(nav(page, 'home'))).toBe(zhMenu.home);

        await logout(page);
      } finally {
        await page.close();
      }
    }, 60_000);
  }

  it('opens the navigation as a drawer on a 375×667 screen', async () => {
    const account = server.demoAccounts.find((a) => a.role === 'tto_officer')!;
    const page = await context.newPage();
    try {
      await page.setViewportSize({ width: 375, height: 667 });
      await login(page, server.url, account.login, account.password);
      await expect.poll(() => page.getByTestId('menu-toggle').isVisible()).toBe(true);
      expect(await nav(page, 'home').isVisible()).toBe(false);
      await page.screenshot({ path: path.join(ARTIFACTS, 'mobile-home.png') });

      await page.getByTestId('menu-toggle').click();
      const drawer = page.locator('.ant-drawer-open');
      await expect.poll(() => drawer.isVisible()).toBe(true);
      await expect.poll(() => drawer.getByTestId('nav-contracts').isVisible()).toBe(true);
      await page.screenshot({ path: path.join(ARTIFACTS, 'mobile-drawer.png') });

      // Choosing an entry navigates and closes the drawer.
      await drawer.getByTestId('nav-contracts').click();
      await page.waitForURL((url) => url.pathname === '/contracts');
      await expect.poll(() => pageOf(page, 'contracts').isVisible()).toBe(true);
      await expect.poll(() => page.locator('.ant-drawer-open').count()).toBe(0);
      // Nothing overflows the phone's width.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
      await logout(page);
    } finally {
      await page.close();
    }
  }, 60_000);

  it('raised no uncaught errors in the pages', () => {
    expect(pageErrors).toEqual([]);
  });
});
