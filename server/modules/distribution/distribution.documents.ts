import ExcelJS from 'exceljs';
import { renderPdf } from '../../lib/pdf.js';
import type { myRewards, payroll } from './distribution.service.js';

/** The payroll office's workbook and each researcher's reward statement. */

type Payroll = Awaited<ReturnType<typeof payroll>>;
type MyRewards = Awaited<ReturnType<typeof myRewards>>;

const yesNo = (b: boolean) => (b ? '是' : '否');
const MONEY_FORMAT = '#,##0.00';

// Amounts go in as numbers (so the payroll office can sum them) formatted to the fen; every
// amount is at most 16 significant digits, which a spreadsheet number holds exactly.
const money = (s: string | null) => (s === null ? null : Number(s));

export async function payrollXlsx(p: Payroll, institution: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Keqiao 科桥';
  wb.title = `${institution} 科技成果转化现金奖励发放表 ${p.period.from} 至 ${p.period.to}`;

  const people = wb.addWorksheet('按人汇总');
  people.columns = [
    { header: '姓名', width: 14 },
    { header: '笔数', width: 8 },
    { header: '现金奖励（元）', width: 18, style: { numFmt: MONEY_FORMAT } },
    { header: '计入当月工资薪金的应税额（元）', width: 30, style: { numFmt: MONEY_FORMAT } },
    { header: '计入绩效工资总量', width: 16 },
    { header: '受绩效工资总量限制', width: 18 },
    { header: '作为下一年度总量基数', width: 20 },
    { header: '作为社会保险缴费基数', width: 20 },
  ];
  people.getRow(1).font = { bold: true };
  for (const x of p.people) {
    people.addRow([
      x.name,
      x.count,
      money(x.amount),
      money(x.taxable),
      yesNo(x.countedInPerformancePayTotal),
      yesNo(x.cappedByPerformancePayTotal),
      yesNo(x.inNextYearBase),
      yesNo(x.inSocialInsuranceBase),
    ]);
  }
  people.addRow(['合计', p.lines.length, money(p.totals.amount), money(p.totals.taxable)]).font = { bold: true };
  people.addRow([]);
  people.addRow(['说明：现金奖励计入当年绩效工资总量，但不受总量限制、不作为下一年度总量基数、不作为社会保险缴费基数；到账后三年内发放的，按 50% 计入当月工资薪金所得（财税〔2018〕58号）。']);

  const lines = wb.addWorksheet('发放明细');
  lines.columns = [
    { header: '姓名', width: 14 },
    { header: '来源', width: 14 },
    { header: '成果转化事项', width: 40 },
    { header: '合同编号', width: 16 },
    { header: '到账日期', width: 12 },
    { header: '发放日期', width: 12 },
    { header: '现金奖励（元）', width: 16, style: { numFmt: MONEY_FORMAT } },
    { header: '应税额（元）', width: 16, style: { numFmt: MONEY_FORMAT } },
    { header: '享受减半计税', width: 12 },
    { header: '减半计税截止日', width: 14 },
  ];
  lines.getRow(1).font = { bold: true };
  for (const l of p.lines)
    lines.addRow([
      l.name,
      l.source === 'surplus' ? '横向项目结余' : '转让许可收入',
      l.title,
      l.contractNumber ?? '',
      l.receivedOn,
      l.paidOn,
      money(l.amount),
      money(l.taxable),
      yesNo(l.halfTaxRelief),
      l.taxReliefDeadline,
    ]);

  const unpaid = wb.addWorksheet('已确认待发放');
  unpaid.columns = [
    { header: '姓名', width: 14 },
    { header: '成果转化事项', width: 40 },
    { header: '到账日期', width: 12 },
    { header: '现金奖励（元）', width: 16, style: { numFmt: MONEY_FORMAT } },
    { header: '减半计税截止日', width: 14 },
    { header: '已逾期（不再减半）', width: 18 },
  ];
  unpaid.getRow(1).font = { bold: true };
  for (const l of p.unpaid) unpaid.addRow([l.name, l.title, l.receivedOn, money(l.amount), l.taxReliefDeadline, yesNo(!l.halfTaxRelief)]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export function rewardStatementPdf(r: MyRewards, asOf: string): Promise<Buffer> {
  const title = `科技成果转化奖励对账单（${r.name}）`;
  return renderPdf({ title, subject: '科技成果转化奖励' }, (doc) => {
    doc.fontSize(16).text(title, { align: 'center' });
    doc.moveDown(0.4).fontSize(9).fillColor('#555').text(`截至 ${asOf}，由科桥生成；金额单位：元`, { align: 'center' }).fillColor('#000');
    doc.moveDown();
    if (!r.items.length) doc.fontSize(11).text('暂无已公示或已确认的奖励。');
    r.items.forEach((item, i) => {
      doc.fontSize(12).text(`${i + 1}. ${item.title}`);
      doc.fontSize(9);
      doc.text(`合同 ${item.contractNumber ?? '—'}｜到账 ${item.receivedOn}｜分配方案第 ${item.policyVersion} 版${item.policyVersion === 0 ? '（法定最低标准）' : ''}`);
      if (item.net) doc.text(item.net.rule.zh);
      if (item.team) doc.text(`${item.team.rule.zh}（${item.team.clause?.zh ?? ''}）`);
      for (const e of item.explanation) doc.text(`本人：${e.rule.zh}`);
      for (const reward of item.rewards) {
        doc.text(
          `本人奖励 ${reward.amount}；${reward.paidOn ? `已于 ${reward.paidOn} 发放，应税额 ${reward.taxable}` : `待发放，须在 ${reward.taxReliefDeadline} 前发放方可按 50% 计税`}${reward.taxReliefLost ? '（已超过三年，不再减半计税）' : ''}`,
        );
      }
      doc.moveDown(0.6);
    });
    doc.moveDown().fontSize(11).text(`合计：${r.total} 元`);
  });
}
