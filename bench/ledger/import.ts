import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { makeCreditCode } from '../../common/credit-code.js';
import { FIELDS } from '../../common/taxonomy.js';
import type { Db } from '../../server/db/client.js';
import { executeImport, parseImportFile } from '../../server/modules/achievements/achievements.exchange.service.js';
import { openTarget } from './shared.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const ROWS = Number(process.env.KEQIAO_BENCH_ROWS ?? 100_000);
const NOW = new Date('2026-11-28T02:00:00Z');

const SUBFIELDS = FIELDS.flatMap((f) => f.subfields.map((s) => ({ field: f.zh, sub: s.zh, fieldCode: f.code, subCode: s.code })));
const WORDS = ['海洋', '传感器', '养殖', '防腐', '淡化', '电池', '机器人', '涂层', '算法', '疫苗', '催化', '监测'];
const NAMES = ['王海洋', '刘波', '陈晓燕', '赵明', '周婷', '马骏', '孙立', '高峰'];

function record(i: number) {
  const f = SUBFIELDS[i % SUBFIELDS.length]!;
  const n = (i % 3) + 1;
  const shares = n === 1 ? ['100'] : n === 2 ? ['60', '40'] : ['50', '30', '20'];
  return {
    title: `${WORDS[i % WORDS.length]}${WORDS[(i * 7) % WORDS.length]}关键技术第${i + 1}号`,
    summary: `本成果涉及${f.field}领域的${f.sub}，第${i + 1}项，经中试验证，具备产业化条件。`,
    keywords: [WORDS[i % WORDS.length]!, WORDS[(i + 3) % WORDS.length]!],
    fieldCode: f.fieldCode,
    subfieldCode: f.subCode,
    ipType: i % 5 === 0 ? 'software' : 'patent_invention',
    trl: (i % 9) + 1,
    cooperationModes: i % 2 ? ['license'] : ['transfer', 'use_first_pay_later'],
    askingPrice: i % 4 === 0 ? null : `${100000 + (i % 1000) * 1000}.00`,
    completers: shares.map((share, k) => ({ name: NAMES[(i + k) % NAMES.length]!, share })),
    visibility: 'internal',
    disclosedOn: `2025-${String((i % 12) + 1).padStart(2, '0')}-15`,
  };
}

async function writeFiles(dir: string) {
  const jsonl = path.join(dir, `ledger-${ROWS}.jsonl`);
  const xlsx = path.join(dir, `ledger-${ROWS}.xlsx`);
  const out = fs.createWriteStream(jsonl);
  for (let i = 0; i < ROWS; i++) if (!out.write(`${JSON.stringify(record(i))}\n`)) await new Promise<void>((r) => out.once('drain', () => r()));
  await new Promise<void>((r) => out.end(() => r()));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: xlsx, useSharedStrings: false, useStyles: false });
  const ws = wb.addWorksheet('成果台账');
  ws.addRow(['成果名称', '成果简介', '关键词', '技术领域', '子领域', '知识产权类型', '技术成熟度(TRL)', '合作方式', '挂牌价格(元)', '完成人及贡献比例', '公开范围', '披露日期']).commit();
  for (let i = 0; i < ROWS; i++) {
    const r = record(i);
    ws.addRow([
      r.title,
      r.summary,
      r.keywords.join('；'),
      SUBFIELDS[i % SUBFIELDS.length]!.field,
      SUBFIELDS[i % SUBFIELDS.length]!.sub,
      r.ipType === 'software' ? '软件著作权' : '发明专利',
      r.trl,
      r.cooperationModes.map((m) => ({ license: '许可', transfer: '转让', use_first_pay_later: '先使用后付费' })[m]).join('；'),
      r.askingPrice === null ? '面议' : Number(r.askingPrice),
      r.completers.map((c) => `${c.name}(${c.share}%)`).join('；'),
      '内部',
      r.disclosedOn,
    ]).commit();
  }
  ws.commit();
  await wb.commit();
  return { jsonl, xlsx };
}

/** Samples the process's resident memory while fn runs; returns the time, the result and the peak. */
async function measure<T>(fn: () => Promise<T>): Promise<{ seconds: number; peakRssMiB: number; result: T }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 25);
  const started = performance.now();
  try {
    const result = await fn();
    return { seconds: (performance.now() - started) / 1000, peakRssMiB: Math.round(Math.max(peak, process.memoryUsage().rss) / 1024 / 1024), result };
  } finally {
    clearInterval(timer);
  }
}

let orgSeq = 0;
async function newOrg(db: Db) {
  orgSeq++;
  const code = makeCreditCode(`12370212${String(100000000 + orgSeq * 7919).slice(-9)}`);
  const { rows } = await db.query<{ id: string }>(
    `insert into organisations (kind, name, name_en, credit_code, district, created_at, updated_at) values ('university', $1, $1, $2, '370212', $3, $3) returning id`,
    [`基准测试大学${orgSeq}`, code, NOW],
  );
  return { id: rows[0]!.id, code };
}

interface Result {
  database: 'pglite' | 'postgres';
  format: 'xlsx' | 'jsonl' | 'raw-insert';
  rows: number;
  seconds: number;
  rowsPerSecond: number;
  peakRssMiB: number;
  parseOnlySeconds?: number;
  /** Import time over the time to parse the same file without writing. */
  ratioToParse?: number;
  /** Import time over a raw `insert … select generate_series` of as many rows. */
  ratioToRawInsert?: number;
}

async function benchDatabase(kind: 'pglite' | 'postgres', files: { jsonl: string; xlsx: string }): Promise<Result[]> {
  const { db, drop } = await openTarget(kind, 'import');
  const results: Result[] = [];
  try {
    await db.exec('create table bench_raw (id int primary key, title text not null, created_at timestamptz not null)');
    const raw = await measure(() => db.query(`insert into bench_raw select g, md5(g::text), now() from generate_series(1, ${ROWS}) g`));
    results.push({ database: kind, format: 'raw-insert', rows: ROWS, seconds: raw.seconds, rowsPerSecond: Math.round(ROWS / raw.seconds), peakRssMiB: raw.peakRssMiB });
    for (const format of ['jsonl', 'xlsx'] as const) {
      const data = fs.readFileSync(files[format]);
      const org = await newOrg(db);
      const parse = await measure(() => parseImportFile(format, data, { orgCreditCode: org.code, today: '2026-11-28' }));
      if (parse.result.records.length !== ROWS) throw new Error(`${format}: ${parse.result.records.length} valid rows of ${ROWS}: ${JSON.stringify(parse.result.issues.slice(0, 3))}`);
      const run = await measure(() =>
        executeImport(db, {
          organisationId: org.id,
          orgCreditCode: org.code,
          format,
          data,
          mode: 'all_or_nothing',
          publish: false,
          actor: null,
          now: NOW,
          onProgress: (p) => {
            if (p.phase === 'importing' && p.processed % 20_000 === 0 && p.processed) process.stderr.write(`  ${kind} ${format}: ${p.processed}/${p.total}\n`);
          },
        }),
      );
      if (run.result.importedRows !== ROWS) throw new Error(`${format}: imported ${run.result.importedRows} of ${ROWS}`);
      results.push({
        database: kind,
        format,
        rows: ROWS,
        seconds: run.seconds,
        rowsPerSecond: Math.round(ROWS / run.seconds),
        peakRssMiB: run.peakRssMiB,
        parseOnlySeconds: parse.seconds,
        ratioToParse: run.seconds / parse.seconds,
        ratioToRawInsert: run.seconds / raw.seconds,
      });
      process.stderr.write(`  ${kind} ${format}: ${run.seconds.toFixed(1)} s\n`);
    }
    const { rows } = await db.query<{ n: number }>('select count(*)::int as n from ledger_events');
    if (rows[0]!.n !== 2 * ROWS) throw new Error(`expected ${2 * ROWS} ledger events, found ${rows[0]!.n}`);
  } finally {
    await drop();
  }
  return results;
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'keqiao-bench-import-'));
  process.stderr.write(`generating ${ROWS} rows in ${dir}\n`);
  const gen = await measure(() => writeFiles(dir));
  const files = gen.result;
  const results: Result[] = [];
  const save = () => {
    const report = {
      benchmark: 'ledger import (bench/ledger/import.ts)',
      command: 'npm run bench:ledger:import',
      at: new Date().toISOString(),
      machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? '', memoryGiB: Math.round(os.totalmem() / 1024 ** 3), node: process.version },
      files: { jsonlBytes: fs.statSync(files.jsonl).size, xlsxBytes: fs.statSync(files.xlsx).size, generateSeconds: Number(gen.seconds.toFixed(1)) },
      results: results.map((r) => ({
        ...r,
        seconds: Number(r.seconds.toFixed(2)),
        parseOnlySeconds: r.parseOnlySeconds && Number(r.parseOnlySeconds.toFixed(2)),
        ratioToParse: r.ratioToParse && Number(r.ratioToParse.toFixed(1)),
        ratioToRawInsert: r.ratioToRawInsert && Number(r.ratioToRawInsert.toFixed(0)),
      })),
    };
    fs.mkdirSync(path.join(ROOT, 'bench/results'), { recursive: true });
    fs.writeFileSync(path.join(ROOT, 'bench/results/ledger-import.json'), `${JSON.stringify(report, null, 2)}\n`);
    return report;
  };
  // Results are saved after each database, so a long run that is stopped keeps what it measured.
  results.push(...(await benchDatabase('pglite', files)));
  save();
  if (process.env.KEQIAO_BENCH_DATABASE_URL) results.push(...(await benchDatabase('postgres', files)));
  const report = save();
  console.table(report.results);
  fs.rmSync(dir, { recursive: true, force: true });
}

await main();
