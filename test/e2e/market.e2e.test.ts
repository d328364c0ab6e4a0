import path from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, HAS_CHROMIUM, launchChromium, login, requireChromium, SKIP_REASON } from '../helpers/browser';
import { startTestServer } from '../helpers/server';

/**
 * The market in a real browser, in Chinese, on a phone-sized screen: a firm posts a demand in
 * plain words (no field chosen) → sees explained matches, the dissolved-oxygen sensing listing
 * first with "缺氧 → 溶解氧" → marks it relevant → opens the listing; then searches the market by
 * pinyin and sees the highlighted hit. Screenshots go to test-results/.
 */

requireChromium('market browser test');

type Server = Awaited<ReturnType<typeof startTestServer>>;
const FIRM = 'enterprise@demo.keqiao.cn';
const poll = <T>(fn: () => Promise<T>) => expect.poll(fn, { timeout: 30_000, interval: 200 });

describe.skipIf(!HAS_CHROMIUM)(HAS_CHROMIUM ? 'market in Chromium' : `market in Chromium — skipped: ${SKIP_REASON}`, () => {
  let server: Server;
  let browser: Browser;
  let context: BrowserContext;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', isMobile: true, hasTouch: true });
    context.setDefaultTimeout(15_000);
    context.on('weberror', (e) => pageErrors.push(String(e.error())));
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('a firm posts a demand in plain words, sees explained matches, gives feedback, searches by pinyin', async () => {
    const password = server.demoAccounts[0]!.password;
    const page = await context.newPage();
    await login(page, server.url, FIRM, password);
    await page.goto(`${server.url}/market/demands/new`);
    await page.getByTestId('demand-title').fill('网箱里的鱼夏天老缺氧');
    await page.getByTestId('demand-description').fill('我们在黄岛有二十几个网箱，一到夏天鱼就浮头，死了不少，想早点知道水里缺氧。<script>alert(1)</script>');
    await page.screenshot({ path: path.join(ARTIFACTS, 'market-demand-form.png'), fullPage: true });
    const [res] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/api/v1/market/demands')), page.getByTestId('demand-submit').click()]);
    expect(res.status()).toBe(201);
    await page.waitForURL((u) => /^\/market\/demands\/[0-9a-f-]{36}$/.test(u.pathname));
    // Stored and shown as text.
    await poll(() => page.getByTestId('demand-description').textContent()).toContain('<script>alert(1)</script>');
    const first = page.getByTestId('demand-match').first();
    await poll(() => first.textContent()).toContain('基于原位荧光传感的深远海网箱溶解氧监测系统');
    expect(await first.getByTestId('match-explanation').textContent()).toContain('缺氧 → 溶解氧');
    await page.screenshot({ path: path.join(ARTIFACTS, 'market-demand-matches.png'), fullPage: true });
    const [fb] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/feedback')), first.getByTestId('feedback-relevant').click()]);
    expect(fb.status()).toBe(201);
    await first.getByRole('link').first().click();
    await page.getByTestId('page-market-listing').waitFor();
    expect(await page.getByTestId('listing-problem').isVisible()).toBe(true);

    await page.goto(`${server.url}/market?q=rongjieyang`);
    await poll(() => page.getByTestId('market-hit').first().textContent()).toContain('溶解氧');
    expect(await page.getByTestId('market-hit').first().locator('mark').first().textContent()).toBe('溶解氧');
    await page.screenshot({ path: path.join(ARTIFACTS, 'market-search.png'), fullPage: true });
    expect(pageErrors).toEqual([]);
  }, 180_000);
});
