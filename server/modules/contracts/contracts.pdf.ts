import { CONTRACT_KIND_LABELS, type ContractKind, LICENSE_TYPE_LABELS, type LicenseType, REGISTRATION_FILING_DAYS } from '../../../common/contracts.js';
import { formatWan } from '../../../common/money.js';
import type { TriggerEvent } from '../../../common/contracts.js';
import type { Ctx } from '../../lib/context.js';
import { renderPdf } from '../../lib/pdf.js';
import { achievementSummaries } from '../achievements/index.js';
import type { PaymentPlan } from './contracts.payment-plan.rules.js';
import { achievementIdsOf, loadContract } from './contracts.service.js';

/**
 * The contract draft (合同草案) from a Chinese template: parties, subject matter, scope, payment
 * terms written out from the plan, trial and exit, guarantees, registration, signatures.
 */

const EVENT_NAMES: Record<TriggerEvent, string> = {
  first_revenue: '被许可方首次取得使用本技术的产品或服务收入',
  certification: '产品取得认证或注册证',
  mass_production: '产品量产',
  financing: '被许可方完成融资',
  termination: '合同终止',
};

export interface ContractDraftInput {
  number: string;
  kind: ContractKind;
  title: string;
  licenseType: LicenseType | null;
  fieldOfUse: string;
  territory: string;
  licensor: { name: string; creditCode: string };
  licensee: { name: string; creditCode: string };
  achievements: { number: string; title: string; ipNumbers: string[] }[];
  plan: PaymentPlan | null;
}

const yuan = (s: string) => `人民币 ${s} 元（${formatWan(s)}）`;

function due(d: { date?: string | null; event?: TriggerEvent | null; daysAfterEvent?: number }): string {
  const byEvent = d.event ? `${EVENT_NAMES[d.event]}之日起 ${d.daysAfterEvent ?? 30} 日内` : '';
  if (d.date && byEvent) return `于 ${d.date} 或${byEvent}支付，以先到者为准`;
  return d.date ? `于 ${d.date} 前支付` : `${byEvent}支付`;
}

/** The payment clauses written out from the plan, one sentence per term. */
export function paymentClauses(plan: PaymentPlan): string[] {
  const out: string[] = [];
  out.push(Number(plan.entryFee) === 0 ? '（一）入门费：零元（零门槛费）。' : `（一）入门费：${yuan(plan.entryFee)}，于合同生效之日起 ${plan.entryFeeDueDays ?? 30} 日内支付。`);
  let n = 2;
  const cn = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
  const mark = () => `（${cn[n++] ?? n}）`;
  for (const m of plan.milestones ?? []) out.push(`${mark()}阶段性付款“${m.label}”：${yuan(m.amount)}，${due(m.due)}。`);
  if (plan.deferred) out.push(`${mark()}延期支付：${yuan(plan.deferred.amount)}，${due(plan.deferred.due)}。`);
  const r = plan.royalty;
  if (r) {
    const base = r.base === 'net_sales' ? '净销售额' : '利润';
    const tiers = r.tiers
      .map(
        (t, i) =>
          `${t.upTo ? `年度累计${base}${i ? '超过前档' : ''}不超过 ${t.upTo} 元的部分` : `${r.tiers.length > 1 ? '超过前档的部分' : `全部${base}`}`}按 ${(Number(t.rate) * 100).toFixed(2).replace(/\.?0+$/, '')}%`,
      )
      .join('；');
    out.push(`${mark()}收入提成：以被许可方使用本技术的产品或服务的${base}为基数，${tiers}计提；按报告期报告，报告期结束后 ${r.dueDaysAfterPeriod ?? 30} 日内支付。`);
    if (r.minimumAnnual) out.push(`${mark()}年度最低提成：${yuan(r.minimumAnnual)}（试用期内不适用），不足部分于合同年度结束后补足。`);
    if (r.cap) out.push(`${mark()}提成总额上限：${yuan(r.cap)}。`);
  }
  out.push(`${mark()}到期日遇法定节假日或休息日的，顺延至其后第一个工作日。`);
  return out;
}

export function renderContractDraft(c: ContractDraftInput): Promise<Buffer> {
  return renderPdf({ title: `${c.title}（草案）`, subject: c.number }, (doc) => {
    const width = doc.page.width - 128;
    const heading = (t: string) => doc.moveDown(0.6).fontSize(12).text(t, { width }).moveDown(0.2).fontSize(10.5);
    const para = (t: string) => doc.fontSize(10.5).text(t, { width, lineGap: 3 });

    doc.fontSize(18).text(`${CONTRACT_KIND_LABELS[c.kind].zh}合同（草案）`, { align: 'center', width });
    doc.moveDown(0.3).fontSize(10).text(`合同编号：${c.number}`, { align: 'center', width }).moveDown(1);
    para(`许可方（甲方）：${c.licensor.name}　统一社会信用代码：${c.licensor.creditCode}`);
    para(`被许可方（乙方）：${c.licensee.name}　统一社会信用代码：${c.licensee.creditCode}`);
    para('依据《中华人民共和国民法典》《中华人民共和国促进科技成果转化法》及青岛市深化科技成果转化创新改革十条措施，双方经平等协商，订立本合同。');

    heading('第一条　标的技术');
    if (c.achievements.length === 0) para('（待列明）');
    for (const a of c.achievements) para(`${a.number}　${a.title}${a.ipNumbers.length ? `（知识产权：${a.ipNumbers.join('、')}）` : ''}`);

    heading('第二条　许可方式与范围');
    para(`许可方式：${c.licenseType ? LICENSE_TYPE_LABELS[c.licenseType].zh : '（不适用）'}；实施领域：${c.fieldOfUse || '不限'}；地域范围：${c.territory || '中华人民共和国境内'}。`);
    if (c.plan) para(`合同期限：自 ${c.plan.effectiveOn} 起至 ${c.plan.endsOn} 止。`);

    heading('第三条　使用费及支付方式');
    if (c.plan) for (const line of paymentClauses(c.plan)) para(line);
    else para('（条款待定）');
    para('乙方可以现金、股权、期股期权、超额激励或收益分配等方式支付，非现金方式按双方确认的估值计算并提供凭证。');

    heading('第四条　试用期与退出');
    para(
      c.plan?.trialMonths
        ? `自合同生效之日起 ${c.plan.trialMonths} 个月为试用期。试用期内乙方可书面通知退出，未取得收入的无需支付任何费用；已取得收入的，按第三条支付相应提成及由此触发的款项。退出后乙方应停止使用标的技术并返还技术资料。`
        : '本合同不设试用期。合同终止前已到期的款项仍应支付，终止后不再产生新的提成。',
    );

    heading('第五条　保险与担保');
    para('乙方可投保科技成果转化相关保险或提供担保；乙方逾期未付的，由保险人或担保人先行赔付，违约信息按规定推送信用系统。');

    heading('第六条　技术合同认定登记');
    para(`本合同签订后 ${REGISTRATION_FILING_DAYS} 日内，由甲方向技术合同登记机构申请认定登记。`);

    heading('第七条　争议解决');
    para('因本合同发生的争议，双方协商解决；协商不成的，提交甲方所在地人民法院诉讼解决。');

    doc.moveDown(2);
    para('甲方（盖章）：　　　　　　　　　　　　乙方（盖章）：');
    para('法定代表人或授权代表（签字）：　　　　法定代表人或授权代表（签字）：');
    para('日期：　　　年　　月　　日　　　　　　日期：　　　年　　月　　日');
  });
}

/** The draft of one contract as PDF, for a party of it. */
export async function contractDraftPdf(ctx: Ctx, id: string): Promise<{ filename: string; pdf: Buffer }> {
  const c = await loadContract(ctx, id);
  const { rows: orgs } = await ctx.db.query<{ id: string; name: string; credit_code: string }>('select id, name, credit_code from organisations where id in ($1, $2)', [
    c.licensor_org_id,
    c.licensee_org_id,
  ]);
  const org = (orgId: string) => {
    const o = orgs.find((x) => x.id === orgId)!;
    return { name: o.name, creditCode: o.credit_code };
  };
  const ids = await achievementIdsOf(ctx.db, id);
  const summaries = await achievementSummaries(ctx.db, ids);
  const achievements = ids.flatMap((a) => {
    const s = summaries.get(a);
    return s ? [{ number: s.number, title: s.title, ipNumbers: s.ipNumbers }] : [];
  });
  const pdf = await renderContractDraft({
    number: c.number,
    kind: c.kind,
    title: c.title,
    licenseType: c.license_type,
    fieldOfUse: c.field_of_use,
    territory: c.territory,
    licensor: org(c.licensor_org_id),
    licensee: org(c.licensee_org_id),
    achievements,
    plan: c.plan,
  });
  return { filename: `${c.number}-合同草案.pdf`, pdf };
}
