import path from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, businessDateOf } from '../../common/calendar';
import { sampleAchievement } from '../helpers/achievements';
import { ARTIFACTS, HAS_CHROMIUM, launchChromium, login, requireChromium, SKIP_REASON } from '../helpers/browser';
import { httpLogin, startTestServer } from '../helpers/server';

/**
 * The market's whole deal journey in a real browser (Debian's Chromium), in Chinese: a firm posts a
 * demand in plain words → sees explained matches → opens the matching listing → asks and requests the
 * confidential pack (its question carries HTML, shown as text and never run) → accepts the
 * click-through NDA → reads the pack → makes an offer; the holder's office sees the read in its
 * access log and accepts the offer, which becomes a draft contract. Then an auction: after its
 * listing's publicity the firm, whose deposit the operator recorded, sees the live highest bid, the
 * countdown and the minimum next bid, is refused below it and bids. Screenshots go to test-results/.
 */

requireChromium('deal room browser test');

type Server = Awaited<ReturnType<typeof startTestServer>>;

const OFFICE = 'tto@demo.keqiao.cn';
const FIRM = 'enterprise@demo.keqiao.cn';
const DO_SENSING = '基于原位荧光传感的深远海网箱溶解氧监测系统';
const PACK_TEXT = '溶解氧传感器标定数据（保密）\n批次,溶解氧 mg/L\n1,7.9\n2,6.1\n';

/** A public achievement of the demo university with one file in its confidential pack. */
async function listedAchievement(baseUrl: string, password: string, title: string): Promise<string> {
  const office = await httpLogin(baseUrl, OFFICE, password);
  const me = await office<{ memberships: Array<{ organisationId: string; role: string }> }>('GET', '/api/v1/me');
  const orgId = me.memberships.find((m) => m.role === 'tto_officer')!.organisationId;
  const a = await office<{ id: string }>(
    'POST',
    `/api/v1/orgs/${orgId}/achievements`,
    sampleAchievement({ title, problem: '网箱夏季高温时溶解氧骤降，鱼群缺氧浮头甚至死亡。', benefit: '原位连续监测，提前 2 小时预警。', completers: [{ name: '王海洋', share: '100' }] }),
  );
  for (const step of ['submit', 'accept']) await office('POST', `/api/v1/achievements/${a.id}/${step}`);
  await office('POST', `/api/v1/achievements/${a.id}/assess`, { trl: 6 });
  await office('POST', `/api/v1/achievements/${a.id}/publish`);
  await office('POST', `/api/v1/achievements/${a.id}/deal-pack`, { filename: '标定数据.csv', contentType: 'text/csv', dataBase64: Buffer.from(PACK_TEXT).toString('base64') });
  return a.id;
}

const poll = <T>(fn: () => Promise<T>) => expect.poll(fn, { timeout: 30_000, interval: 200 });

async function clickFor(page: Page, locator: Locator, method: string, pathEnd: string | RegExp): Promise<number> {
  const matches = (p: string) => (typeof pathEnd === 'string' ? p.endsWith(pathEnd) : pathEnd.test(p));
  const [response] = await Promise.all([page.waitForResponse((r) => r.request().method() === method && matches(new URL(r.url()).pathname)), locator.click()]);
  return response.status();
}

describe.skipIf(!HAS_CHROMIUM)(HAS_CHROMIUM ? 'deal room and auction in Chromium' : `deal room and auction in Chromium — skipped: ${SKIP_REASON}`, () => {
  let server: Server;
  let browser: Browser;
  let firmContext: BrowserContext;
  let officeContext: BrowserContext;
  const pageErrors: string[] = [];
  const dialogs: string[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchChromium();
    const options = { viewport: { width: 1280, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' };
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

  it('firm: demand in plain words → explained matches → listing → asks → NDA → reads the pack → offers; the office sees the read and accepts', async () => {
    const password = server.demoAccounts[0]!.password;
    // Set-up: the office of the demo listing on dissolved-oxygen sensing puts a file in its confidential pack.
    const officeApi = await httpLogin(server.url, OFFICE, password);
    const found = await officeApi<{ items: Array<{ achievementId: string; title: string }> }>('GET', `/api/v1/market/achievements?q=${encodeURIComponent('溶解氧')}`);
    const achievementId = found.items.find((i) => i.title === DO_SENSING)!.achievementId;
    await officeApi('POST', `/api/v1/achievements/${achievementId}/deal-pack`, { filename: '标定数据.csv', contentType: 'text/csv', dataBase64: Buffer.from(PACK_TEXT).toString('base64') });

    const firm = await firmContext.newPage();
    const office = await officeContext.newPage();
    for (const p of [firm, office]) {
      p.on('dialog', (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
    }
    await login(firm, server.url, FIRM, password);
    await login(office, server.url, OFFICE, password);

    // 1. The firm posts its demand in plain words, without choosing a field.
    await firm.goto(`${server.url}/market/demands/new`);
    await firm.getByTestId('demand-title').fill('网箱里的鱼夏天老缺氧');
    await firm.getByTestId('demand-description').fill('我们在黄岛有二十几个网箱，一到夏天鱼就浮头，想早点知道水里缺氧。');
    const [posted] = await Promise.all([firm.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/api/v1/market/demands')), firm.getByTestId('demand-submit').click()]);
    expect(posted.status()).toBe(201);
    await firm.waitForURL((u) => /^\/market\/demands\/[0-9a-f-]{36}$/.test(u.pathname));

    // 2. Explained matches: the dissolved-oxygen listing first, with the bridge from the firm's word.
    const first = firm.getByTestId('demand-match').first();
    await poll(() => first.textContent()).toContain(DO_SENSING);
    expect(await first.getByTestId('match-explanation').textContent()).toContain('缺氧 → 溶解氧');
    await firm.screenshot({ path: path.join(ARTIFACTS, 'deals-matches.png') });

    // 3. The listing, then its deal page: the firm asks in plain words, with HTML in the text.
    await first.getByRole('link').first().click();
    await firm.getByTestId('page-market-listing').waitFor();
    await firm.getByTestId('listing-deal').click();
    await firm.getByTestId('page-deal-achievement').waitFor();
    await poll(() => firm.getByTestId('page-deal-achievement').textContent()).toContain(DO_SENSING);
    const question = '<img src=x onerror="alert(1)">网箱里的鱼夏天老缺氧，你们这个能提前报警吗？';
    await firm.getByTestId('ask-question').fill(question);
    expect(await firm.getByTestId('ask-pack').isChecked()).toBe(true);
    expect(await clickFor(firm, firm.getByTestId('ask-send'), 'POST', '/inquiries')).toBe(201);
    await firm.waitForURL(/\/deals\/[0-9a-f-]{36}$/);
    const roomId = new URL(firm.url()).pathname.split('/').pop()!;
    await firm.getByTestId('page-deal-room').waitFor();
    // The HTML is shown as typed: no image element, no script run.
    await poll(() => firm.getByTestId('message-body').first().textContent()).toBe(question);
    expect(await firm.getByTestId('messages').locator('img').count()).toBe(0);

    // 4. The NDA, then the pack.
    await firm.getByTestId('nda-text').waitFor();
    expect(await firm.getByTestId('nda-accept').isDisabled()).toBe(true);
    await firm.getByTestId('nda-agree').click();
    expect(await clickFor(firm, firm.getByTestId('nda-accept'), 'POST', '/nda')).toBe(200);
    await poll(() => firm.getByTestId('nda-accepted').textContent()).toContain('陈企');
    await firm.screenshot({ path: path.join(ARTIFACTS, 'deals-nda.png') });
    expect(await clickFor(firm, firm.getByTestId('pack-view-标定数据.csv'), 'GET', /\/pack\/[0-9a-f-]{36}$/)).toBe(200);
    await poll(() => firm.getByTestId('pack-preview-text').textContent()).toContain('溶解氧传感器标定数据');
    await firm.screenshot({ path: path.join(ARTIFACTS, 'deals-pack.png') });
    await firm.keyboard.press('Escape');

    // 5. An offer: a licence at 300,000 yuan.
    await firm.getByTestId('offer-amount').fill('300000.00');
    await firm.getByTestId('offer-terms').fill('普通许可，用于本公司黄海网箱');
    expect(await clickFor(firm, firm.getByTestId('offer-submit'), 'POST', '/offers')).toBe(201);
    await poll(() => firm.getByTestId('offer-status').first().textContent()).toBe('待答复');
    await firm.screenshot({ path: path.join(ARTIFACTS, 'deals-offer.png') });

    // 6. The office sees the read in the access log and accepts; the contract draft is linked.
    await office.goto(`${server.url}/deals/${roomId}`);
    await poll(() => office.getByTestId('access-log').textContent()).toContain('陈企');
    expect(await office.getByTestId('access-log').textContent()).toContain('标定数据.csv');
    await office.getByTestId('offer-accept').click();
    const ok = office.locator('.ant-popconfirm .ant-btn-primary');
    await ok.waitFor({ state: 'visible' });
    const [accepted] = await Promise.all([office.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname.endsWith('/accept')), ok.click()]);
    expect(accepted.status()).toBe(200);
    await office.getByTestId('deal-contract').waitFor();
    await poll(() => office.getByTestId('room-status').textContent()).toContain('已成交');
    await office.screenshot({ path: path.join(ARTIFACTS, 'deals-deal.png') });
    await office.getByTestId('deal-contract').locator('a').click();
    await office.getByTestId('page-contract-detail').waitFor();

    await firm.reload();
    await poll(() => firm.getByTestId('room-status').textContent()).toContain('已成交');

    expect(dialogs).toEqual([]);
    expect(pageErrors).toEqual([]);
  }, 240_000);

  it('auction: listed with a one-day publicity, then the firm bids on the live page', async () => {
    const password = server.demoAccounts[0]!.password;
    const achievementId = await listedAchievement(server.url, password, '海水淡化膜抗污染改性技术（竞价演示）');
    const office = await httpLogin(server.url, OFFICE, password);
    const d0 = businessDateOf(server.clock.now());
    const auction = await office<{ id: string }>('POST', `/api/v1/achievements/${achievementId}/auctions`, {
      kind: 'transfer',
      startingPrice: '100000.00',
      reservePrice: '150000.00',
      increment: '5000.00',
      depositAmount: '10000.00',
      publicityDays: 1,
      publicityDayKind: 'calendar',
      startsAt: `${addDays(d0, 1)}T00:00:00+08:00`,
      endsAt: `${addDays(d0, 3)}T00:00:00+08:00`,
      extensionMinutes: 5,
    });
    const firmApi = await httpLogin(server.url, FIRM, password);
    const me = await firmApi<{ memberships: Array<{ organisationId: string }> }>('GET', '/api/v1/me');
    const operator = await httpLogin(server.url, 'operator@demo.keqiao.cn', password);
    await operator('POST', `/api/v1/auctions/${auction.id}/deposits`, { orgId: me.memberships[0]!.organisationId, amount: '10000.00', reference: 'BZJ-0001' });

    // During the publicity the page says so; a day later bidding is open.
    server.clock.advanceDays(1);
    await firmContext.clearCookies();
    const firm = await firmContext.newPage();
    firm.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await login(firm, server.url, FIRM, password);
    await firm.goto(`${server.url}/auctions/${auction.id}`);
    await poll(() => firm.getByTestId('auction-phase').getAttribute('data-phase')).toBe('open');
    await firm.getByTestId('auction-countdown').waitFor();
    await poll(() => firm.getByTestId('bid-minimum').textContent()).toContain('100,000.00');

    // Below the starting price: refused with the minimum named; then a bid that stands.
    await firm.getByTestId('bid-amount').fill('99000.00');
    expect(await clickFor(firm, firm.getByTestId('bid-submit'), 'POST', '/bids')).toBe(422);
    await poll(() => firm.locator('.ant-message').textContent()).toContain('100000.00');
    await firm.getByTestId('bid-amount').fill('100000.00');
    expect(await clickFor(firm, firm.getByTestId('bid-submit'), 'POST', '/bids')).toBe(201);
    await poll(() => firm.getByTestId('auction-highest').textContent()).toContain('100,000.00');
    await poll(() => firm.getByTestId('bid-minimum').textContent()).toContain('105,000.00');
    await firm.screenshot({ path: path.join(ARTIFACTS, 'deals-auction.png') });

    expect(dialogs).toEqual([]);
    expect(pageErrors).toEqual([]);
  }, 240_000);
});
