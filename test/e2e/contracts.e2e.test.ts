import path from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleAchievement } from '../helpers/achievements';
import { ARTIFACTS, HAS_CHROMIUM, launchChromium, login, requireChromium, SKIP_REASON } from '../helpers/browser';
import { httpLogin, startTestServer } from '../helpers/server';

/**
 * A use-first-pay-later licence in a real browser (Debian's Chromium), in Chinese: the firm applies
 * on a public achievement → the office sets the terms (zero entry, a milestone on first revenue,
 * a 3% royalty) → both sign → the office brings it into force → the firm reports revenue → the
 * obligations appear on the statement → the office records a payment of what is owed (double
 * clicked: recorded once) → the statement shows it settled. Screenshots go to test-results/.
 */

requireChromium('contracts browser test');

type Server = Awaited<ReturnType<typeof startTestServer>>;

const OFFICE = 'tto@demo.keqiao.cn';
const FIRM = 'enterprise@demo.keqiao.cn';

/** A public achievement of the demo university, as its office publishes it (see contracts.test.ts). */
async function publicAchievement(baseUrl: string, password: string, title: string): Promise<string> {
  const office = await httpLogin(baseUrl, OFFICE, password);
  const me = await office<{ memberships: Array<{ organisationId: string; role: string }> }>('GET', '/api/v1/me');
  const orgId = me.memberships.find((m) => m.role === 'tto_officer')!.organisationId;
  const a = await office<{ id: string }>('POST', `/api/v1/orgs/${orgId}/achievements`, sampleAchievement({ title, completers: [{ name: '王海洋', share: '100' }] }));
  for (const step of ['submit', 'accept']) await office('POST', `/api/v1/achievements/${a.id}/${step}`);
  await office('POST', `/api/v1/achievements/${a.id}/assess`, { trl: 6 });
  await office('POST', `/api/v1/achievements/${a.id}/publish`);
  return a.id;
}

const attr = (locator: Locator, name: string) => locator.getAttribute(name);
/** Polls patiently: the machine is shared, and a server answer can take seconds. */
const poll = <T>(fn: () => Promise<T>) => expect.poll(fn, { timeout: 30_000, interval: 200 });
/** The status tag in the contract page's header. */
const status = (page: Page) => attr(page.getByTestId('page-contract-detail').getByTestId('contract-status').first(), 'data-status');

/** Clicks and waits for the API answer the click causes; returns its status. */
async function clickFor(page: Page, locator: Locator, method: string, pathEnd: string): Promise<number> {
  const [response] = await Promise.all([page.waitForResponse((r) => r.request().method() === method && new URL(r.url()).pathname.endsWith(pathEnd)), locator.click()]);
  return response.status();
}

/** Picks an option of an antd Select by its visible text. */
async function choose(page: Page, select: Locator, option: string) {
  await select.click();
  const item = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: option });
  await item.waitFor({ state: 'visible' });
  await item.click();
}

describe.skipIf(!HAS_CHROMIUM)(HAS_CHROMIUM ? 'use first, pay later in Chromium' : `use first, pay later in Chromium — skipped: ${SKIP_REASON}`, () => {
  let server: Server;
  let browser: Browser;
  let firmContext: BrowserContext;
  let officeContext: BrowserContext;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchChromium();
    const options = { viewport: { width: 1280, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' };
    // Two people at once: each context has its own session cookie.
    firmContext = await browser.newContext(options);
    officeContext = await browser.newContext(options);
    for (const c of [firmContext, officeContext]) {
      c.setDefaultTimeout(15_000);
      c.on('weberror', (e) => pageErrors.push(String(e.error())));
    }
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('firm applies → office sets terms → both sign → in force → revenue → obligations → payment → settled', async () => {
    const password = server.demoAccounts[0]!.password;
    const achievementId = await publicAchievement(server.url, password, '深远海网箱溶解氧监测系统（先使用后付费演示）');
    const firm = await firmContext.newPage();
    const office = await officeContext.newPage();
    await login(firm, server.url, FIRM, password);
    await login(office, server.url, OFFICE, password);

    // 1. The firm applies from the contracts page, giving the achievement's link.
    await firm.getByTestId('nav-contracts').click();
    await firm.getByTestId('page-contracts').waitFor();
    await firm.getByTestId('contract-apply').click();
    await firm.getByTestId('apply-achievement').fill(`${server.url}/achievements/${achievementId}`);
    await firm.getByTestId('apply-lookup').click();
    await poll(() => firm.getByTestId('apply-found').textContent()).toContain('深远海网箱溶解氧监测系统');
    await firm.screenshot({ path: path.join(ARTIFACTS, 'contracts-apply.png') });
    expect(await clickFor(firm, firm.getByTestId('apply-submit'), 'POST', '/licence-applications')).toBe(201);
    await firm.waitForURL((url) => /^\/contracts\/[0-9a-f-]{36}$/.test(url.pathname));
    const contractId = new URL(firm.url()).pathname.split('/')[2]!;
    await poll(() => status(firm)).toBe('draft');
    expect(await firm.getByTestId('page-contract-detail').getByTestId('page-title').textContent()).toContain('先使用后付费许可');

    // 2. The office sets the terms: zero entry, a milestone on first revenue, a 3% royalty on net sales.
    await office.getByTestId('nav-contracts').click();
    await office.getByTestId(`contract-link-${contractId}`).click();
    await office.getByTestId('tab-terms').click();
    await office.getByTestId('plan-editor').waitFor();
    await poll(() => office.getByTestId('plan-entry-fee').inputValue()).toBe('0.00');
    await office.getByTestId('plan-add-milestone').click();
    await office.getByTestId('plan-milestone-0-label').fill('首笔收入');
    await office.getByTestId('plan-milestone-0-amount').fill('50000');
    await choose(office, office.getByTestId('plan-milestone-0-event'), '首次取得收入');
    await office.getByTestId('plan-has-royalty').click();
    await office.getByTestId('plan-tier-0-rate').fill('3');

    // A due date after the term: the server names the field (body.milestones[0].due.date) and the error lands on it.
    const milestoneDate = office.getByTestId('plan-milestone-0-date');
    await milestoneDate.click();
    await milestoneDate.fill('2035-01-01');
    await milestoneDate.press('Enter');
    expect(await clickFor(office, office.getByTestId('plan-save'), 'PUT', '/plan')).toBe(400);
    await poll(() => office.getByTestId('plan-milestone-0').locator('.ant-form-item-explain-error').first().textContent()).toContain('到期日须在合同期内');
    await office.screenshot({ path: path.join(ARTIFACTS, 'contracts-terms-error.png') });
    await milestoneDate.hover();
    await office.getByTestId('plan-milestone-0').locator('.ant-picker-clear').click();
    await poll(() => milestoneDate.inputValue()).toBe('');
    await office.screenshot({ path: path.join(ARTIFACTS, 'contracts-terms.png'), fullPage: true });
    expect(await clickFor(office, office.getByTestId('plan-save'), 'PUT', '/plan')).toBe(200);
    expect(await office.getByTestId('plan-warnings').count()).toBe(0);

    // 3. Both sign; each sees who has signed.
    await office.getByTestId('tab-overview').click();
    expect(await clickFor(office, office.getByTestId('contract-sign'), 'POST', '/sign')).toBe(200);
    await poll(() => attr(office.getByTestId('sign-status-licensor'), 'data-signed')).toBe('true');
    expect(await attr(office.getByTestId('sign-status-licensee'), 'data-signed')).toBe('false');

    await firm.getByTestId('contract-refresh').click();
    await firm.getByTestId('contract-sign').waitFor();
    expect(await attr(firm.getByTestId('sign-status-licensor'), 'data-signed')).toBe('true');
    expect(await clickFor(firm, firm.getByTestId('contract-sign'), 'POST', '/sign')).toBe(200);
    await poll(() => status(firm)).toBe('signed');
    await firm.screenshot({ path: path.join(ARTIFACTS, 'contracts-signed.png'), fullPage: true });

    // 4. The office brings it into force; the schedule is generated.
    await office.getByTestId('contract-refresh').click();
    await office.getByTestId('contract-activate').click();
    expect(await clickFor(office, office.getByTestId('contract-activate-confirm'), 'POST', '/activate')).toBe(200);
    await poll(() => status(office)).toBe('in_force');

    // 5. The firm reports revenue for the period so far (today, the licence took effect today).
    await firm.getByTestId('contract-refresh').click();
    await poll(() => status(firm)).toBe('in_force');
    await firm.getByTestId('tab-portal').click();
    await firm.getByTestId('portal-revenue').waitFor();
    await firm.getByTestId('revenue-amount').fill('400000');
    expect(await clickFor(firm, firm.getByTestId('revenue-submit'), 'POST', '/revenue-reports')).toBe(200);
    await firm.screenshot({ path: path.join(ARTIFACTS, 'contracts-portal.png'), fullPage: true });

    // 6. The obligations appear on the statement: the milestone (now due) and 3% of 400,000.
    await firm.getByTestId('tab-statement').click();
    await firm.getByTestId('line-milestone:m1').waitFor();
    expect(await firm.getByTestId('line-state-milestone:m1').textContent()).toBe('已排期');
    const royalty = firm.locator('[data-testid^="line-royalty:"]');
    await poll(() => royalty.count()).toBe(1);
    await poll(() => firm.getByTestId('total-owed').textContent()).toBe('¥62,000.00');
    expect(await attr(firm.getByTestId('statement-settled'), 'data-settled')).toBe('false');
    // Each line explains itself in an expandable row.
    await firm.locator('[data-testid="statement-lines"] .ant-table-row-expand-icon').first().click();
    await poll(() => firm.locator('[data-testid^="line-explanation-"]').first().textContent()).toMatch(/计算说明/);
    await firm.screenshot({ path: path.join(ARTIFACTS, 'contracts-statement-owed.png'), fullPage: true });

    // 7. The office records a payment of the amount owed; a double click records it once.
    await office.getByTestId('contract-refresh').click();
    await office.getByTestId('tab-statement').click();
    await office.getByTestId('line-milestone:m1').waitFor();
    await office.getByTestId('payment-open').click();
    await office.getByTestId('payment-value').fill('62000');
    await office.getByTestId('payment-evidence').fill('银行回单 0001');
    await office.screenshot({ path: path.join(ARTIFACTS, 'contracts-payment.png') });
    await Promise.all([office.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/payments') && r.status() === 201), office.getByTestId('payment-submit').dblclick()]);

    // 8. The statement shows it settled, with one receipt.
    await poll(() => attr(office.getByTestId('statement-settled'), 'data-settled')).toBe('true');
    expect(await office.getByTestId('total-outstanding').textContent()).toBe('¥0.00');
    expect(await office.getByTestId('total-paid').textContent()).toBe('¥62,000.00');
    await poll(() => office.locator('[data-testid="statement-receipts"] tr.ant-table-row').count()).toBe(1);
    await office.screenshot({ path: path.join(ARTIFACTS, 'contracts-statement-settled.png'), fullPage: true });

    // The firm sees the same.
    await firm.getByTestId('contract-refresh').click();
    await poll(() => attr(firm.getByTestId('statement-settled'), 'data-settled')).toBe('true');
    const receipts = await (await httpLogin(server.url, OFFICE, password))<{ receipts: unknown[] }>('GET', `/api/v1/contracts/${contractId}/statement`);
    expect(receipts.receipts).toHaveLength(1);

    // The firm's other views: the licence's terms read-only, the registration pre-check with its 30-day clock.
    await firm.getByTestId('tab-terms').click();
    await firm.getByTestId('plan-editor').waitFor();
    expect(await firm.getByTestId('plan-save').count()).toBe(0);
    await firm.getByTestId('tab-registration').click();
    await poll(() => firm.getByTestId('registration-check').textContent()).toMatch(/距 30 日登记期限还有 30 日/);
    await firm.screenshot({ path: path.join(ARTIFACTS, 'contracts-registration.png'), fullPage: true });

    // The statement in English.
    await office.getByTestId('lang-switch').click();
    await poll(() => office.getByTestId('tab-statement').textContent()).toBe('Statement');
    await poll(() => office.getByTestId('statement-settled').textContent()).toBe('Settled');
    await office.screenshot({ path: path.join(ARTIFACTS, 'contracts-statement-en.png'), fullPage: true });
    await office.getByTestId('lang-switch').click();
    await poll(() => office.getByTestId('tab-statement').textContent()).toBe('对账单');

    // Everything paid: the office completes the contract.
    await office.getByTestId('contract-complete').click();
    expect(await clickFor(office, office.getByTestId('contract-complete-confirm'), 'POST', '/complete')).toBe(200);
    await poll(() => status(office)).toBe('completed');

    // The list shows the contract completed.
    await firm.getByTestId('nav-contracts').click();
    await firm.getByTestId(`contract-link-${contractId}`).waitFor();
    await firm.waitForLoadState('networkidle');
    await firm.screenshot({ path: path.join(ARTIFACTS, 'contracts-list.png') });
  }, 180_000);

  it('raised no uncaught errors in the pages', () => {
    expect(pageErrors).toEqual([]);
  });
});
