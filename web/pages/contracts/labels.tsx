import { Tag } from 'antd';
import {
  CONTRACT_KIND_LABELS,
  CONTRACT_STATUS_LABELS,
  type ContractKind,
  type ContractStatus,
  LICENSE_TYPE_LABELS,
  type LicenseType,
  SETTLEMENT_FORM_LABELS,
  type SettlementForm,
} from '../../../common/contracts';
import type { Locale } from '../../../common/locale';

/** The shared zh/en labels of common/contracts.ts in the interface language. */
const pick = (l: { zh: string; en: string }, locale: Locale) => (locale === 'zh-CN' ? l.zh : l.en);

export const kindLabel = (k: ContractKind, locale: Locale) => pick(CONTRACT_KIND_LABELS[k], locale);
export const statusLabel = (s: ContractStatus, locale: Locale) => pick(CONTRACT_STATUS_LABELS[s], locale);
export const formLabel = (f: SettlementForm, locale: Locale) => pick(SETTLEMENT_FORM_LABELS[f], locale);
export const licenseTypeLabel = (t: LicenseType | null, locale: Locale) => (t ? pick(LICENSE_TYPE_LABELS[t], locale) : '');
export const bilingualText = (x: { zh: string; en: string }, locale: Locale) => pick(x, locale);

const STATUS_COLORS: Record<ContractStatus, string> = {
  draft: 'default',
  in_publicity: 'gold',
  signed: 'blue',
  registered: 'cyan',
  in_force: 'green',
  completed: 'purple',
  terminated: 'red',
};

export function StatusTag({ status, locale }: { status: ContractStatus; locale: Locale }) {
  return (
    <Tag color={STATUS_COLORS[status]} data-testid="contract-status" data-status={status}>
      {statusLabel(status, locale)}
    </Tag>
  );
}
