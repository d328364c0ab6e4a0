/**
 * The separate ledger of duty achievements (职务科技成果单列台账, measure 1): the vocabularies of
 * DOMAIN.md §3, the readiness levels of §13.2 and the lifecycle state machine. Pure data and
 * rules, shared by the server, the web app and the importers.
 */

export const IP_TYPES = ['patent_invention', 'patent_utility', 'patent_design', 'software', 'ic_layout', 'plant_variety', 'biomed_variety', 'know_how', 'formula', 'patent_application_right'] as const;
export type IpType = (typeof IP_TYPES)[number];

export const IP_TYPE_LABELS: Record<IpType, { zh: string; en: string }> = {
  patent_invention: { zh: '发明专利', en: 'Invention patent' },
  patent_utility: { zh: '实用新型专利', en: 'Utility model' },
  patent_design: { zh: '外观设计专利', en: 'Design patent' },
  software: { zh: '软件著作权', en: 'Software copyright' },
  ic_layout: { zh: '集成电路布图设计', en: 'IC layout design' },
  plant_variety: { zh: '植物新品种', en: 'Plant variety' },
  biomed_variety: { zh: '生物医药新品种', en: 'Biomedical variety' },
  know_how: { zh: '技术秘密', en: 'Know-how' },
  formula: { zh: '配方', en: 'Formula' },
  patent_application_right: { zh: '专利申请权', en: 'Patent application right' },
};

/** Rights granted by an authority (已授权) versus rights that are not (未授权): DOMAIN §3, S16b. */
export const AUTHORISED_BY_DEFAULT: Record<IpType, boolean> = {
  patent_invention: true,
  patent_utility: true,
  patent_design: true,
  software: true,
  ic_layout: true,
  plant_variety: true,
  biomed_variety: true,
  know_how: false,
  formula: false,
  patent_application_right: false,
};

export const FUNDING_TYPES = ['fiscal', 'enterprise_commissioned', 'self'] as const;
export type FundingType = (typeof FUNDING_TYPES)[number];
export const FUNDING_TYPE_LABELS: Record<FundingType, { zh: string; en: string }> = {
  fiscal: { zh: '纵向（财政）', en: 'Fiscal (government)' },
  enterprise_commissioned: { zh: '横向（企业委托）', en: 'Commissioned by a firm' },
  self: { zh: '自有资金', en: 'Own funds' },
};

export const ATTRIBUTES = ['basic', 'applied', 'development'] as const;
export type Attribute = (typeof ATTRIBUTES)[number];
export const ATTRIBUTE_LABELS: Record<Attribute, { zh: string; en: string }> = {
  basic: { zh: '基础理论', en: 'Basic research' },
  applied: { zh: '应用技术', en: 'Applied technology' },
  development: { zh: '软科学/开发', en: 'Development' },
};

export const STAGES = ['research', 'development'] as const;
export type Stage = (typeof STAGES)[number];
/** 成果阶段 follows from TRL: research for 1–3, development for 4–9 (DOMAIN §13.2). */
export const stageOfTrl = (trl: number): Stage => (trl <= 3 ? 'research' : 'development');

export const TRL_LEVELS: readonly { level: number; zh: string; en: string }[] = [
  { level: 1, zh: '基本原理被发现/阐述', en: 'Basic principles observed' },
  { level: 2, zh: '形成技术概念或应用方案', en: 'Concept or application formulated' },
  { level: 3, zh: '关键功能/特性的实验室验证（概念验证）', en: 'Proof of concept in the laboratory' },
  { level: 4, zh: '实验室环境中部件/原理样机验证', en: 'Component validated in the laboratory' },
  { level: 5, zh: '相关环境中部件/样机验证', en: 'Component validated in a relevant environment' },
  { level: 6, zh: '相关环境中系统/子系统模型或原型演示', en: 'Prototype demonstrated in a relevant environment' },
  { level: 7, zh: '实际（运行）环境中原型系统演示', en: 'Prototype demonstrated in an operational environment' },
  { level: 8, zh: '实际系统完成并通过测试/验证（定型）', en: 'Actual system completed and qualified' },
  { level: 9, zh: '实际系统通过任务运行考验（规模应用/可销售）', en: 'Actual system proven in operation' },
];

export const TRANSFORMATION_MODES = ['transfer', 'license', 'equity', 'self', 'cooperative', 'use_first_pay_later'] as const;
export type TransformationMode = (typeof TRANSFORMATION_MODES)[number];
export const TRANSFORMATION_MODE_LABELS: Record<TransformationMode, { zh: string; en: string }> = {
  transfer: { zh: '转让', en: 'Transfer' },
  license: { zh: '许可', en: 'Licence' },
  equity: { zh: '作价投资', en: 'Equity investment' },
  self: { zh: '自行实施', en: 'Self-implementation' },
  cooperative: { zh: '合作实施', en: 'Cooperative implementation' },
  use_first_pay_later: { zh: '先使用后付费', en: 'Use first, pay later' },
};

/** Modes a buyer may choose on the market; the same words as transformation modes. */
export const COOPERATION_MODES = TRANSFORMATION_MODES;
export type CooperationMode = TransformationMode;

export const PRICING_METHODS = ['agreement', 'listing', 'auction', 'appraisal'] as const;
export type PricingMethod = (typeof PRICING_METHODS)[number];
export const PRICING_METHOD_LABELS: Record<PricingMethod, { zh: string; en: string }> = {
  agreement: { zh: '协议定价（须公示）', en: 'Agreed price (with publicity)' },
  listing: { zh: '挂牌交易', en: 'Exchange listing' },
  auction: { zh: '拍卖', en: 'Auction' },
  appraisal: { zh: '评估作价', en: 'Appraisal' },
};

export const VISIBILITIES = ['internal', 'confidential', 'public'] as const;
export type Visibility = (typeof VISIBILITIES)[number];
export const VISIBILITY_LABELS: Record<Visibility, { zh: string; en: string }> = {
  internal: { zh: '内部', en: 'Internal' },
  confidential: { zh: '保密', en: 'Confidential' },
  public: { zh: '公开', en: 'Public' },
};

export const TRANSFORMATION_STATUSES = ['not_transformed', 'listed', 'under_negotiation', 'transferred', 'licensed', 'invested', 'self_implemented', 'abandoned'] as const;
export type TransformationStatus = (typeof TRANSFORMATION_STATUSES)[number];
export const TRANSFORMATION_STATUS_LABELS: Record<TransformationStatus, { zh: string; en: string }> = {
  not_transformed: { zh: '未转化', en: 'Not transformed' },
  listed: { zh: '已挂牌', en: 'Listed' },
  under_negotiation: { zh: '洽谈中', en: 'Under negotiation' },
  transferred: { zh: '已转让', en: 'Transferred' },
  licensed: { zh: '已许可', en: 'Licensed' },
  invested: { zh: '已作价投资', en: 'Invested' },
  self_implemented: { zh: '自行实施', en: 'Self-implemented' },
  abandoned: { zh: '已放弃', en: 'Abandoned' },
};

/** The transformation status a completed deal leaves behind, by mode. */
export const STATUS_AFTER_DEAL: Record<TransformationMode, TransformationStatus> = {
  transfer: 'transferred',
  license: 'licensed',
  equity: 'invested',
  self: 'self_implemented',
  cooperative: 'licensed',
  use_first_pay_later: 'licensed',
};

// ---------------------------------------------------------------------------------------------
// Lifecycle
// ---------------------------------------------------------------------------------------------

export const STATUSES = ['draft', 'disclosed', 'returned', 'accepted', 'assessed', 'protected', 'priced', 'in_publicity', 'transforming', 'transformed', 'disposed', 'withdrawn'] as const;
export type Status = (typeof STATUSES)[number];

export const STATUS_LABELS: Record<Status, { zh: string; en: string }> = {
  draft: { zh: '草稿', en: 'Draft' },
  disclosed: { zh: '已披露待审', en: 'Disclosed' },
  returned: { zh: '已退回', en: 'Returned' },
  accepted: { zh: '已受理', en: 'Accepted' },
  assessed: { zh: '已评估', en: 'Assessed' },
  protected: { zh: '已保护', en: 'Protected' },
  priced: { zh: '已定价', en: 'Priced' },
  in_publicity: { zh: '公示中', en: 'In publicity' },
  transforming: { zh: '转化中', en: 'Transforming' },
  transformed: { zh: '已转化', en: 'Transformed' },
  disposed: { zh: '已处置', en: 'Disposed' },
  withdrawn: { zh: '已撤回', en: 'Withdrawn' },
};

/** Who performs an action: a completer of the achievement, or the institution's office. */
export type Performer = 'researcher' | 'office';

export const ACTIONS = ['submit', 'withdraw', 'accept', 'return', 'assess', 'protect', 'price', 'start_publicity', 'cancel_publicity', 'decide', 'complete', 'reopen', 'dispose'] as const;
export type Action = (typeof ACTIONS)[number];

export interface TransitionRule {
  from: readonly Status[];
  to: Status;
  by: Performer;
  /** A reason is compulsory (returns, withdrawals, cancellations, disposals). */
  needsReason: boolean;
  zh: string;
  en: string;
}

/**
 * The allowed transitions. Protection is optional (know-how has no filing): pricing is allowed
 * from assessed as well as protected. An agreed price must go through publicity (DOMAIN §2.2)
 * and the decision waits until the window has closed with no open objection; listing, auction
 * and appraisal go straight to the decision.
 */
export const TRANSITIONS: Record<Action, TransitionRule> = {
  submit: { from: ['draft', 'returned'], to: 'disclosed', by: 'researcher', needsReason: false, zh: '提交披露', en: 'Submit disclosure' },
  withdraw: { from: ['draft', 'disclosed', 'returned'], to: 'withdrawn', by: 'researcher', needsReason: true, zh: '撤回', en: 'Withdraw' },
  accept: { from: ['disclosed'], to: 'accepted', by: 'office', needsReason: false, zh: '受理', en: 'Accept' },
  return: { from: ['disclosed'], to: 'returned', by: 'office', needsReason: true, zh: '退回修改', en: 'Return for changes' },
  assess: { from: ['accepted', 'assessed'], to: 'assessed', by: 'office', needsReason: false, zh: '评估', en: 'Assess' },
  protect: { from: ['assessed', 'protected'], to: 'protected', by: 'office', needsReason: false, zh: '登记保护', en: 'Record protection' },
  price: { from: ['assessed', 'protected', 'priced'], to: 'priced', by: 'office', needsReason: false, zh: '定价', en: 'Set price' },
  start_publicity: { from: ['priced'], to: 'in_publicity', by: 'office', needsReason: false, zh: '开始公示', en: 'Start publicity' },
  cancel_publicity: { from: ['in_publicity'], to: 'priced', by: 'office', needsReason: true, zh: '撤销公示', en: 'Cancel publicity' },
  decide: { from: ['priced', 'in_publicity'], to: 'transforming', by: 'office', needsReason: false, zh: '决定转化方式', en: 'Decide transformation' },
  complete: { from: ['transforming'], to: 'transformed', by: 'office', needsReason: false, zh: '转化完成', en: 'Complete transformation' },
  reopen: { from: ['transforming'], to: 'priced', by: 'office', needsReason: true, zh: '交易未成，重新定价', en: 'Deal failed; reprice' },
  dispose: {
    from: ['accepted', 'assessed', 'protected', 'priced', 'transformed'],
    to: 'disposed',
    by: 'office',
    needsReason: true,
    zh: '处置/放弃',
    en: 'Dispose / abandon',
  },
};

/** Actions allowed from a status, for buttons and for the error that refuses the others. */
export function actionsFrom(status: Status): Action[] {
  return ACTIONS.filter((a) => TRANSITIONS[a].from.includes(status));
}

export function canTransition(status: Status, action: Action): boolean {
  return TRANSITIONS[action].from.includes(status);
}

/** Statuses in which the achievement may be published to the market (made public). */
export const PUBLISHABLE_STATUSES: readonly Status[] = ['assessed', 'protected', 'priced', 'in_publicity', 'transforming', 'transformed'];

/** A researcher may edit the content only while it is theirs to edit. */
export const RESEARCHER_EDITABLE: readonly Status[] = ['draft', 'returned'];

// ---------------------------------------------------------------------------------------------
// Shares and numbers
// ---------------------------------------------------------------------------------------------

/** Policy: publicity of an agreed price lasts at least this many calendar days (DOMAIN §2.2). */
export const PUBLICITY_MIN_DAYS = 15;

/** Share strings have at most two decimals, 0 < share ≤ 100. */
export const SHARE_PATTERN = /^(?:100(?:\.0{1,2})?|[1-9]?\d(?:\.\d{1,2})?)$/;

/** Sum of percentage shares in hundredths, exact (no floating point). */
export function shareHundredths(share: string): number {
  const [i, f = ''] = share.split('.');
  return Number(i) * 100 + Number(`${f}00`.slice(0, 2));
}

/** Completers' shares must each be positive and sum to exactly 100%. */
export function sharesSumTo100(shares: readonly string[]): boolean {
  if (!shares.every((s) => SHARE_PATTERN.test(s) && shareHundredths(s) > 0)) return false;
  return shares.reduce((t, s) => t + shareHundredths(s), 0) === 10_000;
}

/** Human-readable number: QD-2026-000123. */
export function achievementNumber(year: number, seq: number): string {
  return `QD-${year}-${String(seq).padStart(6, '0')}`;
}

// ---------------------------------------------------------------------------------------------
// Equity sub-ledger
// ---------------------------------------------------------------------------------------------

export const DISPOSAL_KINDS = ['allocation', 'sale', 'exit', 'write_off'] as const;
export type DisposalKind = (typeof DISPOSAL_KINDS)[number];
export const DISPOSAL_KIND_LABELS: Record<DisposalKind, { zh: string; en: string }> = {
  allocation: { zh: '划转', en: 'Allocation' },
  sale: { zh: '转让', en: 'Sale' },
  exit: { zh: '退出', en: 'Exit' },
  write_off: { zh: '损失核销', en: 'Write-off' },
};

/** Share percentages carry up to six decimals (numeric(9,6)): "12.5", "0.000001", "100". */
export const SHARES_PATTERN = /^(?:100(?:\.0{1,6})?|[1-9]?\d(?:\.\d{1,6})?)$/;

export const HOLDING_STATUSES = ['held', 'partly_disposed', 'disposed'] as const;
export type HoldingStatus = (typeof HOLDING_STATUSES)[number];
