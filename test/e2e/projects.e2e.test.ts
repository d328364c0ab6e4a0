import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCreditCode } from '../../common/credit-code';
import { ARTIFACTS, HAS_CHROMIUM, launchChromium, login, requireChromium, SKIP_REASON } from '../helpers/browser';
import { startTestServer } from '../helpers/server';

/**
 * Measure 3 in a real browser (Debian's Chromium), in Chinese: the office registers a
 * contract-research project (completers 50/30/20, the third a head of the institution, 5% fee,
 * 70% to the completers) → records a receipt of 100万 and direct costs of 55万 → accepts with
 * confirmation (the surplus of 40万 is recognised) → previews the allocation with its
 * explanation → allocates 14万 / 8.4万 / 5.6万 in cash. Screenshots go to test-results/.
 */

requireChromium('projects browser test');

type Server = Awaited<ReturnType<typeof startTestServer>>;

const poll = <T>(fn: () => Promise<T>) => expect.poll(fn, { timeout: 30_000, interval: 200 });

async function clickFor(page: Page, locator: Locator, method: string, pathEnd: string): Promise<number> {
  const [response] = await Promise.all([page.waitForResponse((r) => r.request().method() === method && new URL(r.url()).pathname.endsWith(pathEnd)), locator.click()]);
  return response.status();
}

describe.skipIf(!HAS_CHROMIUM)(HAS_CHROMIUM ? 'contract-research surplus in Chromium' : `contract-research surplus in Chromium — skipped: ${SKIP_REASON}`, () => {
  let server: Server;
  let browser: Browser;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('register → receipt and cost → acceptance → allocation explained and recorded', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    context.setDefaultTimeout(15_000);
    context.on('weberror', (e) => pageErrors.push(String(e.error())));
    const page = await context.newPage();
    await login(page, server.url, 'tto@demo.keqiao.cn', server.demoAccounts[0]!.password);

    await page.goto(`${server.url}/projects`);
    await page.getByTestId('page-projects').waitFor();
    await page.getByTestId('project-create').click();
    const modal = page.getByTestId('project-create-modal');
    await page.getByTestId('project-title').fill('深远海养殖网箱水质监测系统技术开发');
    await page.getByTestId('project-client-name').fill('青岛蓝鲸海洋科技有限公司');
    await page.getByTestId('project-client-code').fill(makeCreditCode('91370212MA3C00001'));
    await page.getByTestId('project-contract-no').fill('HX-2026-018');
    await page.getByTestId('completer-name-0').fill('王海洋');
    await page.getByTestId('completer-share-0').fill('50');
    await page.getByTestId('completer-add').click();
    await page.getByTestId('completer-name-1').fill('刘波');
    await page.getByTestId('completer-share-1').fill('30');
    await poll(() => page.getByTestId('completer-sum').textContent()).toContain('现为 80%');
    await page.getByTestId('completer-add').click();
    await page.getByTestId('completer-name-2').fill('李校长');
    await page.getByTestId('completer-share-2').fill('20');
    await modal.locator('.ant-checkbox-input').nth(2).check();
    await poll(() => page.getByTestId('completer-sum').textContent()).toBe('合计 100%');
    await page.screenshot({ path: path.join(ARTIFACTS, 'projects-create.png') });
    expect(await clickFor(page, modal.locator('.ant-modal-footer .ant-btn-primary'), 'POST', '/projects')).toBe(201);
    await page.waitForURL((url) => /^\/projects\/[0-9a-f-]{36}$/.test(url.pathname));
    await page.getByTestId('project-detail').waitFor();

    // A receipt of 100万 and direct costs of 55万, each with evidence.
    await page.getByTestId('project-add-receipts').click();
    const receipts = page.getByTestId('project-receipts-modal');
    await receipts.getByTestId('entry-label').fill('合同款');
    await receipts.getByTestId('entry-amount').fill('100万');
    await receipts.getByTestId('entry-evidence').fill('银行回单 HX-01');
    expect(await clickFor(page, page.getByTestId('project-receipts-modal').locator('.ant-modal-footer .ant-btn-primary'), 'POST', '/receipts')).toBe(201);
    await page.getByTestId('project-add-costs').click();
    const costs = page.getByTestId('project-costs-modal');
    await costs.getByTestId('entry-label').fill('材料与测试');
    await costs.getByTestId('entry-amount').fill('550,000');
    await costs.getByTestId('entry-evidence').fill('发票 FP-01');
    expect(await clickFor(page, page.getByTestId('project-costs-modal').locator('.ant-modal-footer .ant-btn-primary'), 'POST', '/costs')).toBe(201);
    await poll(() => page.getByTestId('figure-surplus').getAttribute('data-value')).toBe('400000.00');

    // Acceptance asks for confirmation, showing the surplus.
    await page.getByTestId('project-accept').click();
    await page.getByTestId('acceptance-document').fill('验收意见 YS-2026-07');
    await page.getByTestId('final-accounts-document').fill('决算报告 JS-2026-07');
    await page.getByTestId('acceptance-ok').click();
    await poll(() => page.getByTestId('acceptance-confirm').textContent()).toContain('¥400,000.00');
    expect(await clickFor(page, page.getByTestId('acceptance-ok'), 'POST', '/acceptance')).toBe(200);
    await poll(() => page.getByTestId('page-project-detail').getByTestId('project-status').getAttribute('data-status')).toBe('accepted');

    // The allocation: preview with explanations, then confirm.
    expect(await clickFor(page, page.getByTestId('allocation-preview'), 'POST', '/allocation/preview')).toBe(200);
    const preview = page.getByTestId('allocation-preview-result');
    await poll(() => preview.getByTestId('allocation-cash-part').allTextContents()).toEqual(['¥140,000.00', '¥84,000.00', '¥56,000.00']);
    expect(await preview.getByTestId('allocation-lines').textContent()).toContain('280000.00 × 50/100');
    await page.screenshot({ path: path.join(ARTIFACTS, 'projects-allocation-preview.png'), fullPage: true });
    await page.getByTestId('allocation-submit').click();
    expect(await clickFor(page, page.getByTestId('allocation-confirm'), 'POST', '/allocation')).toBe(201);
    await poll(() => page.getByTestId('page-project-detail').getByTestId('project-status').getAttribute('data-status')).toBe('allocated');
    await page.getByTestId('project-allocation').waitFor();
    expect(await page.getByTestId('project-allocation').getByTestId('allocation-totals').textContent()).toContain('¥280,000.00');
    await page.screenshot({ path: path.join(ARTIFACTS, 'projects-allocated.png'), fullPage: true });
    expect(pageErrors).toEqual([]);
  }, 180_000);
});
