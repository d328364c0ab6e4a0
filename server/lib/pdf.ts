import fs from 'node:fs';
import PDFDocument from 'pdfkit';
import { AppError } from './errors.js';

/**
 * PDF documents in Chinese: pdfkit with a Noto CJK font embedded (Debian's fonts-noto-cjk), so
 * that any reader shows the text and it can be searched and copied.
 */

const CJK_FONT_FILES = [
  { path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', family: 'NotoSansCJKsc-Regular' },
  { path: '/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc', family: 'NotoSerifCJKsc-Regular' },
];

export function cjkFont(): { path: string; family: string } {
  const found = CJK_FONT_FILES.find((f) => fs.existsSync(f.path));
  if (!found) {
    throw new AppError('NOT_READY', {
      params: {
        detail: `：服务器缺少中文字体 ${CJK_FONT_FILES[0]!.path}（apt-get install fonts-noto-cjk）`,
        detailEn: `: the server lacks the Chinese font ${CJK_FONT_FILES[0]!.path} (apt-get install fonts-noto-cjk)`,
      },
    });
  }
  return found;
}

/** Renders a document with the CJK font set as 'cjk' (and selected), and returns its bytes. */
export async function renderPdf(info: { title: string; subject?: string }, draw: (doc: PDFKit.PDFDocument) => void): Promise<Buffer> {
  const font = cjkFont();
  const doc = new PDFDocument({ size: 'A4', margins: { top: 56, bottom: 56, left: 64, right: 64 }, info: { Title: info.title, Subject: info.subject ?? '', Producer: 'Keqiao 科桥' } });
  doc.registerFont('cjk', font.path, font.family);
  doc.font('cjk');
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  draw(doc);
  doc.end();
  return done;
}
