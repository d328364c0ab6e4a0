/**
 * The deal room of the market (measure 10): offer kinds, statuses and the click-through NDA.
 * Pure, shared with the web app.
 */

export const OFFER_KINDS = ['transfer', 'license', 'ufpl_license', 'equity'] as const;
export type OfferKind = (typeof OFFER_KINDS)[number];
export const OFFER_KIND_LABELS: Record<OfferKind, { zh: string; en: string }> = {
  transfer: { zh: '技术转让', en: 'Transfer' },
  license: { zh: '技术许可', en: 'Licence' },
  ufpl_license: { zh: '先使用后付费许可', en: 'Use-first-pay-later licence' },
  equity: { zh: '作价入股', en: 'Equity contribution' },
};

export const OFFER_STATUSES = ['open', 'countered', 'accepted', 'declined', 'withdrawn'] as const;
export type OfferStatus = (typeof OFFER_STATUSES)[number];
export const OFFER_STATUS_LABELS: Record<OfferStatus, { zh: string; en: string }> = {
  open: { zh: '待答复', en: 'Awaiting answer' },
  countered: { zh: '已还价', en: 'Countered' },
  accepted: { zh: '已接受', en: 'Accepted' },
  declined: { zh: '已拒绝', en: 'Declined' },
  withdrawn: { zh: '已撤回', en: 'Withdrawn' },
};

export const ROOM_STATUSES = ['open', 'deal', 'closed'] as const;
export type RoomStatus = (typeof ROOM_STATUSES)[number];
export const ROOM_STATUS_LABELS: Record<RoomStatus, { zh: string; en: string }> = {
  open: { zh: '洽谈中', en: 'Negotiating' },
  deal: { zh: '已成交（合同草拟）', en: 'Deal (contract drafted)' },
  closed: { zh: '已关闭', en: 'Closed' },
};

export interface NdaText {
  version: string;
  zh: string;
  en: string;
}

/**
 * The click-through confidentiality agreement. A new wording gets a new version; acceptances keep
 * the version and the SHA-256 of the text they accepted. Older versions stay here so that an
 * acceptance can always be shown with the words it agreed to.
 */
export const NDA_TEXTS: readonly NdaText[] = [
  {
    version: '2026-11-v1',
    zh: [
      '保密协议（点击确认）',
      '一、接收方（贵单位）因洽谈本科技成果的转让、许可、作价入股等合作，将通过科桥平台查阅成果持有单位提供的保密资料（技术资料、实验数据、专利申请文件、商业信息等）。',
      '二、接收方仅为评估与洽谈本次合作使用保密资料，不得向第三方披露，不得用于申请专利、发表论文或自行实施，不得反向工程。',
      '三、接收方仅向参与评估且负有同等保密义务的员工披露，并对其行为负责。',
      '四、保密义务自确认之日起五年内有效；已公开或接收方独立取得的信息除外。',
      '五、平台记录每一次查阅（人员、时间、文件），持有单位可查看。',
      '六、洽谈终止时，接收方应删除或销毁已下载的保密资料。',
      '七、本协议适用中华人民共和国法律；争议提交青岛仲裁委员会仲裁。',
    ].join('\n'),
    en: [
      'Confidentiality agreement (click-through)',
      '1. The recipient (your organisation) will read confidential materials provided by the holder of this achievement through Keqiao (technical documents, test data, patent filings, business information) in order to negotiate a transfer, licence, equity contribution or other cooperation.',
      '2. The recipient uses the materials only to evaluate and negotiate this cooperation; it does not disclose them to third parties, does not use them to file patents, publish or implement on its own, and does not reverse-engineer them.',
      '3. The recipient discloses them only to employees who take part in the evaluation and are bound by the same duty, and answers for them.',
      '4. The duty lasts five years from acceptance; information that is public or independently obtained is excluded.',
      '5. The platform records every access (who, when, which file); the holder can see the record.',
      '6. When negotiations end, the recipient deletes or destroys downloaded materials.',
      '7. The law of the People’s Republic of China applies; disputes go to the Qingdao Arbitration Commission.',
    ].join('\n'),
  },
];

/** The version firms accept today. */
export const CURRENT_NDA: NdaText = NDA_TEXTS[NDA_TEXTS.length - 1]!;
