import { IP_TYPE_LABELS, type IpType } from '../../../common/achievements.js';
import { businessDateOf } from '../../../common/calendar.js';
import { EVALUATION_STATUS_LABELS, INDICATOR_STANDARD, VALUE_INDICATOR_LABELS } from '../../../common/evaluation.js';
import { formatWan } from '../../../common/money.js';
import { APPROACH_LABELS } from '../../../common/valuation.js';
import type { Ctx } from '../../lib/context.js';
import { renderPdf } from '../../lib/pdf.js';
import { type EvaluationView, reportData } from './evaluation.service.js';

/**
 * The evaluation report (成果评估报告) in Chinese: the achievement, the TRL with its description and
 * evidence, the 五元价值 scores, each valuation with its full table of steps, the conclusion, the
 * evaluator and the date. A draft is marked as such on every page.
 */

const yuan = (s: string) => `${s} 元`;

export function renderEvaluationReport(v: EvaluationView): Promise<Buffer> {
  const title = '科技成果评估报告';
  return renderPdf({ title: `${title} ${v.number}`, subject: v.achievement.title }, (doc) => {
    const left = doc.page.margins.left;
    const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
    const statusNote = v.status === 'draft' ? '（草稿，不作为正式评估结论）' : v.status === 'superseded' ? '（已由新版本取代，仅供查阅）' : '';

    const heading = (text: string) => {
      doc.moveDown(0.8).fontSize(12).fillColor('#000').text(text, left, doc.y);
      doc.moveDown(0.3).fontSize(9.5);
    };
    const line = (label: string, value: string) => doc.text(`${label}：${value}`, left, doc.y, { width });
    const ensure = (h: number) => {
      if (doc.y + h > doc.page.height - doc.page.margins.bottom) doc.addPage();
    };
    /** A table with fixed column widths (fractions of the width); long cells wrap. */
    const table = (headers: string[], widths: number[], rows: string[][]) => {
      const xs = widths.map((_, i) => left + widths.slice(0, i).reduce((a, b) => a + b, 0) * width);
      const draw = (cells: string[], bold: boolean) => {
        const heights = cells.map((c, i) => doc.heightOfString(c, { width: widths[i]! * width - 4 }));
        const h = Math.max(...heights) + 4;
        ensure(h);
        const y = doc.y;
        if (bold) doc.rect(left, y, width, h).fill('#eef2f7').fillColor('#000');
        cells.forEach((c, i) => {
          doc.text(c, xs[i]! + 2, y + 2, { width: widths[i]! * width - 4 });
        });
        doc
          .moveTo(left, y + h)
          .lineTo(left + width, y + h)
          .lineWidth(0.3)
          .strokeColor('#999')
          .stroke();
        doc.x = left;
        doc.y = y + h;
      };
      doc.fontSize(8.5);
      draw(headers, true);
      for (const r of rows) draw(r, false);
      doc.fontSize(9.5).moveDown(0.3);
    };

    doc.fontSize(16).text(title, { align: 'center' });
    doc.moveDown(0.3).fontSize(9).fillColor('#555');
    doc.text(`编号 ${v.number}　第 ${v.versionNo} 版　状态：${EVALUATION_STATUS_LABELS[v.status].zh}${statusNote}`, { align: 'center' });
    doc.text('金额单位：元（人民币）；日期格式 YYYY-MM-DD', { align: 'center' }).fillColor('#000');

    heading('一、评估对象');
    line('成果编号', v.achievement.number);
    line('成果名称', v.achievement.title);
    line('成果持有单位', v.achievement.holderName);
    line('知识产权类型', IP_TYPE_LABELS[v.achievement.ipType as IpType]?.zh ?? v.achievement.ipType);
    if (v.achievement.ipNumbers.length) line('专利/登记号', v.achievement.ipNumbers.join('、'));
    line('评估委托方', v.requester.name);
    line('评估目的', v.purpose || '未填写');
    line('评估基准日', v.valuationDate);

    heading('二、技术成熟度（TRL）');
    if (v.trl == null) doc.text('未评定');
    else {
      line('等级', `TRL ${v.trl}：${v.trlLevel?.zh ?? ''}`);
      line('判定依据', v.trlEvidence || '未填写');
      doc.fontSize(8).fillColor('#555').text('等级描述依据 GB/T 22900-2009 附录 A 技术就绪水平量表（通用九级）。', left, doc.y, { width }).fillColor('#000').fontSize(9.5);
    }

    heading('三、五元价值评价（GB/T 44731-2024）');
    if (!v.indicators.length) doc.text('未评分');
    else {
      table(
        ['指标', '评分（0–100）', '权重', '加权得分', '说明'],
        [0.24, 0.14, 0.1, 0.14, 0.38],
        v.indicators.map((s) => [VALUE_INDICATOR_LABELS[s.indicator].zh, String(s.score), `${s.weight}%`, ((s.score * s.weight) / 100).toFixed(2), s.comment ?? '']),
      );
      line('综合得分', v.compositeScore ?? '—');
      doc.fontSize(8).fillColor('#555').text(INDICATOR_STANDARD.zh, left, doc.y, { width }).fillColor('#000').fontSize(9.5);
    }

    heading('四、经济价值评估（GB/T 39057-2020）');
    if (!v.results.length) doc.text('未做估值');
    v.results.forEach((r, i) => {
      ensure(80);
      doc
        .moveDown(0.4)
        .fontSize(10.5)
        .text(`（${i + 1}）${APPROACH_LABELS[r.approach].zh}：评估值 ${yuan(r.value)}（${formatWan(r.value)}）`, left, doc.y, { width });
      doc.fontSize(9).text(`方法：${r.rule.zh}`, left, doc.y, { width });
      const note = (v.valuations[i] as { note?: string | null } | undefined)?.note;
      if (note) doc.text(`说明：${note}`, left, doc.y, { width });
      doc.moveDown(0.2);
      table(
        ['步骤', '计算', '结果'],
        [0.36, 0.46, 0.18],
        r.steps.map((s) => [s.label.zh, s.formula, s.value]),
      );
      if (r.years?.length) {
        table(
          ['年度 t', 'R_t（元）', 'K × R_t', '折现系数 1/(1+r)^t', '现值（精确）', '现值（元）'],
          [0.09, 0.19, 0.17, 0.19, 0.19, 0.17],
          [...r.years.map((y) => [String(y.year), y.amount, y.share, y.discountFactor, y.presentValueExact, y.presentValue]), ['合计', '', '', '', '', r.value]],
        );
      }
      if (r.comparables?.length) {
        table(
          ['可比案例', '成交价（元）', '修正系数', '调整后价格（元）'],
          [0.3, 0.18, 0.32, 0.2],
          r.comparables.map((c) => [c.name + (c.dealDate ? `（${c.dealDate}）` : ''), c.price, c.factors.map((f) => `${f.label} ${f.value}`).join('；') || '无', c.adjustedPrice]),
        );
        line('价格区间', `${yuan(r.low)} – ${yuan(r.high)}`);
      }
      doc.fontSize(8).fillColor('#555').text(`依据：${r.standard.zh}。精度：${r.precision.zh}`, left, doc.y, { width }).fillColor('#000').fontSize(9.5);
    });

    heading('五、评估结论');
    if (!v.conclusion) doc.text('尚未形成结论');
    else {
      const c = v.conclusion;
      line('建议价值', `${yuan(c.value)}（${formatWan(c.value)}）`);
      if (c.low && c.high) line('价值区间', `${yuan(c.low)} – ${yuan(c.high)}`);
      if (c.basedOn != null && v.results[c.basedOn]) line('主要依据', `${APPROACH_LABELS[v.results[c.basedOn]!.approach].zh}（评估值 ${yuan(v.results[c.basedOn]!.value)}）`);
      line('结论', c.text);
    }

    doc.moveDown(1.2).fontSize(10);
    line('评估人', v.evaluatorName || '未填写');
    line('评估日期', v.finalisedAt ? businessDateOf(new Date(v.finalisedAt)) : '未定稿');
    if (v.contentHash) {
      doc.fontSize(7.5).fillColor('#555').text(`内容摘要（SHA-256）：${v.contentHash}；定稿记录于科桥台账 evaluation:${v.seriesId}`, left, doc.y, { width }).fillColor('#000');
    }
  });
}

export async function evaluationReportPdf(ctx: Ctx, id: string): Promise<{ filename: string; pdf: Buffer }> {
  const v = await reportData(ctx, id);
  const pdf = await renderEvaluationReport(v);
  return { filename: `${v.number}-v${v.versionNo}-评估报告.pdf`, pdf };
}
