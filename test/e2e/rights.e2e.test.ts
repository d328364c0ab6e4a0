import path from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCreditCode } from '../../common/credit-code';
import { sampleAchievement } from '../helpers/achievements';
import { ARTIFACTS, HAS_CHROMIUM, launchChromium, login, requireChromium, SKIP_REASON, settled } from '../helpers/browser';
import { httpLogin, startTestServer } from '../helpers/server';

/**
 * An ownership grant (赋权) in a real browser, in Chinese: the researcher applies with the consent
 * checklist (one completer missing → refused naming 刘波; then complete) → the office checks,
 * reviews and starts the publicity (each step confirmed) → after the window the institution head
 * approves → the grant agreement is offered as PDF.
 */

requireChromium('rights browser test');

type Server = Awaited<ReturnType<typeof startTestServer>>;

const OFFICE = 'tto@demo.keqiao.cn';
const RESEARCHER = 'researcher@demo.keqiao.cn';
const HEAD = 'orgadmin@demo.keqiao.cn';

/** The researcher discloses an achievement (with 刘波 as co-completer) and the office accepts it into the ledger. */
async function acceptedAchievement(baseUrl: string, password: string, title: string): Promise<string> {
  const researcher = await httpLogin(baseUrl, RESEARCHER, password);
  const me = await researcher<{ memberships: Array<{ organisationId: string }> }>('GET', '/api/v1/me');
  const orgId = me.memberships[0]!.organisationId;
  const a = await researcher<{ id: string }>('POST', `/api/v1/orgs/${orgId}/achievements`, { ...sampleAchievement({ title }), submit: true });
  const office = await httpLogin(baseUrl, OFFICE, password);
  await office('POST', `/api/v1/achievements/${a.id}/accept`);
  return a.id;
}

const poll = <T>(fn: () => Promise<T>) => expect.poll(fn, { timeout: 30_000, interval: 200 });
const status = (page: Page) => page.getByTestId('page-rights-grant').getByTestId('grant-status').first().getAttribute('data-status');

async function clickFor(page: Page, locator: Locator, method: string, pathEnd: string): Promise<number> {
  const [response] = await Promise.all([page.waitForResponse((r) => r.request().method() === method && new URL(r.url()).pathname.endsWith(pathEnd)), locator.click()]);
  return response.status();
}

async function choose(page: Page, select: Locator, option: string) {
  await select.click();
  const item = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: option });
  await settled(item);
  await item.click();
}

/** Clicks a step button and its Popconfirm's confirm; returns the API status. */
async function step(page: Page, action: string, pathEnd: string) {
  await page.getByTestId(`grant-action-${action}`).click();
  const ok = page.getByTestId(`grant-action-${action}-confirm`);
  await settled(ok);
  return clickFor(page, ok, 'POST', pathEnd);
}

describe.skipIf(!HAS_CHROMIUM)(HAS_CHROMIUM ? 'ownership grant in Chromium' : `ownership grant in Chromium — skipped: ${SKIP_REASON}`, () => {
  let server: Server;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchChromium();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function pageFor(account: string) {
    const c = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    c.setDefaultTimeout(15_000);
    c.on('weberror', (e) => pageErrors.push(String(e.error())));
    contexts.push(c);
    const page = await c.newPage();
    await login(page, server.url, account, server.demoAccounts[0]!.password);
    return page;
  }

  it('researcher applies with the consent checklist → office checks and starts publicity → head approves → agreement PDF', async () => {
    const password = server.demoAccounts[0]!.password;
    const title = '深远海网箱溶解氧监测系统（赋权演示）';
    await acceptedAchievement(server.url, password, title);

    // 1. The researcher applies; with only their own consent ticked the server refuses and names 刘波.
    const researcher = await pageFor(RESEARCHER);
    await researcher.getByTestId('nav-rights').click();
    await researcher.getByTestId('page-rights').waitFor();
    await researcher.getByTestId('grant-apply').click();
    await choose(researcher, researcher.getByTestId('grant-apply-achievement'), title);
    await researcher.getByTestId('grant-apply-share').fill('0.8');
    await researcher.getByTestId('grant-apply-plan').fill('赋权后团队以 80% 份额作价入股，单位保留 20% 按约定收益');
    await researcher.getByLabel('承接对象名称').fill('青岛蓝鲸海洋科技有限公司');
    await researcher.getByLabel('承接对象统一社会信用代码').fill(makeCreditCode('91370212MA3C0XKW1'));
    await researcher.getByLabel('评估值（元）').fill('2500000.00');
    await researcher.getByLabel('评估报告').fill('青衡评报字〔2026〕第 018 号');
    await researcher.getByTestId('consent-王海洋').click();
    await researcher.getByTestId('consent-evidence-王海洋').fill('全体完成人意见-王海洋.pdf');
    await researcher.screenshot({ path: path.join(ARTIFACTS, 'rights-apply.png') });
    expect(await clickFor(researcher, researcher.getByTestId('grant-apply-submit'), 'POST', '/rights/grants')).toBe(400);
    await poll(() => researcher.locator('.ant-notification').textContent()).toContain('刘波');

    await researcher.getByTestId('consent-刘波').click();
    await researcher.getByTestId('consent-evidence-刘波').fill('全体完成人意见-刘波.pdf');
    expect(await clickFor(researcher, researcher.getByTestId('grant-apply-submit'), 'POST', '/rights/grants')).toBe(201);
    await researcher.waitForURL((url) => /^\/rights\/grants\/[0-9a-f-]{36}$/.test(url.pathname));
    const grantPath = new URL(researcher.url()).pathname;
    await poll(() => status(researcher)).toBe('submitted');

    // 2. The office: department check, then review → publicity (each step confirmed).
    const office = await pageFor(OFFICE);
    await office.goto(`${server.url}${grantPath}`);
    await poll(() => status(office)).toBe('submitted');
    expect(await step(office, 'dept_check', '/department-check')).toBe(200);
    await poll(() => status(office)).toBe('dept_checked');
    expect(await step(office, 'office_review', '/office-review')).toBe(200);
    await poll(() => status(office)).toBe('in_publicity');
    await poll(() => office.getByTestId('grant-objections').textContent()).toContain('15 个工作日');
    await office.screenshot({ path: path.join(ARTIFACTS, 'rights-publicity.png') });

    // 3. After the window the head of the institution approves; the agreement PDF is offered.
    server.clock.advanceDays(30);
    const head = await pageFor(HEAD);
    await head.goto(`${server.url}${grantPath}`);
    expect(await step(head, 'approve', '/approve')).toBe(200);
    await poll(() => status(head)).toBe('approved');
    await head.getByTestId('grant-pdf').waitFor();
    await head.screenshot({ path: path.join(ARTIFACTS, 'rights-approved.png') });
    expect(pageErrors).toEqual([]);
  }, 240_000);
});
