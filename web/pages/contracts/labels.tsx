import { CONTRACT_KIND_LABELS, type ContractKind, LICENSE_TYPE_LABELS, type LicenseType, SETTLEMENT_FORM_LABELS, type SettlementForm } from '../../../common/contracts';
import type { Locale } from '../../../common/locale';
import { pick } from '../../lib/bilingual';

/** The shared zh/en labels of common/contracts.ts in the interface language (statuses: <StatusTag kind="contract">). */
export const kindLabel = (k: ContractKind, locale: Locale) => pick(CONTRACT_KIND_LABELS[k], locale);
export const formLabel = (f: SettlementForm, locale: Locale) => pick(SETTLEMENT_FORM_LABELS[f], locale);
export const licenseTypeLabel = (t: LicenseType | null, locale: Locale) => (t ? pick(LICENSE_TYPE_LABELS[t], locale) : '');
export const bilingualText = (x: { zh: string; en: string }, locale: Locale) => pick(x, locale);
