import fs from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppError, renderMessage } from '../../lib/errors.js';
import { annualReportPdf } from './reports.annual.files.js';
import { annualReport } from './reports.annual.rules.js';

const empty = annualReport({
  year: 2026,
  organisation: { id: 'o', name: '黄海海洋大学', creditCode: 'X' },
  achievements: [],
  events: [],
  holdings: [],
  rewards: { cash: '0.00', taxable: '0.00', cashPeople: 0, equity: '0.00', equityPeople: 0 },
});

describe('annual report PDF without the CJK font', () => {
  afterEach(() => vi.restoreAllMocks());

  it('fails with a clear 503 naming the missing font and the package to install', async () => {
    const real = fs.existsSync;
    vi.spyOn(fs, 'existsSync').mockImplementation((p) => (String(p).includes('NotoS') ? false : real(p)));
    const err = await annualReportPdf(empty).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).status).toBe(503);
    expect(renderMessage('NOT_READY', 'zh-CN', (err as AppError).params)).toBe(
      '服务尚未就绪：服务器缺少中文字体 /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc（apt-get install fonts-noto-cjk）',
    );
    expect((err as AppError).message).toContain('the server lacks the Chinese font');
  });

  it('renders when the font is there (an empty year says so)', async () => {
    const pdf = await annualReportPdf(empty);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  });
});
