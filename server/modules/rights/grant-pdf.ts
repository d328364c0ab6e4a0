import { formatWan } from '../../../common/money.js';
import { renderPdf } from '../../lib/pdf.js';
import type { CoOwnership, GrantRequest } from './grant-machine.js';
import type { RightsPolicy } from './policy.js';

/**
 * The grant agreement (赋权协议) between the institution and the team's representative (DOMAIN
 * §4.3, S11), and the rectification decision (整改决定书) of a past spin-off.
 */

export interface GrantAgreementInput {
  number: string;
  agreementNo: string | null;
  signedOn: string | null;
  institution: { name: string; creditCode: string };
  representative: string;
  achievement: { number: string; title: string };
  completers: string[];
  kind: 'ownership' | 'use_right';
  coOwnership: CoOwnership;
  plan: GrantRequest['plan'];
  policy: RightsPolicy;
  publicity: { startsOn: string; endsOn: string } | null;
}

export function renderGrantAgreement(g: GrantAgreementInput): Promise<Buffer> {
  return renderPdf({ title: `职务科技成果赋权协议 ${g.agreementNo ?? g.number}`, subject: g.number }, (doc) => {
    const width = doc.page.width - 128;
    const heading = (t: string) => doc.moveDown(0.6).fontSize(12).text(t, { width }).moveDown(0.2).fontSize(10.5);
    const para = (t: string) => doc.fontSize(10.5).text(t, { width, lineGap: 3 });

    doc.fontSize(18).text(g.kind === 'ownership' ? '职务科技成果所有权赋权协议' : '职务科技成果长期使用权赋权协议', { align: 'center', width });
    doc
      .moveDown(0.3)
      .fontSize(10)
      .text(`协议编号：${g.agreementNo ?? '（签订时编号）'}　申请编号：${g.number}`, { align: 'center', width })
      .moveDown(1);
    para(`甲方（单位）：${g.institution.name}　统一社会信用代码：${g.institution.creditCode}`);
    para(`乙方（成果完成人团队，赋权代表）：${g.representative}；团队成员：${g.completers.join('、')}`);
    para(
      '依据《中华人民共和国促进科技成果转化法》、科技部等9部门《赋予科研人员职务科技成果所有权或长期使用权试点实施方案》、山东省及青岛市有关规定和甲方赋权规定，经全体完成人书面同意、院系审核、转化办审查、公示和甲方批准，双方订立本协议。',
    );

    heading('第一条　赋权成果');
    para(`${g.achievement.number}　${g.achievement.title}`);

    heading('第二条　赋权方式与比例');
    para(g.coOwnership.explanation.zh);
    if (g.kind === 'ownership') para(`赋权后双方按份共有：甲方 ${g.coOwnership.unitPct}%，乙方 ${g.coOwnership.teamPct}%。`);

    heading('第三条　转化实施方案');
    para(g.plan.summary);
    if (g.plan.counterpartyName) para(`承接对象：${g.plan.counterpartyName}（统一社会信用代码 ${g.plan.counterpartyCreditCode ?? ''}）`);
    if (g.plan.appraisedValue) para(`评估值：人民币 ${g.plan.appraisedValue} 元（${formatWan(g.plan.appraisedValue)}）；评估报告：${g.plan.appraisalRef ?? ''}`);

    heading('第四条　共有人的约定');
    para('双方就转化收益分配、转化决策机制、转化费用分担及知识产权维持费用承担另行书面约定；乙方对外转化时，甲方约定份额对应的收益按约定归甲方（约定收益）。');

    heading('第五条　公示');
    para(g.publicity ? `本次赋权已于 ${g.publicity.startsOn} 至 ${g.publicity.endsOn} 公示（${g.policy.publicityDays} 个工作日），公示期满无异议或异议已处理。` : '（公示信息）');

    heading('第六条　权属变更');
    para('本协议签订后，双方共同办理权属变更手续（如向国家知识产权局办理著录项目变更），变更完成后记入单位职务科技成果单列台账。');

    heading('第七条　适用规定');
    para(
      `甲方赋权规定第 ${g.policy.version} 版（自 ${g.policy.effectiveFrom} 起施行）：赋予团队份额上限 ${g.policy.maxTeamShare}；长期使用权首期 ${g.policy.useRightFirstTermYears} 年、累计不少于 ${g.policy.useRightCumulativeMinYears} 年。`,
    );

    doc.moveDown(2);
    para('甲方（盖章）：　　　　　　　　　　　　乙方（赋权代表签字）：');
    para(`日期：${g.signedOn ?? '　　　年　　月　　日'}　　　　　　　　　日期：${g.signedOn ?? '　　　年　　月　　日'}`);
  });
}

export interface DecisionInput {
  caseNumber: string;
  decisionNo: string;
  decidedOn: string;
  institution: string;
  company: { name: string; creditCode: string };
  originalHoldings: { holder: string; shares: string; note?: string | undefined }[];
  findings: string;
  summary: string;
}

export function renderRectificationDecision(d: DecisionInput): Promise<Buffer> {
  return renderPdf({ title: `历史衍生企业合规整改决定书 ${d.decisionNo}`, subject: d.caseNumber }, (doc) => {
    const width = doc.page.width - 128;
    const heading = (t: string) => doc.moveDown(0.6).fontSize(12).text(t, { width }).moveDown(0.2).fontSize(10.5);
    const para = (t: string) => doc.fontSize(10.5).text(t, { width, lineGap: 3 });
    doc.fontSize(18).text('历史衍生企业合规整改决定书', { align: 'center', width });
    doc.moveDown(0.3).fontSize(10).text(`${d.decisionNo}　（案件 ${d.caseNumber}）`, { align: 'center', width }).moveDown(1);
    para(`决定单位：${d.institution}`);
    para(`衍生企业：${d.company.name}　统一社会信用代码：${d.company.creditCode}`);
    heading('一、原始持股情况');
    for (const h of d.originalHoldings) para(`${h.holder}：${h.shares} 股${h.note ? `（${h.note}）` : ''}`);
    heading('二、核查认定');
    para(d.findings);
    heading('三、整改决定');
    para(d.summary);
    para('依据青岛市深化科技成果转化创新改革十条措施第二条，对历史衍生企业按“赋权+约定收益”方式予以规范。');
    doc.moveDown(2);
    para(`（盖章）　　　　　　　　　　　　　　　　${d.decidedOn}`);
  });
}
