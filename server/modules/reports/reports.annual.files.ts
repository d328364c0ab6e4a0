import ExcelJS from 'exceljs';
import type { AnnualReport } from '../../../common/api/reports.js';
import { formatYuan } from '../../../common/money.js';
import { renderPdf } from '../../lib/pdf.js';

/** The annual report as files: .xlsx (sheets 汇总 and 项目清单) or PDF with an embedded CJK font. */

/** The summary as label/value rows, shared by the spreadsheet and the PDF. */
export function summaryRows(r: AnnualReport): [string, string][] {
  return [
    ['单位名称', r.organisation.name],
    ['统一社会信用代码', r.organisation.creditCode],
    ['报告年度', `${r.year}（${r.period.from} 至 ${r.period.to}）`],
    ['一、当年取得的科技成果（项）', String(r.obtained.total)],
    ...r.obtained.byType.filter((t) => t.count > 0).map((t): [string, string] => [`    其中 ${t.label}`, String(t.count)]),
    ...r.obtained.bySource.map((s): [string, string] => [`    来源：${s.label}`, String(s.count)]),
    ['二、当年转化的科技成果（项）', String(r.transformations.total)],
    ...r.transformations.byMode
      .filter((m) => m.count > 0 || ['transfer', 'license', 'equity'].includes(m.mode))
      .map((m): [string, string] => [`    ${m.label}`, `${m.count} 项，${formatYuan(m.amount)}`]),
    ['三、合同项数（项）', String(r.contracts.count)],
    ['    合同金额（元）', r.contracts.amount],
    ...r.contracts.bands.map((b): [string, string] => [`    ${b.label}`, `${b.count} 项，${formatYuan(b.amount)}`]),
    ['    当年到账金额（元）', r.receivedInYear.amount],
    ['四、当年创设或参股的公司（家）', String(r.equityCompanies.count)],
    ['五、奖励和报酬（元）', r.rewards.total],
    ['    现金奖励（元）', `${r.rewards.cash}（${r.rewards.cashPeople} 人）`],
    ['    其中计入工资薪金的应税额（元）', r.rewards.taxable],
    ['    股权奖励（账面价值，元）', `${r.rewards.equity}（${r.rewards.equityPeople} 人）`],
  ];
}

const PROJECT_HEADERS = ['序号', '成果编号', '成果名称', '转化方式', '受让/被许可/投资方', '合同金额（元）', '累计到账（元）', '转化日期'];

export async function annualReportXlsx(r: AnnualReport): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Keqiao 科桥';
  wb.title = r.title;
  const summary = wb.addWorksheet('汇总');
  summary.columns = [
    { header: '项目', key: 'label', width: 36 },
    { header: '数值', key: 'value', width: 60 },
  ];
  summary.insertRow(1, [r.title]);
  summary.mergeCells('A1:B1');
  summary.getRow(1).font = { bold: true, size: 14 };
  summary.getRow(2).font = { bold: true };
  for (const [label, value] of summaryRows(r)) summary.addRow([label, value]);

  const list = wb.addWorksheet('项目清单');
  list.columns = PROJECT_HEADERS.map((header, i) => ({ header, width: [6, 18, 40, 12, 30, 16, 16, 12][i] }));
  list.getRow(1).font = { bold: true };
  r.projects.forEach((p, i) => {
    // Money stays text: a spreadsheet number is a float.
    list.addRow([i + 1, p.number, p.title, p.modeLabel, p.counterparty ?? '未记录', p.contractAmount, p.received, p.date]);
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export function annualReportPdf(r: AnnualReport): Promise<Buffer> {
  return renderPdf({ title: r.title, subject: '科技成果转化年度报告' }, (doc) => {
    doc.fontSize(16).text(r.title, { align: 'center' });
    doc.moveDown(0.5).fontSize(9).fillColor('#555').text('由科桥台账自动生成，金额单位：元', { align: 'center' }).fillColor('#000');
    doc.moveDown();
    doc.fontSize(12).text('汇总');
    doc.moveDown(0.3).fontSize(10);
    for (const [label, value] of summaryRows(r)) doc.text(`${label}：${value}`);
    doc.moveDown();
    doc.fontSize(12).text('项目清单');
    doc.moveDown(0.3).fontSize(9);
    if (!r.projects.length) doc.text('本年度无完成转化的项目。');
    r.projects.forEach((p, i) => {
      doc.text(`${i + 1}. ${p.number} ${p.title}`);
      doc.text(`    ${p.modeLabel}｜${p.counterparty ?? '对方未记录'}｜合同金额 ${p.contractAmount}｜累计到账 ${p.received}｜${p.date}`);
    });
  });
}
