import ExcelJS from 'exceljs';
import { businessDateOf } from '../../../common/calendar.js';
import { formatYuan } from '../../../common/money.js';
import type { Ctx } from '../../lib/context.js';
import { renderPdf } from '../../lib/pdf.js';
import { getOrg } from '../orgs/index.js';
import { type AnnualReport, annualReport, type ReportAchievement, type ReportEvent, type ReportHolding } from './achievements.report.rules.js';
import { rewardTotals } from '../distribution/index.js';
import { stream } from './achievements.service.js';

/**
 * The annual report (DOMAIN §14) of one institution and year, read from its ledger: the
 * achievements, their hash-chained events and the equity sub-ledger, aggregated by the pure
 * annualReport(); then written as JSON, .xlsx (汇总, 项目清单) or PDF with an embedded CJK font.
 */

export async function buildAnnualReport(ctx: Ctx, organisationId: string, year: number): Promise<AnnualReport> {
  const org = await getOrg(ctx, organisationId);
  const { rows: achievements } = await ctx.db.query<{ id: string; number: string; title: string; ip_type: string; funding_type: string }>(
    'select id, number, title, ip_type, funding_type from achievements where organisation_id = $1',
    [organisationId],
  );
  const streams = achievements.map((a) => stream(a.id));
  const { rows: events } = streams.length
    ? await ctx.db.query<{ stream: string; seq: number; type: string; payload: Record<string, unknown>; occurred_at: Date }>(
        `select stream, seq, type, payload, occurred_at from ledger_events
          where stream = any($1) and type in ('achievement.accept', 'achievement.recorded', 'achievement.drafted', 'achievement.updated', 'achievement.complete')
          order by stream, seq`,
        [streams],
      )
    : { rows: [] };
  const { rows: holdings } = await ctx.db.query<{ achievement_id: string | null; company_name: string; company_credit_code: string; acquired_on: string }>(
    'select achievement_id, company_name, company_credit_code, acquired_on from equity_holdings where organisation_id = $1 order by acquired_on, id',
    [organisationId],
  );
  return annualReport({
    year,
    organisation: { id: org.id, name: org.name, creditCode: org.credit_code },
    achievements: achievements.map<ReportAchievement>((a) => ({ id: a.id, number: a.number, title: a.title, ipType: a.ip_type, fundingType: a.funding_type })),
    events: events.map<ReportEvent>((e) => ({
      achievementId: e.stream.slice('achievement:'.length),
      seq: e.seq,
      type: e.type,
      on: businessDateOf(e.occurred_at),
      payload: e.payload,
    })),
    holdings: holdings.map<ReportHolding>((h) => ({ achievementId: h.achievement_id, companyName: h.company_name, companyCreditCode: h.company_credit_code, acquiredOn: h.acquired_on })),
    rewards: await rewardTotals(ctx.db, organisationId, `${year}-01-01`, `${year}-12-31`),
  });
}

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
    ...r.transformations.byMode.filter((m) => m.count > 0 || ['transfer', 'license', 'equity'].includes(m.mode)).map((m): [string, string] => [`    ${m.label}`, `${m.count} 项，${formatYuan(m.amount)}`]),
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
