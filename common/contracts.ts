/**
 * Contracts of every deal (measure 4): kinds, licence types, the lifecycle, settlement forms and
 * the technical-contract registration pre-check (技术合同认定登记). Pure, shared with the web app.
 */

export const CONTRACT_KINDS = ['transfer', 'license', 'ufpl_license', 'equity', 'development', 'service'] as const;
export type ContractKind = (typeof CONTRACT_KINDS)[number];
export const CONTRACT_KIND_LABELS: Record<ContractKind, { zh: string; en: string }> = {
  transfer: { zh: '技术转让', en: 'Transfer' },
  license: { zh: '技术许可', en: 'Licence' },
  ufpl_license: { zh: '先使用后付费许可', en: 'Use-first-pay-later licence' },
  equity: { zh: '作价入股', en: 'Equity contribution' },
  development: { zh: '技术开发', en: 'Technology development' },
  service: { zh: '技术服务', en: 'Technology service' },
};

export const LICENSE_TYPES = ['exclusive', 'sole', 'ordinary'] as const;
export type LicenseType = (typeof LICENSE_TYPES)[number];
export const LICENSE_TYPE_LABELS: Record<LicenseType, { zh: string; en: string }> = {
  exclusive: { zh: '独占许可', en: 'Exclusive' },
  sole: { zh: '排他许可', en: 'Sole' },
  ordinary: { zh: '普通许可', en: 'Ordinary' },
};

export const CONTRACT_STATUSES = ['draft', 'in_publicity', 'signed', 'registered', 'in_force', 'completed', 'terminated'] as const;
export type ContractStatus = (typeof CONTRACT_STATUSES)[number];
export const CONTRACT_STATUS_LABELS: Record<ContractStatus, { zh: string; en: string }> = {
  draft: { zh: '草拟中', en: 'Draft' },
  in_publicity: { zh: '定价公示中', en: 'In publicity' },
  signed: { zh: '已签订', en: 'Signed' },
  registered: { zh: '已认定登记', en: 'Registered' },
  in_force: { zh: '履行中', en: 'In force' },
  completed: { zh: '已完成', en: 'Completed' },
  terminated: { zh: '已终止', en: 'Terminated' },
};

export const SETTLEMENT_FORMS = ['cash', 'equity', 'options', 'excess_incentive', 'income_share'] as const;
export type SettlementForm = (typeof SETTLEMENT_FORMS)[number];
export const SETTLEMENT_FORM_LABELS: Record<SettlementForm, { zh: string; en: string }> = {
  cash: { zh: '现金', en: 'Cash' },
  equity: { zh: '股权', en: 'Equity' },
  options: { zh: '期股期权', en: 'Stock options' },
  excess_incentive: { zh: '超额激励', en: 'Excess-performance incentive' },
  income_share: { zh: '收益分配', en: 'Income share' },
};

/** Events that make milestone and deferred payments fall due. */
export const TRIGGER_EVENTS = ['first_revenue', 'certification', 'mass_production', 'financing', 'termination'] as const;
export type TriggerEvent = (typeof TRIGGER_EVENTS)[number];
export const TRIGGER_EVENT_LABELS: Record<TriggerEvent, { zh: string; en: string }> = {
  first_revenue: { zh: '首次取得收入', en: 'first revenue' },
  certification: { zh: '产品取得认证', en: 'product certification' },
  mass_production: { zh: '产品量产', en: 'mass production' },
  financing: { zh: '完成融资', en: 'financing closed' },
  termination: { zh: '合同终止', en: 'termination' },
};

/** Kinds and states of an obligation in a contract's schedule. */
export const OBLIGATION_KINDS = ['entry_fee', 'milestone', 'deferred', 'royalty', 'minimum_royalty'] as const;
export type ObligationKind = (typeof OBLIGATION_KINDS)[number];
export const OBLIGATION_STATES = ['scheduled', 'awaiting_event', 'waived'] as const;
export type ObligationState = (typeof OBLIGATION_STATES)[number];

/** 技术合同认定登记 knows four statutory types (技术合同认定规则). */
export const REGISTRABLE_TYPES: Record<ContractKind, 'development' | 'transfer' | 'consulting' | 'service' | null> = {
  transfer: 'transfer',
  license: 'transfer',
  ufpl_license: 'transfer',
  equity: 'transfer',
  development: 'development',
  service: 'service',
};

/** Days after signing within which a contract should be filed for registration (policy parameter). */
export const REGISTRATION_FILING_DAYS = 30;

export interface RegistrationInput {
  kind: ContractKind;
  signedOn: string | null;
  today: string;
  totalAmount: string;
  /** The part of the amount that pays for technology (技术交易额), when it differs. */
  technologyAmount: string | null;
  hasSignedScan: boolean;
  partiesComplete: boolean;
  achievementsCount: number;
}

export interface PreCheckItem {
  ok: boolean;
  zh: string;
  en: string;
}

/** What a registration office will ask for, checked before filing. */
export function registrationPreCheck(input: RegistrationInput, daysBetween: (a: string, b: string) => number): PreCheckItem[] {
  const type = REGISTRABLE_TYPES[input.kind];
  const items: PreCheckItem[] = [
    type
      ? { ok: true, zh: `合同类型：${{ development: '技术开发', transfer: '技术转让（含许可）', consulting: '技术咨询', service: '技术服务' }[type]}合同`, en: `contract type: technology ${type}` }
      : { ok: false, zh: '合同类型不属于四类技术合同', en: 'not one of the four statutory technology-contract types' },
    input.partiesComplete ? { ok: true, zh: '当事人信息完整', en: 'parties complete' } : { ok: false, zh: '缺少当事人名称或统一社会信用代码', en: 'a party lacks its name or credit code' },
    input.hasSignedScan ? { ok: true, zh: '已上传签字盖章合同扫描件', en: 'signed scan uploaded' } : { ok: false, zh: '缺少签字盖章的合同扫描件', en: 'the signed scan is missing' },
    input.achievementsCount > 0 || type === 'service' || type === 'development'
      ? { ok: true, zh: '已列明标的技术', en: 'the technology is identified' }
      : { ok: false, zh: '未列明转让或许可的成果', en: 'no achievement identified' },
    Number(input.technologyAmount ?? input.totalAmount) > 0 || input.kind === 'ufpl_license'
      ? { ok: true, zh: `技术交易额 ${input.technologyAmount ?? input.totalAmount} 元`, en: `technology transaction amount ${input.technologyAmount ?? input.totalAmount}` }
      : { ok: false, zh: '技术交易额须大于零', en: 'the technology transaction amount must be positive' },
  ];
  if (!input.signedOn) items.push({ ok: false, zh: '合同尚未签订', en: 'the contract is not signed yet' });
  else {
    const used = daysBetween(input.signedOn, input.today);
    const left = REGISTRATION_FILING_DAYS - used;
    items.push(
      left >= 0
        ? { ok: true, zh: `签订后第 ${used} 日，距 ${REGISTRATION_FILING_DAYS} 日登记期限还有 ${left} 日`, en: `day ${used} after signing; ${left} days left of ${REGISTRATION_FILING_DAYS}` }
        : { ok: false, zh: `已超过签订后 ${REGISTRATION_FILING_DAYS} 日的登记期限 ${-left} 日`, en: `${-left} days past the ${REGISTRATION_FILING_DAYS}-day filing window` },
    );
  }
  return items;
}
