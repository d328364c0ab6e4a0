import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { businessDateOf } from '../../common/calendar';
import { sampleAchievement } from '../helpers/achievements';
import { ARTIFACTS, HAS_CHROMIUM, launchChromium, login, requireChromium, SKIP_REASON, settled } from '../helpers/browser';
import { httpLogin, startTestServer } from '../helpers/server';

/**
 * Income distribution in a real browser (Debian's Chromium), in Chinese: the office sets its
 * policy (a setting below the legal floor is refused on the field, citing the clause) → a licence
 * receipt arrives (set up through the API) → the office opens 收益分配, sees the computed split
 * with the team reward, itemises a deduction (the contribution shares must add up to 100%),
 * approves and publishes the notice → the researcher opens 我的奖励, sees the amount with how it
 * was computed, downloads the PDF statement and objects on the notice → the office resolves the
 * objection → after the publicity period the office confirms and records the payment → the
 * payroll shows it and downloads → the bureau compares every institution's policy and
 * exports it as CSV. Screenshots go to test-results/.
 */

requireChromium('distribution browser test');

type Server = Awaited<ReturnType<typeof startTestServer>>;

const OFFICE = 'tto@demo.keqiao.cn';
const RESEARCHER = 'researcher@demo.keqiao.cn';
const FIRM = 'enterprise@demo.keqiao.cn';
const BUREAU = 'bureau@demo.keqiao.cn';

type Http = Awaited<ReturnType<typeof httpLogin>>;
const orgOf = async (client: Http) => (await client<{ memberships: Array<{ organisationId: string }> }>('GET', '/api/v1/me')).memberships[0]!.organisationId;

/**
 * A licence of an achievement of 王海洋 (60%, the demo researcher) and 刘波 (40%), signed, in
 * force and paid 100,000 today (see paidLicence in server/modules/distribution/distribution.test.ts).
 */
async function paidLicence(baseUrl: string, password: string, title: string) {
  const office = await httpLogin(baseUrl, OFFICE, password);
  const researcher = await httpLogin(baseUrl, RESEARCHER, password);
  const firm = await httpLogin(baseUrl, FIRM, password);
  const orgId = await orgOf(office);
  const researcherId = (await researcher<{ id: string }>('GET', '/api/v1/me')).id;
  const today = businessDateOf(new Date());
  const a = await office<{ id: string }>(
    'POST',
    `/api/v1/orgs/${orgId}/achievements`,
    sampleAchievement({
      title,
      completers: [
        { name: '王海洋', share: '60', userId: researcherId },
        { name: '刘波', share: '40' },
      ],
    }),
  );
  const c = await office<{ id: string }>('POST', `/api/v1/orgs/${orgId}/contracts`, { kind: 'license', title: `${title}许可合同`, licenseeOrgId: await orgOf(firm), achievementIds: [a.id] });
  const endsOn = `${Number(today.slice(0, 4)) + 3}${today.slice(4)}`;
  await office('PUT', `/api/v1/contracts/${c.id}/plan`, { currency: 'CNY', effectiveOn: today, endsOn, entryFee: '100000.00', entryFeeDueDays: 30 });
  await firm('POST', `/api/v1/contracts/${c.id}/sign`);
  await office('POST', `/api/v1/contracts/${c.id}/sign`);
  await office('POST', `/api/v1/contracts/${c.id}/activate`);
  await office('POST', `/api/v1/contracts/${c.id}/payments`, { form: 'cash', value: '100000.00', currency: 'CNY', receivedOn: today });
  return { orgId, contractId: c.id, today };
}

/** Polls patiently: the machine is shared, and a server answer can take seconds. */
const poll = <T>(fn: () => Promise<T>) => expect.poll(fn, { timeout: 30_000, interval: 200 });
const attr = (locator: Locator, name: string) => locator.getAttribute(name);
const status = (page: Page) => attr(page.getByTestId('page-distribution-detail').getByTestId('distribution-status').first(), 'data-status');

/** Clicks and waits for the API answer the click causes; returns its status. */
async function clickFor(page: Page, locator: Locator, method: string, pathEnd: string): Promise<number> {
  const [response] = await Promise.all([page.waitForResponse((r) => r.request().method() === method && new URL(r.url()).pathname.endsWith(pathEnd)), locator.click()]);
  return response.status();
}

/** Opens a Popconfirm and confirms it, waiting for the API answer. */
async function confirmStep(page: Page, key: string, pathEnd: string) {
  await page.getByTestId(`distribution-${key}`).click();
  const ok = page.getByTestId(`distribution-${key}-confirm`);
  await settled(ok);
  expect(await clickFor(page, ok, 'POST', pathEnd)).toBe(200);
}

/** Types a date into an antd DatePicker. */
async function typeDate(picker: Locator, date: string) {
  await picker.click();
  await picker.fill(date);
  await picker.press('Enter');
}

describe.skipIf(!HAS_CHROMIUM)(HAS_CHROMIUM ? 'income distribution in Chromium' : `income distribution in Chromium — skipped: ${SKIP_REASON}`, () => {
  let server: Server;
  let browser: Browser;
  let officeContext: BrowserContext;
  let researcherContext: BrowserContext;
  let bureauContext: BrowserContext;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchChromium();
    const options = { viewport: { width: 1366, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', acceptDownloads: true };
    officeContext = await browser.newContext(options);
    researcherContext = await browser.newContext(options);
    bureauContext = await browser.newContext(options);
    for (const c of [officeContext, researcherContext, bureauContext]) {
      c.setDefaultTimeout(15_000);
      c.on('weberror', (e) => pageErrors.push(String(e.error())));
    }
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('policy → receipt → computed split → approve → notice → 我的奖励 with the PDF statement → objection → confirm → payment → payroll → bureau comparison', async () => {
    const password = server.demoAccounts[0]!.password;
    const office = await officeContext.newPage();
    await login(office, server.url, OFFICE, password);

    // 1. The office sets its policy: 40% to the team is refused on the field, citing Art. 45; 70% is saved as version 1.
    await office.getByTestId('nav-distribution').click();
    await office.getByTestId('page-distribution').waitFor();
    await office.getByTestId('distribution-nav-policy').click();
    await office.getByTestId('policy-form').waitFor();
    await poll(() => office.getByTestId('policy-teamShareOfNetIncome').inputValue()).toBe('50');
    expect(await office.getByTestId('policy-floor-teamShareOfNetIncome').textContent()).toContain('第四十五条');
    await typeDate(office.getByTestId('policy-effectiveFrom'), '2026-01-01');
    await office.getByTestId('policy-teamShareOfNetIncome').fill('40');
    await office.getByTestId('policy-teamShareOfEquity').fill('70');
    await office.getByTestId('policy-mainContributorsShare').fill('60');
    await office.getByTestId('policy-collegeShareOfRemainder').fill('30');
    await office.getByTestId('policy-save').click();
    await settled(office.getByTestId('policy-save-confirm'));
    expect(await clickFor(office, office.getByTestId('policy-save-confirm'), 'POST', '/distribution-policies')).toBe(400);
    const fieldError = office.locator('.ant-form-item', { has: office.getByTestId('policy-teamShareOfNetIncome') }).locator('.ant-form-item-explain-error');
    await poll(() => fieldError.textContent()).toContain('第四十五条');
    await office.screenshot({ path: path.join(ARTIFACTS, 'distribution-policy-refused.png'), fullPage: true });
    await office.getByTestId('policy-teamShareOfNetIncome').fill('70');
    await office.getByTestId('policy-save').click();
    await settled(office.getByTestId('policy-save-confirm'));
    expect(await clickFor(office, office.getByTestId('policy-save-confirm'), 'POST', '/distribution-policies')).toBe(201);
    await poll(() => office.getByTestId('policy-in-force-teamShareOfNetIncome').textContent()).toBe('70%');
    await poll(() => office.locator('[data-testid="policy-versions"] tr.ant-table-row').count()).toBe(1);

    // 2. A receipt of 100,000 arrives on a licence (set up through the API).
    const { orgId, contractId } = await paidLicence(server.url, password, '深远海网箱溶解氧监测（收益分配演示）');

    // 3. The office opens 收益分配: the receipt was taken in and computed when it was recorded, team reward 70,000.
    await office.getByTestId('distribution-nav-list').click();
    await office.getByTestId('distribution-table').waitFor();
    const row = office.locator('[data-testid="distribution-table"] tr.ant-table-row', { hasText: '深远海网箱溶解氧监测（收益分配演示）' });
    await poll(() => row.count()).toBe(1);
    const link = row.locator('[data-testid^="distribution-link-"]');
    const distributionId = (await attr(link, 'data-testid'))!.replace('distribution-link-', '');
    expect(await office.getByTestId(`distribution-team-${distributionId}`).textContent()).toBe('¥70,000.00');
    expect(await row.getByTestId('distribution-status').getAttribute('data-status')).toBe('computed');
    await office.screenshot({ path: path.join(ARTIFACTS, 'distribution-list.png'), fullPage: true });

    // 4. The detail: every figure explains itself (rule, inputs, policy version, clause).
    await link.click();
    await office.getByTestId('page-distribution-detail').waitFor();
    await poll(() => status(office)).toBe('computed');
    expect(await attr(office.getByTestId('figure-team'), 'data-value')).toBe('70000.00');
    await office.locator('[data-testid="distribution-figures"] tr.ant-table-row', { hasText: '团队奖励' }).locator('.ant-table-row-expand-icon').click();
    const teamExplained = office.getByTestId('figure-explanation-team');
    await poll(() => teamExplained.textContent()).toContain('团队奖励 = 净收入 100000.00 × 70% = 70000.00');
    expect(await teamExplained.textContent()).toContain('第 1 版政策');
    expect(await teamExplained.textContent()).toContain('第四十五条');

    // 5. The office itemises a tax deduction; a share total other than 100% cannot be saved.
    await office.getByTestId('completer-1-share').fill('30');
    await poll(() => attr(office.getByTestId('share-total'), 'data-complete')).toBe('false');
    expect(await office.getByTestId('share-total').textContent()).toBe('合计 90%');
    expect(await office.getByTestId('review-save').isDisabled()).toBe(true);
    await office.getByTestId('completer-1-share').fill('40');
    await poll(() => attr(office.getByTestId('share-total'), 'data-complete')).toBe('true');
    await office.getByTestId('deduction-add').click();
    await office.getByTestId('deduction-0-label').fill('增值税及附加');
    await office.getByTestId('deduction-0-amount').fill('6000');
    await office.screenshot({ path: path.join(ARTIFACTS, 'distribution-review.png'), fullPage: true });
    expect(await clickFor(office, office.getByTestId('review-save'), 'PATCH', `/distributions/${distributionId}`)).toBe(200);
    // net 94,000 → team 65,800 → 王海洋 60% = 39,480, 刘波 40% = 26,320.
    await poll(() => attr(office.getByTestId('figure-team'), 'data-value')).toBe('65800.00');
    expect(await attr(office.getByTestId('figure-net'), 'data-value')).toBe('94000.00');
    expect(await attr(office.getByTestId('figure-person-0'), 'data-value')).toBe('39480.00');
    expect(await attr(office.getByTestId('figure-person-1'), 'data-value')).toBe('26320.00');

    // 6. Approve, then publish the notice (each after a confirmation).
    await confirmStep(office, 'approve', '/approve');
    await poll(() => status(office)).toBe('approved');
    await confirmStep(office, 'publicity', '/publicity');
    await poll(() => status(office)).toBe('publicity');
    await office.getByTestId('distribution-notice-link').waitFor();
    await poll(() => office.getByTestId('distribution-timeline').textContent()).toContain('发布公示');
    await office.screenshot({ path: path.join(ARTIFACTS, 'distribution-detail.png'), fullPage: true });

    // 7. The researcher opens 我的奖励: the amount and how it was computed (net → team → my share).
    const researcher = await researcherContext.newPage();
    await login(researcher, server.url, RESEARCHER, password);
    await researcher.getByTestId('nav-distribution').click();
    await researcher.getByTestId('page-distribution').waitFor();
    const mine = researcher.getByTestId(`my-reward-${distributionId}`);
    await mine.waitFor();
    expect(await attr(researcher.getByTestId(`my-amount-${distributionId}`), 'data-value')).toBe('39480.00');
    expect(await researcher.getByTestId(`my-amount-${distributionId}`).textContent()).toBe('¥39,480.00');
    expect(await researcher.getByTestId(`mine-team-${distributionId}-rule`).textContent()).toContain('净收入 94000.00 × 70% = 65800.00');
    expect(await researcher.getByTestId(`mine-share-${distributionId}-rule`).textContent()).toContain('65800.00 × 60/100');
    expect(await mine.textContent()).toContain('第 1 版政策');
    await researcher.screenshot({ path: path.join(ARTIFACTS, 'distribution-mine.png'), fullPage: true });
    // The same in English: the page and the rules change language.
    await researcher.getByTestId('lang-switch').click();
    await poll(() => researcher.getByTestId('page-title').textContent()).toBe('My rewards');
    expect(await researcher.getByTestId(`mine-team-${distributionId}-rule`).textContent()).toBe('team reward = net 94000.00 × 70% = 65800.00');
    await researcher.screenshot({ path: path.join(ARTIFACTS, 'distribution-mine-en.png'), fullPage: true });
    await researcher.getByTestId('lang-switch').click();
    await poll(() => researcher.getByTestId('page-title').textContent()).toBe('我的奖励');

    // 8. The statement PDF: downloaded in the browser, and served as application/pdf.
    const [download] = await Promise.all([researcher.waitForEvent('download'), researcher.getByTestId('statement-pdf').click()]);
    const pdfFile = path.join(ARTIFACTS, 'distribution-statement.pdf');
    await download.saveAs(pdfFile);
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);
    expect(fs.readFileSync(pdfFile).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const pdf = await researcher.request.get(`${server.url}/api/v1/me/rewards/statement.pdf`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-');

    // 9. The researcher, as a member of the institution, objects on the notice.
    await researcher.getByTestId(`my-reward-notice-${distributionId}`).click();
    await researcher.getByTestId('page-distribution-notice').waitFor();
    await poll(() => researcher.getByTestId('notice-total').textContent()).toBe('¥65,800.00');
    expect(await researcher.getByTestId('notice-recipients').textContent()).toContain('刘波');
    await researcher.getByTestId('notice-objection-text').fill('刘波的贡献比例应再核实');
    expect(await clickFor(researcher, researcher.getByTestId('notice-objection-submit'), 'POST', '/objections')).toBe(200);
    await poll(() => researcher.getByTestId('distribution-notice').textContent()).toContain('已收到异议 1 条，其中待处理 1 条');
    await researcher.screenshot({ path: path.join(ARTIFACTS, 'distribution-notice.png'), fullPage: true });

    // 10. The office sees the objection and dismisses it with a note.
    await office.getByTestId('distribution-refresh').click();
    const resolve = office.locator('[data-testid^="objection-resolve-"]');
    await resolve.waitFor();
    await resolve.click();
    await office.getByTestId('resolve-note').fill('经核实比例与成果登记一致');
    expect(await clickFor(office, office.getByTestId('resolve-submit'), 'POST', '/resolve')).toBe(200);
    await poll(() => office.getByTestId('distribution-objections').textContent()).toContain('异议不成立');

    // 11. After the publicity period the office confirms and records the payment (today, within three years: half taxable).
    server.clock.advanceDays(25);
    // The session of 25 days ago has expired: sign in again.
    await officeContext.clearCookies();
    await login(office, server.url, OFFICE, password);
    await office.goto(`${server.url}/distribution/${distributionId}`);
    await office.getByTestId('page-distribution-detail').waitFor();
    await confirmStep(office, 'confirm', '/confirm');
    await poll(() => status(office)).toBe('confirmed');
    await office.getByTestId('distribution-pay').click();
    await settled(office.getByTestId('pay-submit'));
    expect(await clickFor(office, office.getByTestId('pay-submit'), 'POST', '/payments')).toBe(200);
    await poll(() => status(office)).toBe('paid');
    await poll(() => office.getByTestId('distribution-rewards').textContent()).toContain('¥19,740.00');
    await office.screenshot({ path: path.join(ARTIFACTS, 'distribution-paid.png'), fullPage: true });

    // 12. The payroll page: this month by default, per person with the flags, the .xlsx for the payroll office.
    await office.getByTestId('nav-distribution').click();
    await office.getByTestId('distribution-nav-payroll').click();
    await office.getByTestId('page-distribution-payroll').waitFor();
    await poll(() => office.getByTestId('payroll-total').textContent()).toBe('¥65,800.00');
    const wang = office.locator('[data-testid="payroll-people"] tr.ant-table-row', { hasText: '王海洋' });
    expect(await wang.textContent()).toContain('¥19,740.00');
    await office.screenshot({ path: path.join(ARTIFACTS, 'distribution-payroll.png'), fullPage: true });
    const xlsxHref = await attr(office.getByTestId('payroll-xlsx'), 'href');
    const xlsx = await office.request.get(`${server.url}${xlsxHref}`);
    expect(xlsx.status()).toBe(200);
    expect(xlsx.headers()['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');

    // 13. The bureau compares every institution's policy: this one is above the floor, and the CSV downloads.
    const bureau = await bureauContext.newPage();
    await login(bureau, server.url, BUREAU, password);
    await bureau.getByTestId('nav-distribution').click();
    await bureau.getByTestId('policy-comparison').waitFor();
    const cell = bureau.getByTestId(`compare-${orgId}-teamShareOfNetIncome`);
    await poll(() => cell.textContent()).toBe('70%');
    expect(await attr(cell, 'data-above')).toBe('true');
    await bureau.screenshot({ path: path.join(ARTIFACTS, 'distribution-bureau.png'), fullPage: true });
    const [csvDownload] = await Promise.all([bureau.waitForEvent('download'), bureau.getByTestId('compare-export').click()]);
    const csvFile = path.join(ARTIFACTS, 'distribution-policies.csv');
    await csvDownload.saveAs(csvFile);
    const csv = fs.readFileSync(csvFile, 'utf8');
    expect(csv).toContain('法定下限');
    expect(csv).toContain('70%*');
    expect(contractId).toBeTruthy();
  }, 240_000);

  it('equity reward on a 作价入股 holding: the head of the institution is refused with the reason until the office confirms', async () => {
    const password = server.demoAccounts[0]!.password;
    const api = await httpLogin(server.url, OFFICE, password);
    const orgId = await orgOf(api);
    const a = await api<{ id: string }>(
      'POST',
      `/api/v1/orgs/${orgId}/achievements`,
      sampleAchievement({
        title: '海洋生物酶制剂（股权奖励演示）',
        completers: [
          { name: '赵校长', share: '20', isHead: true },
          { name: '王海洋', share: '50' },
          { name: '刘波', share: '30' },
        ],
      }),
    );
    const holding = await api<{ id: string }>('POST', `/api/v1/orgs/${orgId}/equity/holdings`, {
      companyName: '青岛蓝酶生物科技有限公司',
      companyCreditCode: '91370212MA3C5R8K0C',
      sharesPct: '30',
      bookValue: '3000000.00',
      acquiredOn: '2026-06-01',
      achievementId: a.id,
    });

    const office = await officeContext.newPage();
    await office.goto(`${server.url}/distribution/equity`);
    await office.getByTestId('page-distribution-equity').waitFor();
    await office.getByTestId(`equity-record-${holding.id}`).click();
    await settled(office.getByTestId('equity-submit'));
    await office.getByTestId('equity-doc').fill('校发〔2026〕12号');
    expect(await clickFor(office, office.getByTestId('equity-submit'), 'POST', '/rewards')).toBe(422);
    const refusal = office.getByTestId('equity-refusal');
    await poll(() => refusal.textContent()).toContain('赵校长');
    expect(await refusal.textContent()).toContain('国发〔2016〕16号');
    await office.screenshot({ path: path.join(ARTIFACTS, 'distribution-equity-refused.png') });
    await office.getByTestId('equity-confirm-heads').check();
    expect(await clickFor(office, office.getByTestId('equity-submit'), 'POST', '/rewards')).toBe(201);
    // 30% × 70% = 21%; 赵校长's 4.2% stays with the institution; 王海洋 10.5%, 刘波 6.3%.
    await office.locator('[data-testid="equity-holdings"] tr.ant-table-row', { hasText: '青岛蓝酶生物科技有限公司' }).locator('.ant-table-row-expand-icon').click();
    const reward = office.getByTestId(`equity-reward-${holding.id}`);
    await poll(() => reward.textContent()).toContain('王海洋 10.5%');
    expect(await reward.textContent()).toContain('21%');
    expect(await reward.textContent()).toContain('4.2%');
    await office.screenshot({ path: path.join(ARTIFACTS, 'distribution-equity.png'), fullPage: true });
  }, 120_000);

  it('raised no uncaught errors in the pages', () => {
    expect(pageErrors).toEqual([]);
  });
});
