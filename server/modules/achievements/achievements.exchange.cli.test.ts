import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { setupTestContext, TEST_NOW } from '../../../test/helpers/app.js';
import type { Db } from '../../db/client.js';
import { main } from '../../main.js';
import { COLUMNS } from './achievements.exchange.columns.rules.js';

const t = setupTestContext();
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'keqiao-exchange-'));

/** Runs `keqiao …` through main() on the test database; returns the exit code and what it printed. */
async function cli(...argv: string[]) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  stdout.on('data', (b: Buffer) => out.push(b));
  stderr.on('data', (b: Buffer) => err.push(b));
  const db: Db = { ...t.db, kind: t.db.kind, query: t.db.query.bind(t.db), exec: t.db.exec.bind(t.db), transaction: t.db.transaction.bind(t.db), close: async () => {} };
  const code = await main(argv, { openDb: async () => db, stdout, stderr, now: () => TEST_NOW });
  return { code, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() };
}

async function org(name: string) {
  return (await t.db.query<{ id: string; credit_code: string }>('select id, credit_code from organisations where name = $1', [name])).rows[0]!;
}

describe('keqiao import/export achievements (CLI)', () => {
  it('exports JSON Lines to stdout and .xlsx to a file; imports with a progress and row report; exit 1 when rejected', async () => {
    const hhmu = await org('黄海海洋大学');
    const exported = await cli('export', 'achievements', '--org', hhmu.credit_code, '--format', 'jsonl');
    expect(exported.code).toBe(0);
    const lines = exported.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.length).toBeGreaterThanOrEqual(25); // the demo ledger
    expect(lines.some((l) => l.fieldCode === 'MAR-EQP' && l.visibility === 'public' && l.askingPrice)).toBe(true);

    // Into another institution: the file's own credit code column is removed first.
    const jzbu = await org('胶州湾大学');
    const file = path.join(tmp, 'ledger.jsonl');
    fs.writeFileSync(file, lines.map(({ creditCode: _c, ...l }) => JSON.stringify(l)).join('\n'));
    const imported = await cli('import', 'achievements', file, '--org', jzbu.credit_code, '--publish');
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stderr).toContain(`完成 / done: ${lines.length} 条导入 imported`);
    expect(imported.stderr).toMatch(/写入 \/ written \d+\/\d+/);
    const published = await t.db.query<{ n: number }>("select count(*)::int as n from achievements where organisation_id = $1 and visibility = 'public'", [jzbu.id]);
    expect(published.rows[0]!.n).toBe(lines.filter((l) => l.visibility === 'public').length);

    const xlsx = path.join(tmp, '台账.xlsx');
    const toFile = await cli('export', 'achievements', '--org', hhmu.credit_code, '--format', 'xlsx', '--out', xlsx);
    expect(toFile.code).toBe(0);
    expect(fs.readFileSync(xlsx).subarray(0, 2).toString()).toBe('PK');
    // The same file again into the same ledger: every row is a duplicate, nothing is added.
    const again = await cli('import', 'achievements', xlsx, '--org', hhmu.credit_code);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('完成 / done: 0 条导入 imported');
    // Into another institution the file's credit code does not match: rejected, exit 1, one line per row.
    const wrong = await cli('import', 'achievements', xlsx, '--org', jzbu.credit_code, '--valid-only');
    expect(wrong.code).toBe(0); // valid-only: nothing valid, nothing written, still a completed run
    const rejected = await cli('import', 'achievements', xlsx, '--org', jzbu.credit_code);
    expect(rejected.code).toBe(1);
    expect(rejected.stderr).toMatch(/错误 error\s+第 2 行 row 2 \[单位统一社会信用代码\]: 统一社会信用代码 .* 不是导入单位的代码/);
    expect(rejected.stderr).toContain('nothing was written');
  }, 60_000);
});

/** A small CSV reader (RFC 4180 quoting) for LibreOffice's output. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (cell || row.length) rows.push([...row, cell]);
  return rows;
}

const soffice = ['/usr/bin/soffice', '/usr/bin/libreoffice'].find((p) => fs.existsSync(p));
if (!soffice) {
  if (process.env.KEQIAO_REQUIRE_BROWSER === '1') throw new Error('LibreOffice (/usr/bin/soffice) is required: apt-get install libreoffice-calc-nogui');
  console.warn('⚠ LibreOffice not found (/usr/bin/soffice): the .xlsx → CSV check is skipped. apt-get install libreoffice-calc-nogui');
}

describe.skipIf(!soffice)('exports open in LibreOffice', () => {
  it('soffice --convert-to csv reads the exported .xlsx back as the same table', async () => {
    const hosp = await org('青岛滨海医学中心医院');
    const rows = [
      {
        title: '可降解镁合金骨钉',
        summary: '镁合金骨钉，12周内降解，避免二次手术。',
        keywords: ['镁合金', '骨钉'],
        fieldCode: 'MED',
        subfieldCode: 'MED-02',
        ipType: 'patent_invention',
        ipNumbers: ['ZL202310000111.2'],
        trl: 6,
        cooperationModes: ['license', 'equity'],
        askingPrice: '1250000.50',
        completers: [
          { name: '林济', share: '70' },
          { name: '王医', share: '30' },
        ],
        visibility: 'internal',
        disclosedOn: '2025-04-01',
        contractAmount: '300000',
      },
      { title: '术后康复步态评估软件', fieldCode: 'MED-03', ipType: 'software', askingPrice: null, completers: [{ name: '林济', share: '100' }] },
    ];
    const file = path.join(tmp, 'hosp.jsonl');
    fs.writeFileSync(file, rows.map((r) => JSON.stringify(r)).join('\n'));
    expect((await cli('import', 'achievements', file, '--org', hosp.credit_code)).code).toBe(0);
    const xlsx = path.join(tmp, '医院台账.xlsx');
    expect((await cli('export', 'achievements', '--org', hosp.credit_code, '--format', 'xlsx', '--out', xlsx)).code).toBe(0);

    const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'keqiao-lo-'));
    execFileSync(soffice!, [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1', '--outdir', tmp, xlsx], {
      stdio: 'pipe',
      timeout: 120_000,
    });
    const csv = parseCsv(fs.readFileSync(path.join(tmp, '医院台账.csv'), 'utf8'));
    expect(csv[0]).toEqual(COLUMNS.map((c) => c.header));
    const byHeader = (row: string[]) => Object.fromEntries(COLUMNS.map((c, i) => [c.header, row[i] ?? '']));
    const [first, second] = [byHeader(csv[1]!), byHeader(csv[2]!)];
    expect(first).toMatchObject({
      成果编号: expect.stringMatching(/^QD-2026-\d{6}$/),
      成果名称: '可降解镁合金骨钉',
      关键词: '镁合金；骨钉',
      技术领域: '医疗器械',
      子领域: '植入与介入器械',
      知识产权类型: '发明专利',
      '专利号/登记号': 'ZL202310000111.2',
      是否已授权: '是',
      成果阶段: '开发阶段',
      '技术成熟度(TRL)': '6',
      合作方式: '许可；作价投资',
      '挂牌价格(元)': '1250000.50',
      完成人及贡献比例: '林济(70%)；王医(30%)',
      '单位权属比例(%)': '100',
      公开范围: '内部',
      状态: '已受理',
      披露日期: '2025-04-01',
      转化状态: '未转化',
      '合同金额(元)': '300000.00',
      '到账金额(元)': '0.00',
      单位统一社会信用代码: hosp.credit_code,
    });
    expect(second).toMatchObject({
      成果名称: '术后康复步态评估软件',
      技术领域: '医疗器械',
      子领域: '康复与可穿戴',
      知识产权类型: '软件著作权',
      '挂牌价格(元)': '面议',
      完成人及贡献比例: '林济(100%)',
      '技术成熟度(TRL)': '',
    });
    expect(csv.filter((r) => r.some(Boolean))).toHaveLength(3);
  }, 180_000);
});
