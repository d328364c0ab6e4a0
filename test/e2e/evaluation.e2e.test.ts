import path from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleAchievement } from '../helpers/achievements';
import { ARTIFACTS, HAS_CHROMIUM, launchChromium, login, requireChromium, SKIP_REASON } from '../helpers/browser';
import { startTestServer } from '../helpers/server';

/**
 * An evaluation in a real browser (Debian's Chromium), in Chinese: the office opens the evaluation
 * page of an achievement with a utility model on the ledger → starts an evaluation → picks TRL 7
 * among the nine described levels → scores the five values → adds an income valuation by
 * 约当投资分成法 and sees the working computed live (K = 15.3846%, the yearly discount factors, the
 * value) → takes the value as the conclusion → saves → finalises → downloads the report PDF.
 */

requireChromium('evaluation browser test');

type Server = Awaited<ReturnType<typeof startTestServer>>;
const OFFICE = 'tto@demo.keqiao.cn';

async function httpLogin(baseUrl: string, email: string, password: string) {
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  expect(res.status, `login ${email}`).toBe(200);
  const cookies = Object.fromEntries(res.headers.getSetCookie().map((c) => c.split(';')[0]!.split('=') as [string, string]));
  const cookie = Object.entries(cookies)
    .map(([k, v]) => `${k}=${v}`)
    .join('; ');
  return async <T = Record<string, unknown>>(method: string, url: string, body?: unknown): Promise<{ status: number; body: T; raw: ArrayBuffer }> => {
    const r = await fetch(`${baseUrl}${url}`, {
      method,
      headers: { cookie, ...(method === 'GET' ? {} : { 'x-csrf-token': decodeURIComponent(cookies.csrf_token ?? '') }), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const raw = await r.arrayBuffer();
    const text = r.headers.get('content-type')?.includes('json') ? new TextDecoder().decode(raw) : '';
    return { status: r.status, body: (text ? JSON.parse(text) : undefined) as T, raw };
  };
}

const poll = <T>(fn: () => Promise<T>) => expect.poll(fn, { timeout: 30_000, interval: 200 });

async function clickFor(page: Page, locator: Locator, method: string, pathEnd: string): Promise<number> {
  const [response] = await Promise.all([page.waitForResponse((r) => r.request().method() === method && new URL(r.url()).pathname.endsWith(pathEnd)), locator.click()]);
  return response.status();
}

describe.skipIf(!HAS_CHROMIUM)(HAS_CHROMIUM ? 'evaluation in Chromium' : `evaluation in Chromium — skipped: ${SKIP_REASON}`, () => {
  let server: Server;
  let browser: Browser;
  let context: BrowserContext;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    context.setDefaultTimeout(15_000);
    context.on('weberror', (e) => pageErrors.push(String(e.error())));
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('office: TRL picker → five values → income valuation computed live → conclusion → finalise → PDF', async () => {
    const password = server.demoAccounts[0]!.password;
    const api = await httpLogin(server.url, OFFICE, password);
    const me = (await api<{ memberships: Array<{ organisationId: string; role: string }> }>('GET', '/api/v1/me')).body;
    const orgId = me.memberships.find((m) => m.role === 'tto_officer')!.organisationId;
    const a = (await api<{ id: string }>('POST', `/api/v1/orgs/${orgId}/achievements`, sampleAchievement({ title: '网箱溶解氧原位监测（评估演示）', ipType: 'patent_utility' }))).body;
    for (const step of ['submit', 'accept']) expect((await api('POST', `/api/v1/achievements/${a.id}/${step}`)).status).toBe(200);
    expect((await api('POST', `/api/v1/achievements/${a.id}/assess`, { trl: 6 })).status).toBe(200);
    expect((await api('POST', `/api/v1/achievements/${a.id}/protect`, { ipType: 'patent_utility', applicationNo: 'CN202020123456.7', filedOn: '2020-03-01' })).status).toBe(200);

    const page = await context.newPage();
    await login(page, server.url, OFFICE, password);
    // From the achievement page to its evaluation page.
    await page.goto(`${server.url}/achievements/${a.id}`);
    await page.getByTestId('achievement-evaluation').click();
    await page.getByTestId('evaluation-page').waitFor();
    expect(await clickFor(page, page.getByTestId('evaluation-create'), 'POST', '/evaluations')).toBe(201);
    await page.getByTestId('evaluation-editor').waitFor();
    await poll(() => page.getByTestId('evaluation-protection').textContent()).toContain('2030-02-28');

    // TRL: nine levels with their descriptions; pick 7.
    const trl = page.getByTestId('evaluation-trl');
    expect(await trl.textContent()).toContain('实际（运行）环境中原型系统演示');
    await page.getByTestId('trl-7').click();
    await page.getByTestId('evaluation-trl-evidence').fill('示范网箱实际海况连续运行 12 个月，第三方检测报告');

    // The five values, equal weights: (70 + 85 + 80 + 75 + 90) / 5 = 80.
    for (const [k, v] of [
      ['scientific', '70'],
      ['technical', '85'],
      ['economic', '80'],
      ['social_cultural', '75'],
      ['transformation_potential', '90'],
    ] as const) {
      await page.getByTestId(`indicator-${k}-score`).locator('xpath=descendant-or-self::input').fill(v);
    }
    await poll(() => page.getByTestId('evaluation-composite').textContent()).toBe('80.00');

    // Income approach by 约当投资分成法, on profit, two years.
    await page.getByTestId('add-income').click();
    const card = page.getByTestId('valuation-0');
    await card.getByText('利润（利润分成）').click();
    await card.getByTestId('income-share-method').click();
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: '约当投资分成法' }).click();
    const fill = async (id: string, v: string) => card.getByTestId(id).fill(v);
    await fill('income-tech-cost', '500');
    await fill('income-tech-return', '20');
    await fill('income-asset-cost', '3000');
    await fill('income-asset-return', '10');
    for (const [k, v] of [
      ['riskFree', '2.5'],
      ['technical', '5'],
      ['market', '3'],
      ['capital', '2'],
      ['management', '1.5'],
    ] as const)
      await fill(`income-discount-${k}`, v);
    await fill('income-year-1', '2000000');
    await fill('income-year-2', '2000000');
    await card.getByText('减少一年').click();
    // The working, live: K, the discount factors, the value.
    await poll(() => card.getByTestId('valuation-0-value').getAttribute('data-value')).toBe('506664.27');
    const steps = await card.getByTestId('valuation-0-steps').textContent();
    expect(steps).toContain('15.3846%');
    expect(steps).toContain('n = 2 ≤ 3');
    expect(await card.getByTestId('valuation-0-years').textContent()).toContain('0.8771929825');

    // A fourth year would run past the utility model's protection: the rules say so at once.
    await card.getByTestId('income-add-year').click();
    await card.getByTestId('income-add-year').click();
    await fill('income-year-3', '1');
    await fill('income-year-4', '1');
    await poll(() => card.getByTestId('valuation-0-issues').textContent()).toContain('超过剩余法定保护期');
    await card.getByText('减少一年').click();
    await card.getByText('减少一年').click();
    await poll(() => card.getByTestId('valuation-0-value').getAttribute('data-value')).toBe('506664.27');

    await card.getByText('采用该估值').click();
    expect(await page.getByTestId('conclusion-value').inputValue()).toBe('506664.27');
    await page.getByTestId('conclusion-text').fill('建议以收益法结果 50.67 万元作为许可谈判底价');
    await page.screenshot({ path: path.join(ARTIFACTS, 'evaluation-editor.png'), fullPage: true });
    expect(await clickFor(page, page.getByTestId('evaluation-save'), 'PUT', '')).toBe(200);

    await page.getByTestId('evaluation-finalise').click();
    expect(await clickFor(page, page.locator('.ant-popconfirm .ant-btn-primary'), 'POST', '/finalise')).toBe(200);
    await poll(() => page.getByTestId('evaluation-editor').getByTestId('evaluation-status').getAttribute('data-status')).toBe('finalised');
    await page.screenshot({ path: path.join(ARTIFACTS, 'evaluation-finalised.png'), fullPage: true });

    // The report PDF the button links to.
    const href = await page.getByTestId('evaluation-pdf').getAttribute('href');
    const pdf = await api('GET', href!);
    expect(pdf.status).toBe(200);
    expect(new TextDecoder().decode(pdf.raw.slice(0, 5))).toBe('%PDF-');
    expect(pageErrors).toEqual([]);
  }, 240_000);
});
