import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { orgOf, sampleAchievement } from '../../../test/helpers/achievements.js';
import { setupTestContext, type TestClient, TEST_NOW } from '../../../test/helpers/app.js';
import { verifyLedger } from '../../lib/ledger.js';
import { COLUMNS } from './achievements.exchange.columns.rules.js';
import { runImport } from './achievements.exchange.service.js';

const t = setupTestContext();

const HEADERS = ['成果名称', '技术领域', '子领域', '知识产权类型', '技术成熟度(TRL)', '合作方式', '挂牌价格(元)', '完成人及贡献比例', '披露日期', '单位统一社会信用代码', '关键词'];

async function orgByName(name: string) {
  const { rows } = await t.db.query<{ id: string; credit_code: string }>('select id, credit_code from organisations where name = $1', [name]);
  return rows[0]!;
}

async function count(orgId: string) {
  return (await t.db.query<{ n: number }>('select count(*)::int as n from achievements where organisation_id = $1', [orgId])).rows[0]!.n;
}

async function xlsx(rows: unknown[][], headers = HEADERS): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('台账');
  ws.addRow(headers);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function goodRow(title: string, over: Record<number, unknown> = {}): unknown[] {
  const row: unknown[] = [title, '海洋装备与工程', '海洋观测仪器', '发明专利', 6, '许可；先使用后付费', '500000', '王海洋(60%)；刘波(40%)', '2025-03-01', '', '溶解氧；传感器'];
  for (const [i, v] of Object.entries(over)) row[Number(i)] = v;
  return row;
}

/** Posts the file, runs the job as the worker would, and returns the finished import. */
async function importFile(client: TestClient, orgId: string, data: Buffer, format: 'xlsx' | 'jsonl', extra: Record<string, unknown> = {}, locale = 'zh-CN') {
  const res = await client.request('POST', `/api/v1/orgs/${orgId}/achievements/imports`, { filename: `台账.${format}`, format, dataBase64: data.toString('base64'), ...extra });
  expect(res.statusCode, res.body).toBe(202);
  expect(res.json().status).toBe('pending');
  await runImport(t.db, res.json().id, TEST_NOW).catch(() => {});
  const done = await client.request('GET', `/api/v1/orgs/${orgId}/achievements/imports/${res.json().id}`, undefined, { 'accept-language': locale });
  expect(done.statusCode).toBe(200);
  return done.json() as { status: string; totalRows: number; processedRows: number; importedRows: number; report: { row: number | null; column: string | null; level: string; message: string }[] };
}

const CONTENT_KEYS = COLUMNS.map((c) => c.key).filter((k) => !['number', 'status', 'stage', 'visibility', 'pricingMethod', 'agreedPrice', 'creditCode', 'transformationStatus'].includes(k));
const contentOf = (line: Record<string, unknown>) => Object.fromEntries(CONTENT_KEYS.map((k) => [k, line[k]]));
const jsonLines = (body: string) =>
  body
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);

describe('achievements exchange: export → import round trip', () => {
  it('exports .xlsx and JSON Lines with a Chinese filename; importing either into another institution gives the same content', async () => {
    const office = await t.loginAs('tto_officer');
    const orgId = await orgOf(office);
    const researcher = await t.loginAs('researcher');
    const a = (
      await researcher.request('POST', `/api/v1/orgs/${orgId}/achievements`, sampleAchievement({ submit: true, askingPrice: null, titleEn: 'In-situ DO sensing', ipNumbers: ['ZL202310000001.X'] }))
    ).json();
    await office.request('POST', `/api/v1/achievements/${a.id}/accept`);
    await office.request('POST', `/api/v1/achievements/${a.id}/assess`, { trl: 7 });
    await office.request('PATCH', `/api/v1/achievements/${a.id}`, { contractAmount: '1234567.89', receivedAmount: '200000.50', techContractRegNo: '2026370212000123' });

    const jsonl = await office.request('GET', `/api/v1/orgs/${orgId}/achievements/export?format=jsonl`);
    const withoutCode = (body: string) =>
      Buffer.from(
        jsonLines(body)
          .map(({ creditCode: _c, ...rest }) => JSON.stringify(rest))
          .join('\n'),
      );
    expect(jsonl.statusCode).toBe(200);
    expect(jsonl.headers['content-type']).toMatch(/ndjson/);
    expect(jsonl.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('成果台账-黄海海洋大学-20261128.jsonl')}`);
    const lines = jsonLines(jsonl.body);
    const mine = lines.find((l) => l.number === a.number)!;
    expect(mine).toMatchObject({
      title: a.title,
      askingPrice: null,
      trl: 7,
      contractAmount: '1234567.89',
      completers: [
        { name: '王海洋', share: '60' },
        { name: '刘波', share: '40' },
      ],
    });

    const xlsxRes = await office.request('GET', `/api/v1/orgs/${orgId}/achievements/export?format=xlsx`);
    expect(xlsxRes.statusCode).toBe(200);
    expect(xlsxRes.headers['content-disposition']).toContain(encodeURIComponent('成果台账-黄海海洋大学-20261128.xlsx'));
    // The file names its institution (单位统一社会信用代码); moved to another one, that column goes.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(new Uint8Array(xlsxRes.rawPayload).buffer);
    const sheet = wb.worksheets[0]!;
    expect(sheet.getRow(1).values).toEqual([undefined, ...COLUMNS.map((c) => c.header)]);
    sheet.spliceColumns(COLUMNS.findIndex((c) => c.key === 'creditCode') + 1, 1);
    const xlsxData = Buffer.from(await wb.xlsx.writeBuffer());

    const admin = await t.loginAs('admin');
    for (const [name, format, data] of [
      ['胶州湾大学', 'jsonl', withoutCode(jsonl.body)],
      ['青岛海洋生物医药研究院', 'xlsx', xlsxData],
    ] as const) {
      const target = await orgByName(name);
      const done = await importFile(admin, target.id, data, format);
      expect(done.report.filter((r) => r.level === 'error')).toEqual([]);
      expect(done).toMatchObject({ status: 'completed', totalRows: lines.length, importedRows: lines.length });
      const back = jsonLines((await admin.request('GET', `/api/v1/orgs/${target.id}/achievements/export?format=jsonl`)).body);
      expect(back.map(contentOf)).toEqual(lines.map(contentOf));
      // Imported rows are accepted into the ledger, each with its ledger event, and none is public without --publish.
      expect(new Set(back.map((l) => l.status))).toEqual(new Set(['accepted']));
      expect(back.every((l) => l.visibility !== 'public' && l.creditCode === target.credit_code)).toBe(true);
    }
    expect((await verifyLedger(t.db)).ok).toBe(true);
  });

  it('filters the export like the list and refuses people outside the office', async () => {
    const office = await t.loginAs('tto_officer');
    const orgId = await orgOf(office);
    const res = await office.request('GET', `/api/v1/orgs/${orgId}/achievements/export?format=jsonl&fieldCode=MAR-EQP&trlMin=7`);
    const lines = jsonLines(res.body);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.every((l) => l.fieldCode === 'MAR-EQP' && (l.trl as number) >= 7)).toBe(true);
    expect((await (await t.loginAs('researcher')).request('GET', `/api/v1/orgs/${orgId}/achievements/export?format=xlsx`)).statusCode).toBe(403);
    const enterprise = await t.loginAs('enterprise');
    expect((await enterprise.request('GET', `/api/v1/orgs/${orgId}/achievements/export?format=xlsx`)).statusCode).toBe(403);
  });
});

describe('achievements exchange: bad input gives a message per row and writes nothing', () => {
  it('names each broken row and column, in the caller’s language, and writes nothing', async () => {
    const admin = await t.loginAs('admin');
    const target = await orgByName('青岛深蓝装备研究所');
    const before = await count(target.id);
    const data = await xlsx([
      goodRow('完全正确的一行成果'),
      goodRow('信用代码错误', { 9: '91370200MA3C5X7Y8Z' }),
      goodRow('比例之和不为百分之百', { 7: '王海洋(60%)；刘波(30%)' }),
      goodRow('未知技术领域', { 1: 'XYZ-99', 2: '' }),
      goodRow('成熟度十二级', { 4: 12 }),
      goodRow('日期格式错误', { 8: '2024/03/01' }),
      goodRow('别的单位的代码', { 9: (await orgByName('胶州湾大学')).credit_code }),
    ]);
    const done = await importFile(admin, target.id, data, 'xlsx');
    expect(done.status).toBe('rejected');
    expect(done.importedRows).toBe(0);
    expect(done.totalRows).toBe(7);
    const errors = done.report.filter((r) => r.level === 'error');
    const at = (row: number) => errors.filter((e) => e.row === row);
    expect(at(2)).toEqual([]);
    expect(at(3)[0]).toMatchObject({ column: '单位统一社会信用代码' });
    expect(at(3)[0]!.message).toMatch(/统一社会信用代码.*无效/);
    expect(at(4)[0]).toMatchObject({ column: '完成人及贡献比例' });
    expect(at(4)[0]!.message).toMatch(/100%/);
    expect(at(5)[0]).toMatchObject({ column: '技术领域' });
    expect(at(5)[0]!.message).toMatch(/未知的技术领域：XYZ-99/);
    expect(at(6)[0]).toMatchObject({ column: '技术成熟度(TRL)' });
    expect(at(6)[0]!.message).toMatch(/1–9.*12/);
    expect(at(7)[0]).toMatchObject({ column: '披露日期' });
    expect(at(7)[0]!.message).toMatch(/YYYY-MM-DD/);
    expect(at(8)[0]!.message).toMatch(/不是导入单位的代码/);
    expect(await count(target.id)).toBe(before);

    const en = await importFile(admin, target.id, data, 'xlsx', {}, 'en-US');
    expect(en.report.find((r) => r.row === 6)!.message).toBe('TRL must be 1–9, got 12');
  });

  it('refuses formulas, a 40 MB cell and a file that is not a spreadsheet, each with a clear message', async () => {
    const admin = await t.loginAs('admin');
    const target = await orgByName('青岛深蓝装备研究所');
    const before = await count(target.id);

    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('台账');
    ws.addRow(HEADERS);
    ws.addRow(goodRow('含公式的一行'));
    ws.getCell('G2').value = { formula: '400000+100000', result: 500000 } as ExcelJS.CellFormulaValue;
    ws.addRow(goodRow('超大单元格的一行', { 0: '海'.repeat(14 * 1024 * 1024) })); // 42 MB of UTF-8
    ws.addRow(goodRow('正常的一行'));
    const big = Buffer.from(await wb.xlsx.writeBuffer());
    const done = await importFile(admin, target.id, big, 'xlsx');
    expect(done.status).toBe('rejected');
    expect(done.report.find((r) => r.row === 2)).toMatchObject({ column: '挂牌价格(元)', level: 'error' });
    expect(done.report.find((r) => r.row === 2)!.message).toMatch(/公式/);
    const huge = done.report.filter((r) => r.row === 3 && r.level === 'error');
    expect(huge).toHaveLength(1);
    expect(huge[0]).toMatchObject({ column: '成果名称' });
    expect(huge[0]!.message).toMatch(/内容过大（42\.0 MB），单元格不能超过 32 KB/);
    expect(done.report.filter((r) => r.row === 4 && r.level === 'error')).toEqual([]);

    const notXlsx = await importFile(admin, target.id, Buffer.from('%PDF-1.7\n这不是表格'), 'xlsx');
    expect(notXlsx).toMatchObject({ status: 'rejected', importedRows: 0 });
    expect(notXlsx.report).toEqual([{ row: null, column: null, level: 'error', message: expect.stringMatching(/不是 Excel 工作簿/) }]);
    const damaged = await importFile(admin, target.id, Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(100, 7)]), 'xlsx');
    expect(damaged.status).toBe('rejected');
    expect(damaged.report[0]!.message).toMatch(/无法读取/);

    const jsonl = [
      JSON.stringify({ ...sampleAchievement({ title: '正常的 JSON 行' }), trl: 5, visibility: 'internal' }),
      JSON.stringify({ ...sampleAchievement({ title: '价格是浮点数' }), askingPrice: 1234.5 }),
      '{not json',
      JSON.stringify({ ...sampleAchievement({ title: '超大字段' }), summary: 'x'.repeat(100 * 1024) }),
      JSON.stringify({ ...sampleAchievement({ title: '超大的行' }), summary: 'x'.repeat(3 * 1024 * 1024) }),
      JSON.stringify({ ...sampleAchievement({ title: '拼错的键' }), fieldcode: 'MAR-EQP' }),
    ].join('\n');
    const j = await importFile(admin, target.id, Buffer.from(jsonl), 'jsonl');
    expect(j.status).toBe('rejected');
    expect(j.report.find((r) => r.row === 2)).toMatchObject({ column: 'askingPrice' });
    expect(j.report.find((r) => r.row === 3)!.message).toMatch(/JSON/);
    expect(j.report.find((r) => r.row === 4)!.message).toMatch(/32 KB/);
    expect(j.report.find((r) => r.row === 4)).toMatchObject({ column: 'summary' });
    expect(j.report.find((r) => r.row === 5)!.message).toMatch(/该行过大（3\.0 MB）/);
    expect(j.report.find((r) => r.row === 6)).toMatchObject({ column: 'fieldcode' });
    expect(await count(target.id)).toBe(before);
  }, 120_000);

  it('a header without a required column rejects the file', async () => {
    const admin = await t.loginAs('admin');
    const target = await orgByName('青岛深蓝装备研究所');
    const done = await importFile(admin, target.id, await xlsx([['一行']], ['成果名称']), 'xlsx');
    expect(done.status).toBe('rejected');
    expect(done.report.map((r) => r.column)).toEqual(expect.arrayContaining(['技术领域', '知识产权类型', '完成人及贡献比例']));
  });
});

describe('achievements exchange: modes, publishing, duplicates', () => {
  it('valid_only imports only the valid rows; a re-run with the exported numbers adds nothing', async () => {
    const admin = await t.loginAs('admin');
    const target = await orgByName('青岛海岸带生态研究所');
    const before = await count(target.id);
    const data = await xlsx([goodRow('有效的第一行'), goodRow('无效：成熟度', { 4: 0 }), goodRow('有效的第三行')]);
    const done = await importFile(admin, target.id, data, 'xlsx', { mode: 'valid_only' });
    expect(done).toMatchObject({ status: 'completed', totalRows: 3, importedRows: 2 });
    expect(done.report.filter((r) => r.level === 'error').map((r) => r.row)).toEqual([3]);
    expect(await count(target.id)).toBe(before + 2);

    // Export carries 成果编号: importing the export again into the same ledger skips every row.
    const exported = (await admin.request('GET', `/api/v1/orgs/${target.id}/achievements/export?format=xlsx`)).rawPayload;
    const again = await importFile(admin, target.id, exported, 'xlsx');
    expect(again).toMatchObject({ status: 'completed', importedRows: 0 });
    expect(again.report.filter((r) => r.level === 'warning' && /已在本单位台账/.test(r.message))).toHaveLength(before + 2);
    expect(await count(target.id)).toBe(before + 2);
  });

  it('publish: rows with a TRL are assessed and public, rows without one stay internal and the report says so', async () => {
    const admin = await t.loginAs('admin');
    const target = await orgByName('崂山海洋技术创新中心');
    const data = await xlsx([goodRow('可以发布的成果'), goodRow('没有成熟度的成果', { 4: '' })]);
    const done = await importFile(admin, target.id, data, 'xlsx', { publish: true });
    expect(done).toMatchObject({ status: 'completed', importedRows: 2 });
    expect(done.report).toEqual([expect.objectContaining({ row: 3, level: 'warning', message: expect.stringMatching(/技术成熟度/) })]);
    const { rows } = await t.db.query<{ title: string; status: string; visibility: string; transformation_status: string; published_at: Date | null }>(
      'select title, status, visibility, transformation_status, published_at from achievements where organisation_id = $1 order by title',
      [target.id],
    );
    expect(rows.find((r) => r.title === '可以发布的成果')).toMatchObject({ status: 'assessed', visibility: 'public', transformation_status: 'listed' });
    expect(rows.find((r) => r.title === '没有成熟度的成果')).toMatchObject({ status: 'accepted', visibility: 'internal', published_at: null });
    const list = (await admin.request('GET', `/api/v1/orgs/${target.id}/achievements/imports`)).json();
    expect(list.items[0]).toMatchObject({ status: 'completed', importedRows: 2, report: [] });
  });

  it('runs as a job of the worker, and the import status is 404 for another institution', async () => {
    const { createWorker, jobHandlers } = await import('../../jobs.js');
    const office = await t.loginAs('tto_officer');
    const orgId = await orgOf(office);
    const res = await office.request('POST', `/api/v1/orgs/${orgId}/achievements/imports`, {
      filename: 'one.jsonl',
      format: 'jsonl',
      dataBase64: Buffer.from(JSON.stringify({ ...sampleAchievement({ title: '经由任务队列导入' }) })).toString('base64'),
    });
    expect(res.statusCode).toBe(202);
    const worker = createWorker({ db: t.db, handlers: jobHandlers });
    // Earlier imports of this file were run directly; their jobs find them finished and do nothing.
    while ((await worker.runOnce()) > 0);
    const done = (await office.request('GET', `/api/v1/orgs/${orgId}/achievements/imports/${res.json().id}`)).json();
    expect(done).toMatchObject({ status: 'completed', importedRows: 1, processedRows: 1, totalRows: 1 });
    const other = await orgByName('胶州湾大学');
    const admin = await t.loginAs('admin');
    expect((await admin.request('GET', `/api/v1/orgs/${other.id}/achievements/imports/${res.json().id}`)).statusCode).toBe(404);
    expect((await office.request('POST', `/api/v1/orgs/${orgId}/achievements/imports`, { filename: 'x', format: 'csv', dataBase64: 'eA==' })).statusCode).toBe(400);
  });
});
