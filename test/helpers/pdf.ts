import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * A PDF read back as its users would: the text pdftotext extracts (`layout` keeps the columns)
 * and the font table pdffonts prints (to check that the CJK font is embedded).
 */
export function readPdf(data: Buffer, options: { layout?: boolean } = {}): { text: string; fonts: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'keqiao-pdf-'));
  try {
    const file = path.join(dir, 'file.pdf');
    fs.writeFileSync(file, data);
    const text = execFileSync('pdftotext', options.layout ? ['-layout', file, '-'] : ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
    const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' });
    return { text, fonts };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
