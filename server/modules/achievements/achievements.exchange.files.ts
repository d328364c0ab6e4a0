import readline from 'node:readline';
import { Readable, type Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { type CellValue, COLUMNS, MAX_CELL_BYTES, oversizeMarker } from './achievements.exchange.columns.rules.js';
import { columnNumFmt } from './achievements.exchange.export.rules.js';

/**
 * Spreadsheets and JSON Lines as streams of rows, for files of any length: the streaming
 * reader and writer of exceljs (the workbook is never held whole), and line-by-line JSON.
 */

export type ExchangeFormat = 'xlsx' | 'jsonl';

export interface SheetRow {
  /** The spreadsheet's own row number (the header is row 1). */
  row: number;
  cells: CellValue[];
  /** Columns (0-based) whose cell holds a formula: refused, an import takes values only. */
  formulas: number[];
}

/** The first bytes of every .xlsx (a zip archive). */
export function looksLikeXlsx(data: Buffer): boolean {
  return data.length > 4 && data[0] === 0x50 && data[1] === 0x4b && data[2] === 0x03 && data[3] === 0x04;
}

export class NotASpreadsheetError extends Error {
  constructor(
    readonly zh: string,
    readonly en: string,
  ) {
    super(en);
  }
}

type ExcelValue = ExcelJS.CellValue;

/** A cell's value as plain data; formulas and errors are flagged, rich text is joined. */
function plain(v: ExcelValue): { value: CellValue; formula: boolean } {
  if (v == null) return { value: null, formula: false };
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return { value: v, formula: false };
  if ('formula' in v || 'sharedFormula' in v) return { value: null, formula: true };
  if ('richText' in v && Array.isArray(v.richText)) return { value: v.richText.map((r) => r.text).join(''), formula: false };
  if ('text' in v) return { value: String(v.text ?? ''), formula: false };
  if ('error' in v) return { value: String(v.error), formula: false };
  return { value: String(v), formula: false };
}

/**
 * exceljs 4.4's streaming reader decodes each inflated chunk on its own, so a Chinese character
 * split across two chunks comes out as U+FFFD. Its parts are therefore rewritten first with
 * every non-ASCII character as an XML character reference (&#x6D77;), which the parser turns
 * back into the same text, and stored uncompressed, the worksheets after the parts they refer to.
 */
/** The text as ASCII bytes, every other character as an XML character reference (a loop, not a regex: cells may be huge). */
function asciiXml(text: string): Buffer {
  const out = Buffer.allocUnsafe(text.length * 10 + 16);
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) {
      out[n++] = c;
      continue;
    }
    const cp = text.codePointAt(i)!;
    if (cp > 0xffff) i++;
    n += out.write(`&#x${cp.toString(16)};`, n, 'latin1');
  }
  return out.subarray(0, n);
}

/**
 * Text nodes over 32 KB are replaced by a marker that names their size before anything parses
 * them: a 40 MB cell is then refused with its size, quickly and without holding it twice.
 */
function dropHugeText(xml: string): string {
  const parts: string[] = [];
  let from = 0;
  let at = xml.indexOf('<t', 0);
  while (at >= 0) {
    const open = xml.indexOf('>', at);
    const close = open < 0 ? -1 : xml.indexOf('</t>', open);
    if (close < 0) break;
    const isT = xml[at + 2] === '>' || xml[at + 2] === ' ';
    if (isT && close - open - 1 > MAX_CELL_BYTES / 3 && Buffer.byteLength(xml.slice(open + 1, close)) > MAX_CELL_BYTES) {
      parts.push(xml.slice(from, open + 1), oversizeMarker(Buffer.byteLength(xml.slice(open + 1, close))));
      from = close;
    }
    at = xml.indexOf('<t', close);
  }
  if (!parts.length) return xml;
  parts.push(xml.slice(from));
  return parts.join('');
}

async function asciiParts(data: Buffer): Promise<Buffer> {
  const source = await JSZip.loadAsync(data);
  const out = new JSZip();
  // Worksheets last: the streaming reader then knows the workbook and shared strings before the rows.
  const names = Object.keys(source.files).filter((n) => !source.files[n]!.dir);
  const isSheet = (n: string) => /^xl\/worksheets\/[^/]+\.xml$/i.test(n);
  for (const name of [...names.filter((n) => !isSheet(n)), ...names.filter(isSheet)]) {
    const entry = source.files[name]!;
    if (/\.(xml|rels)$/i.test(name)) {
      const text = await entry.async('string');
      out.file(name, asciiXml(dropHugeText(text)));
    } else out.file(name, await entry.async('nodebuffer'));
  }
  return out.generateAsync({ type: 'nodebuffer', compression: 'STORE' });
}

/**
 * The rows of the first worksheet, in order, with the spreadsheet's row numbers. Throws
 * NotASpreadsheetError when the data is not an .xlsx file.
 */
export async function* readXlsxRows(data: Buffer): AsyncGenerator<SheetRow> {
  if (!looksLikeXlsx(data)) {
    throw new NotASpreadsheetError('文件不是 Excel 工作簿（.xlsx）；请在 Excel 或 WPS 中“另存为 .xlsx”后再导入', 'the file is not an Excel workbook (.xlsx); save it as .xlsx and import again');
  }
  let prepared: Buffer;
  try {
    prepared = await asciiParts(data);
  } catch (err) {
    const detail = err instanceof Error ? err.message.slice(0, 200) : String(err);
    throw new NotASpreadsheetError(`无法读取该 .xlsx 文件（文件已损坏或不是 Excel 工作簿）：${detail}`, `the .xlsx file cannot be read (damaged, or not an Excel workbook): ${detail}`);
  }
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([prepared]), { sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit', entries: 'ignore' });
  let sheets = 0;
  try {
    for await (const sheet of reader) {
      sheets++;
      if (sheets > 1) continue; // the ledger is the first sheet; others (notes, lists) are ignored
      for await (const r of sheet) {
        const row = r as ExcelJS.Row;
        const cells: CellValue[] = [];
        const formulas: number[] = [];
        const values = row.values as ExcelValue[]; // 1-based
        for (let col = 1; col < values.length; col++) {
          const { value, formula } = plain(values[col] ?? null);
          if (formula) formulas.push(col - 1);
          cells[col - 1] = value;
        }
        yield { row: row.number, cells, formulas };
      }
    }
  } catch (err) {
    if (err instanceof NotASpreadsheetError) throw err;
    const detail = err instanceof Error ? err.message.slice(0, 200) : String(err);
    throw new NotASpreadsheetError(`无法读取该 .xlsx 文件（文件已损坏或不是 Excel 工作簿）：${detail}`, `the .xlsx file cannot be read (damaged, or not an Excel workbook): ${detail}`);
  }
  if (sheets === 0) throw new NotASpreadsheetError('工作簿中没有工作表', 'the workbook has no worksheet');
}

/** The lines of a JSON Lines file with their line numbers (blank lines skipped). */
export async function* readJsonLines(data: Buffer | Readable): AsyncGenerator<{ row: number; line: string }> {
  const input = Buffer.isBuffer(data) ? Readable.from([data]) : data;
  const rl = readline.createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  let row = 0;
  for await (const line of rl) {
    row++;
    const text = row === 1 ? line.replace(/^\uFEFF/, '') : line;
    if (text.trim()) yield { row, line: text };
  }
}

/** Writes the ledger as an .xlsx with the Chinese header row, streaming row by row. */
export async function writeXlsx(out: Writable, rows: AsyncIterable<CellValue[]>): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: true });
  workbook.creator = 'Keqiao 科桥';
  const sheet = workbook.addWorksheet('成果台账', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width ?? 14, ...(columnNumFmt(c.key) ? { style: { numFmt: columnNumFmt(c.key)! } } : {}) }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  for await (const cells of rows) sheet.addRow(cells.map((v) => (v === undefined ? null : v))).commit();
  sheet.commit();
  await workbook.commit();
}

/** Writes one JSON object a line. */
export async function writeJsonl(out: Writable, records: AsyncIterable<Record<string, unknown>>): Promise<void> {
  for await (const r of records) {
    if (!out.write(`${JSON.stringify(r)}\n`)) await new Promise((resolve) => out.once('drain', resolve));
  }
  out.end();
}
