import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runImport } from '../../server/modules/achievements/achievements.exchange.service';
import { ARTIFACTS, HAS_CHROMIUM, launchChromium, login, requireChromium, SKIP_REASON, settled } from '../helpers/browser';
import { startTestServer } from '../helpers/server';

/**
 * The achievements ledger (成果台账) in a real browser (Debian's Chromium), in Chinese: a
 * researcher discloses an achievement with two completers on a phone-sized screen; the
 * technology-transfer office accepts it, assesses the TRL, sets an agreed price, runs the 15-day
 * publicity (the server clock is moved past it), decides on a licence and publishes it; the
 * timeline shows every step, and the office's .xlsx export contains the achievement.
 * Screenshots go to test-results/.
 */

requireChromium('achievements browser test');

type Server = Awaited<ReturnType<typeof startTestServer>>;

const TITLE = '声学多普勒海流剖面浮标实时监测系统';
const SUMMARY = '基于声学多普勒原理的海流剖面浮标，实时回传近海海流剖面数据，为海上风电运维和养殖网箱布设提供依据。';

/** expect.poll with a timeout fit for a browser (the default is one second). */
function poll<T>(fn: () => T | Promise<T>, options: { timeout?: number; message?: string } = {}) {
  return expect.poll(fn, { timeout: 30_000, ...options });
}

/** Chooses an option of an antd Select by its title (the option's text). */
async function choose(page: Page, select: Locator, title: string) {
  await select.click();
  const option = page.locator(`.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option[title="${title}"]`);
  await settled(option);
  await option.click();
}

/** Opens an action's modal on the detail page, confirms it and waits for the new status. */
async function act(page: Page, action: string, status: string, fill?: (modal: Locator) => Promise<void>) {
  await page.getByTestId(`action-${action}`).click();
  const modal = page.locator('.ant-modal:visible');
  await settled(page.getByTestId('action-ok'));
  if (fill) await fill(modal);
  await page.getByTestId('action-ok').click();
  await poll(() => page.getByTestId('achievement-detail').getAttribute('data-status'), { timeout: 30_000, message: `status after ${action}` }).toBe(status);
  await poll(() => page.getByTestId('action-modal').count()).toBe(0);
}

describe.skipIf(!HAS_CHROMIUM)(HAS_CHROMIUM ? 'achievements ledger in Chromium' : `achievements ledger — skipped: ${SKIP_REASON}`, () => {
  let server: Server;
  let browser: Browser;
  let researcher: BrowserContext;
  let office: BrowserContext;
  let profileDir: string;
  const pageErrors: string[] = [];
  let achievementId = '';

  const account = (role: string) => {
    const a = server.demoAccounts.find((x) => x.role === role);
    if (!a) throw new Error(`no demo account for ${role}`);
    return a;
  };

  beforeAll(async () => {
    server = await startTestServer();
    profileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chromium-achievements-'));
    browser = await launchChromium();
    const common = { locale: 'zh-CN', timezoneId: 'Asia/Shanghai', acceptDownloads: true } as const;
    researcher = await browser.newContext({ ...common, viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    office = await browser.newContext({ ...common, viewport: { width: 1366, height: 900 } });
    for (const c of [researcher, office]) {
      c.setDefaultTimeout(30_000);
      c.on('weberror', (e) => pageErrors.push(String(e.error())));
    }
  }, 180_000);

  afterAll(async () => {
    await researcher?.close();
    await office?.close();
    await browser?.close();
    await server?.close();
    if (profileDir) fs.rmSync(profileDir, { recursive: true, force: true });
  });

  it('researcher: discloses an achievement with two completers on a phone', async () => {
    const page = await researcher.newPage();
    const { login: user, password } = account('researcher');
    expect(user).toBe('researcher@demo.keqiao.cn');
    await login(page, server.url, user, password);
    await page.goto(`${server.url}/achievements`);
    await page.getByTestId('page-achievements').waitFor();
    expect(await page.getByTestId('page-title').textContent()).toBe('我的成果');
    await page.getByTestId('achievement-new').click();
    await page.getByTestId('disclosure-form').waitFor();

    await page.getByTestId('f-title').fill(TITLE);
    await page.getByTestId('f-summary').fill(SUMMARY);
    await page.getByTestId('f-problem').fill('近海海流数据稀缺、人工测量周期长。');
    await page.getByTestId('f-benefit').fill('连续在线监测，成本较进口设备降低40%。');
    const keywords = page.getByTestId('f-keywords').locator('input');
    await keywords.click();
    await keywords.pressSequentially('海流剖面,浮标,');
    await poll(() => page.getByTestId('f-keywords').locator('.ant-select-selection-item').count()).toBe(2);

    await page.getByTestId('f-field').click();
    const field = page.locator('.ant-cascader-dropdown:not(.ant-select-dropdown-hidden) .ant-cascader-menu-item[title="海洋装备与工程"]');
    await settled(field);
    await field.click();
    const subfield = page.locator('.ant-cascader-dropdown:not(.ant-select-dropdown-hidden) .ant-cascader-menu-item[title="海洋观测仪器"]');
    await settled(subfield);
    await subfield.click();
    await page.keyboard.press('Escape');

    await choose(page, page.getByTestId('f-ipType'), '发明专利');
    await page.getByTestId('f-cooperationModes').getByText('许可', { exact: true }).click();
    await page.getByTestId('f-askingPrice').fill('50万');

    // Two completers; the running total must reach 100% before the form can be sent.
    await page.getByTestId('completer-name-0').fill('王海洋');
    await page.getByTestId('completer-share-0').fill('60');
    await page.getByTestId('completer-add').click();
    await page.getByTestId('completer-name-1').fill('刘波');
    await page.getByTestId('completer-share-1').fill('30');
    await poll(() => page.getByTestId('share-total').getAttribute('data-ok')).toBe('false');
    expect(await page.getByTestId('share-total').textContent()).toContain('90');
    expect(await page.getByTestId('disclosure-submit').isDisabled()).toBe(true);
    await page.getByTestId('completer-share-1').fill('40');
    await poll(() => page.getByTestId('share-total').getAttribute('data-ok')).toBe('true');
    expect(await page.getByTestId('share-total').textContent()).toBe('合计 100%');
    await page.screenshot({ path: path.join(ARTIFACTS, 'achievements-disclosure-mobile.png'), fullPage: true });
    // Nothing overflows the phone's width.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    await page.getByTestId('disclosure-submit').click();
    await page.waitForURL((url) => /^\/achievements\/[0-9a-f-]{36}$/.test(url.pathname));
    achievementId = new URL(page.url()).pathname.split('/').pop() ?? '';
    await poll(() => page.getByTestId('achievement-detail').getAttribute('data-status')).toBe('disclosed');
    await poll(() => page.getByTestId('timeline-item').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('achievement-detail').textContent()).toContain('已披露待审');
    await page.screenshot({ path: path.join(ARTIFACTS, 'achievements-researcher-detail.png'), fullPage: true });

    // It is in "我的成果".
    await page.goto(`${server.url}/achievements`);
    await poll(() => page.getByTestId('my-achievements').getByText(TITLE).count()).toBe(1);
    await page.close();
  }, 120_000);

  it('office: finds it by full text, accepts, assesses, prices and starts the publicity', async () => {
    const page = await office.newPage();
    const { login: user, password } = account('tto_officer');
    expect(user).toBe('tto@demo.keqiao.cn');
    await login(page, server.url, user, password);
    await page.getByTestId('nav-achievements').click();
    await page.getByTestId('page-achievements').waitFor();
    expect(await page.getByTestId('page-title').textContent()).toBe('成果台账');

    await page.getByTestId('ledger-search').locator('input').fill('海流剖面');
    await page.getByTestId('ledger-search').locator('input').press('Enter');
    const link = page.locator(`[data-testid="achievement-link"][data-id="${achievementId}"]`);
    await link.waitFor();
    await poll(() => page.getByTestId('achievement-headline').locator('mark').count()).toBeGreaterThan(0);
    await page.screenshot({ path: path.join(ARTIFACTS, 'achievements-ledger-search.png') });
    await link.click();
    await page.getByTestId('achievement-detail').waitFor();

    await act(page, 'accept', 'accepted');
    await act(page, 'assess', 'assessed', async () => {
      await page.getByTestId('action-trl').click();
      const level = page.getByTestId('trl-option-6');
      await settled(level);
      // The nine levels are listed with their descriptions.
      expect(await page.locator('[data-testid^="trl-option-"]').count()).toBe(9);
      expect(await level.textContent()).toContain('相关环境中系统/子系统模型或原型演示');
      await page.screenshot({ path: path.join(ARTIFACTS, 'achievements-assess-trl.png') });
      await level.click();
      await page.getByTestId('action-notes').fill('样机已在胶州湾完成三个月海试。');
    });
    await act(page, 'price', 'priced', async () => {
      await page.getByTestId('action-agreedPrice').fill('480000');
    });
    expect(await page.getByTestId('agreed-price').textContent()).toContain('480,000.00');
    await act(page, 'start_publicity', 'in_publicity', async () => {
      expect(await page.getByTestId('publicity-rule').textContent()).toContain('不少于 15 日');
      expect(await page.getByTestId('publicity-rule').textContent()).toContain('当前为 15 日');
    });
    expect(await page.getByTestId('publicity-status').first().textContent()).toBe('公示中');

    // Deciding during the publicity is refused with the server's reason.
    await page.getByTestId('action-decide').click();
    await settled(page.getByTestId('action-ok'));
    await page.getByTestId('action-ok').click();
    await page.getByTestId('action-problem').waitFor();
    expect(await page.getByTestId('action-problem').textContent()).toContain('公示期');
    await page.screenshot({ path: path.join(ARTIFACTS, 'achievements-decide-refused.png') });
    await page.keyboard.press('Escape');
    await poll(() => page.getByTestId('action-modal').count()).toBe(0);
    await page.close();

    // A completer objects to the price during the publicity.
    const rpage = await researcher.newPage();
    await rpage.goto(`${server.url}/achievements/${achievementId}`);
    await rpage.getByTestId('objection-raise').click();
    await settled(rpage.getByTestId('objection-raise-ok'));
    await rpage.getByTestId('objection-content').fill('协议价格低于同类成果近期成交价，请复核。');
    await rpage.getByTestId('objection-raise-ok').click();
    await poll(async () => (await rpage.getByTestId('publicity').textContent()) ?? '').toContain('请复核');
    await rpage.close();
  }, 120_000);

  it('office: after the 15 days, decides on a licence and publishes; the timeline shows every step', async () => {
    server.clock.advanceDays(16);
    // The session of 16 days ago has expired: sign in again.
    await office.clearCookies();
    const page = await office.newPage();
    const { login: user, password } = account('tto_officer');
    await login(page, server.url, user, password);
    await page.goto(`${server.url}/achievements/${achievementId}`);
    await page.getByTestId('achievement-detail').waitFor();

    // The open objection blocks the decision until the office resolves it.
    await page.getByTestId('action-decide').click();
    await settled(page.getByTestId('action-ok'));
    await page.getByTestId('action-ok').click();
    await page.getByTestId('action-problem').waitFor();
    expect(await page.getByTestId('action-problem').textContent()).toContain('异议');
    await page.keyboard.press('Escape');
    await poll(() => page.getByTestId('action-modal').count()).toBe(0);
    await page.getByTestId('objection-resolve').click();
    await settled(page.getByTestId('objection-resolve-ok'));
    await page.getByTestId('objection-note').fill('经复核，价格依据评估报告确定，异议不成立。');
    await page.getByTestId('objection-resolve-ok').click();
    await poll(() => page.getByTestId('objection-resolve').count()).toBe(0);
    expect(await page.getByTestId('publicity').textContent()).toContain('异议不成立');
    await page.screenshot({ path: path.join(ARTIFACTS, 'achievements-objection-resolved.png'), fullPage: true });

    await act(page, 'decide', 'transforming', async () => {
      await choose(page, page.getByTestId('action-transformationMode'), '许可');
    });
    await page.getByTestId('action-publish').click();
    await settled(page.getByTestId('action-ok'));
    await page.getByTestId('action-ok').click();
    await page.getByTestId('action-unpublish').waitFor();
    expect(await page.getByTestId('achievement-detail').textContent()).toContain('公开');

    const types = async () => page.getByTestId('timeline-item').evaluateAll((els) => els.map((e) => e.getAttribute('data-type')));
    await poll(types).toEqual(['recorded', 'accept', 'assess', 'price', 'start_publicity', 'objection_raised', 'objection_resolved', 'decide', 'published']);
    const timeline = (await page.getByTestId('achievement-timeline').textContent()) ?? '';
    for (const text of [
      '登记',
      '受理',
      '评估',
      '6 级',
      '定价',
      '协议定价',
      '¥480,000.00',
      '开始公示',
      '公示天数',
      '15',
      '提出异议',
      '处理异议',
      '异议不成立',
      '决定转化方式',
      '许可',
      '发布到大市场',
    ]) {
      expect(timeline, text).toContain(text);
    }
    await page.screenshot({ path: path.join(ARTIFACTS, 'achievements-office-detail.png'), fullPage: true });
    await page.close();
  }, 120_000);

  it('researcher saves a draft with an attachment and submits it; the office returns it after confirming', async () => {
    const title = '退回测试：海底管道腐蚀声学检测方法';
    const page = await researcher.newPage();
    const { login: user, password } = account('researcher');
    await login(page, server.url, user, password);
    await page.goto(`${server.url}/achievements/new`);
    await page.getByTestId('disclosure-form').waitFor();
    await page.getByTestId('f-title').fill(title);
    await page.getByTestId('f-field').click();
    const field = page.locator('.ant-cascader-dropdown:not(.ant-select-dropdown-hidden) .ant-cascader-menu-item[title="海洋装备与工程"]');
    await settled(field);
    await field.click();
    await page.keyboard.press('Escape');
    await choose(page, page.getByTestId('f-ipType'), '技术秘密');
    await page.getByTestId('f-negotiable').check();
    await page.getByTestId('completer-name-0').fill('王海洋');
    // One completer with the default 100%.
    await poll(() => page.getByTestId('share-total').getAttribute('data-ok')).toBe('true');
    await page.getByTestId('disclosure-save').click();
    await page.waitForURL((url) => /^\/achievements\/[0-9a-f-]{36}\/edit$/.test(url.pathname));
    const id = new URL(page.url()).pathname.split('/')[2] ?? '';

    // Attachments can be uploaded once the draft exists.
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('attachment-upload').click()]);
    await chooser.setFiles({ name: '检测报告.txt', mimeType: 'text/plain', buffer: Buffer.from('声学检测报告（测试）') });
    await poll(() => page.getByTestId('attachments').getByText('检测报告.txt').count()).toBe(1);

    await page.getByTestId('disclosure-submit').click();
    await page.waitForURL((url) => url.pathname === `/achievements/${id}`);
    await poll(() => page.getByTestId('achievement-detail').getAttribute('data-status')).toBe('disclosed');

    const officePage = await office.newPage();
    await officePage.goto(`${server.url}/achievements/${id}`);
    await officePage.getByTestId('achievement-detail').waitFor();
    await officePage.getByTestId('action-return').click();
    await settled(officePage.getByTestId('action-ok'));
    await officePage.getByTestId('action-reason').fill('请补充海试数据和知识产权说明。');
    await officePage.getByTestId('action-ok').click();
    // Returning is destructive: a confirmation comes first.
    const confirm = officePage.locator('.achievement-confirm .ant-modal-confirm-btns .ant-btn-dangerous');
    await settled(confirm);
    await officePage.screenshot({ path: path.join(ARTIFACTS, 'achievements-return-confirm.png') });
    expect(await officePage.getByTestId('achievement-detail').getAttribute('data-status')).toBe('disclosed');
    await confirm.click();
    await poll(() => officePage.getByTestId('achievement-detail').getAttribute('data-status')).toBe('returned');
    await officePage.close();

    // The researcher sees the return with its reason and may edit again.
    await page.reload();
    await poll(() => page.getByTestId('achievement-detail').getAttribute('data-status')).toBe('returned');
    await poll(async () => (await page.getByTestId('achievement-timeline').textContent()) ?? '').toContain('请补充海试数据和知识产权说明。');
    await page.getByTestId('achievement-edit').waitFor();
    await page.close();
  }, 120_000);

  it('office: imports a .jsonl file, reads the row report, then imports only the valid rows', async () => {
    const line = (title: string, shares: [string, string]) =>
      JSON.stringify({
        title,
        summary: '导入测试成果。',
        keywords: ['导入'],
        fieldCode: 'MAR-EQP',
        subfieldCode: 'MAR-EQP-03',
        ipType: 'patent_invention',
        cooperationModes: ['license'],
        askingPrice: '300000.00',
        completers: [
          { name: '王海洋', share: shares[0] },
          { name: '刘波', share: shares[1] },
        ],
      });
    const file = path.join(ARTIFACTS, 'achievements-import.jsonl');
    fs.writeFileSync(file, `${line('导入测试：海洋浮标数据融合平台', ['60', '40'])}\n${line('导入测试：份额不足一百的成果', ['60', '30'])}\n`);

    const page = await office.newPage();
    await page.goto(`${server.url}/achievements`);
    await page.getByTestId('import-open').click();
    await settled(page.getByTestId('import-start'));
    await page.locator('.ant-modal input[type=file]').setInputFiles(file);
    await page.getByTestId('import-filename').waitFor();

    // The worker is not running in tests: run the queued import as it would.
    const runNext = async (click: () => Promise<void>) => {
      const [response] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/achievements/imports') && r.request().method() === 'POST'), click()]);
      expect(response.status()).toBe(202);
      const { id } = (await response.json()) as { id: string };
      await runImport(server.db, id, server.clock.now());
    };
    await runNext(() => page.getByTestId('import-start').click());
    await poll(() => page.getByTestId('import-progress').getAttribute('data-status')).toBe('rejected');
    await page.getByTestId('import-report').waitFor();
    const report = (await page.getByTestId('import-report').textContent()) ?? '';
    // Line 2 of the file: its shares make 90%.
    expect(report).toContain('贡献比例之和');
    expect(await page.getByTestId('import-report').locator('tbody tr').first().locator('td').first().textContent()).toBe('2');
    await page.screenshot({ path: path.join(ARTIFACTS, 'achievements-import-report.png') });

    await runNext(() => page.getByTestId('import-valid-only').click());
    await poll(() => page.getByTestId('import-progress').getAttribute('data-status')).toBe('completed');
    expect(await page.getByTestId('import-progress').textContent()).toContain('已导入 1 行');
    await page.keyboard.press('Escape');

    await page.getByTestId('ledger-search').locator('input').fill('数据融合');
    await page.getByTestId('ledger-search').locator('input').press('Enter');
    await poll(() => page.getByTestId('ledger-table').getByText('导入测试：海洋浮标数据融合平台').count()).toBe(1);
    await page.close();
  }, 60_000);

  it('office: exports the ledger as .xlsx containing the achievement', async () => {
    const page = await office.newPage();
    await page.goto(`${server.url}/achievements`);
    await page.getByTestId('ledger-table').waitFor();
    await page.getByTestId('achievement-link').first().waitFor();
    await page.screenshot({ path: path.join(ARTIFACTS, 'achievements-ledger.png') });
    // The same page in English, and back.
    await page.getByTestId('lang-switch').click();
    await poll(() => page.getByTestId('page-title').textContent()).toBe('Achievements ledger');
    await page.screenshot({ path: path.join(ARTIFACTS, 'achievements-ledger-en.png') });
    await page.getByTestId('lang-switch').click();
    await poll(() => page.getByTestId('page-title').textContent()).toBe('成果台账');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-xlsx').click()]);
    const file = path.join(ARTIFACTS, 'achievements-export.xlsx');
    await download.saveAs(file);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const cells: string[] = [];
    workbook.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.text ?? '')))));
    expect(cells).toContain(TITLE);
    await page.close();
  }, 60_000);

  it('raised no uncaught errors in the pages', () => {
    expect(pageErrors).toEqual([]);
  });
});
