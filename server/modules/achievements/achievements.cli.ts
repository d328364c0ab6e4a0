import fs from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { normalizeCreditCode } from '../../../common/credit-code.js';
import type { Db } from '../../db/client.js';
import type { RowIssue } from './achievements.exchange.columns.rules.js';
import type { ExchangeFormat } from './achievements.exchange.files.js';
import { writeExport } from './achievements.exchange.export.js';
import { cliContext, executeImport } from './achievements.exchange.service.js';

/** `keqiao import achievements` and `keqiao export achievements`. */

interface Io {
  openDb: () => Promise<Db>;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  now: () => Date;
}

async function findOrg(db: Db, creditCode: string): Promise<{ id: string; name: string; credit_code: string }> {
  const { rows } = await db.query<{ id: string; name: string; credit_code: string }>('select id, name, credit_code from organisations where credit_code = $1', [normalizeCreditCode(creditCode)]);
  if (!rows[0]) throw new Error(`没有统一社会信用代码为 ${creditCode} 的机构 / no organisation has the credit code ${creditCode}`);
  return rows[0];
}

function formatOf(file: string): ExchangeFormat {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.xlsx') return 'xlsx';
  if (ext === '.jsonl' || ext === '.ndjson') return 'jsonl';
  throw new Error(`${file}: 只支持 .xlsx 与 .jsonl / only .xlsx and .jsonl files can be imported`);
}

export function formatIssue(i: RowIssue): string {
  const where = i.row === null ? '文件 file' : `第 ${i.row} 行 row ${i.row}`;
  return `${i.level === 'error' ? '错误 error  ' : '提示 warning'} ${where}${i.column ? ` [${i.column}]` : ''}: ${i.zh} / ${i.en}`;
}

export async function importAchievements(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { org: { type: 'string' }, publish: { type: 'boolean' }, 'valid-only': { type: 'boolean' } },
  });
  const file = positionals[0];
  if (!file || !values.org) throw new Error('usage: keqiao import achievements FILE --org CREDIT_CODE [--publish] [--valid-only]');
  const format = formatOf(file);
  const data = fs.readFileSync(file);
  const db = await io.openDb();
  try {
    const org = await findOrg(db, values.org);
    const say = (s: string) => io.stderr.write(`${s}\n`);
    say(`导入 / importing ${path.basename(file)} → ${org.name} (${format})`);
    const outcome = await executeImport(db, {
      organisationId: org.id,
      orgCreditCode: org.credit_code,
      format,
      data,
      mode: values['valid-only'] ? 'valid_only' : 'all_or_nothing',
      publish: values.publish ?? false,
      actor: null,
      now: io.now(),
      onProgress: (p) => {
        if (p.phase === 'validating') say(`  校验 / validated ${p.processed} rows`);
        else say(`  写入 / written ${p.processed}/${p.total}`);
      },
    });
    for (const i of outcome.issues) say(formatIssue(i));
    if (outcome.status === 'rejected') {
      say(`未导入 / rejected: ${outcome.invalidRows} 行有错误 rows have errors, of ${outcome.totalRows}; 未写入任何数据 / nothing was written`);
      return 1;
    }
    say(
      `完成 / done: ${outcome.importedRows} 条导入 imported, ${outcome.duplicateRows} 条重复跳过 duplicates skipped, ${outcome.invalidRows} 行无效未导入 invalid rows left out, of ${outcome.totalRows}` +
        (outcome.numbers.length ? ` (${outcome.numbers[0]} … ${outcome.numbers.at(-1)})` : ''),
    );
    return 0;
  } finally {
    await db.close();
  }
}

export async function exportAchievements(args: string[], io: Io): Promise<number> {
  const { values } = parseArgs({ args, options: { org: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' } } });
  const format = values.format;
  if (!values.org || (format !== 'xlsx' && format !== 'jsonl')) throw new Error('usage: keqiao export achievements --org CREDIT_CODE --format xlsx|jsonl [--out FILE]');
  if (format === 'xlsx' && !values.out && (io.stdout as { isTTY?: boolean }).isTTY) throw new Error('--out FILE is needed for xlsx on a terminal');
  const db = await io.openDb();
  try {
    const org = await findOrg(db, values.org);
    const ctx = cliContext(db, org.id, org.credit_code, io.now());
    const target = values.out ? fs.createWriteStream(values.out) : io.stdout;
    const pass = new PassThrough();
    const piping = pipeline(pass, target, { end: !!values.out });
    await writeExport(ctx, org.id, {}, format, pass);
    await piping;
    if (values.out) io.stderr.write(`已导出 / exported to ${values.out}\n`);
    return 0;
  } finally {
    await db.close();
  }
}
