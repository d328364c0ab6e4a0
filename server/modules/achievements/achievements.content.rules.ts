import { sharesSumTo100 } from '../../../common/achievements.js';
import type { AchievementContentInput } from '../../../common/api/achievements.js';
import { isFieldCode, isSubfieldOf } from '../../../common/taxonomy.js';

/**
 * The content of an achievement, as rules over plain data shared by the form, the API and the
 * importers: what a schema cannot check, which fields are the office's, and the ledger payload.
 */

export interface ContentError {
  field: string;
  zh: string;
  en: string;
}

/** Rules a schema cannot express; each failure names its field. */
export function contentErrors(input: Partial<AchievementContentInput>): ContentError[] {
  const errors: ContentError[] = [];
  if (input.fieldCode !== undefined && !isFieldCode(input.fieldCode)) {
    errors.push({ field: 'fieldCode', zh: `未知的技术领域代码：${input.fieldCode}`, en: `unknown field code: ${input.fieldCode}` });
  }
  if (input.subfieldCode && input.fieldCode && !isSubfieldOf(input.subfieldCode, input.fieldCode)) {
    errors.push({ field: 'subfieldCode', zh: `子领域 ${input.subfieldCode} 不属于 ${input.fieldCode}`, en: `subfield ${input.subfieldCode} is not under ${input.fieldCode}` });
  }
  if (input.completers) {
    if (!sharesSumTo100(input.completers.map((c) => c.share))) {
      errors.push({ field: 'completers', zh: '完成人贡献比例之和须恰好为 100%', en: "completers' shares must sum to exactly 100%" });
    }
    const names = input.completers.map((c) => c.name);
    if (new Set(names).size !== names.length) errors.push({ field: 'completers', zh: '完成人姓名重复', en: 'a completer is listed twice' });
  }
  return errors;
}

/** Percent strings without trailing zeros: "60.00" → "60", "33.50" → "33.5". */
export const pct = (s: string) => s.replace(/\.?0+$/, '') || '0';

/** The column of each editable field. */
export const COLUMN_OF: Record<string, string> = {
  title: 'title',
  titleEn: 'title_en',
  summary: 'summary',
  summaryEn: 'summary_en',
  problem: 'problem',
  benefit: 'benefit',
  keywords: 'keywords',
  fieldCode: 'field_code',
  subfieldCode: 'subfield_code',
  ipType: 'ip_type',
  ipNumbers: 'ip_numbers',
  ipStatus: 'ip_status',
  authorised: 'authorised',
  sourceProject: 'source_project',
  sourceProjectNo: 'source_project_no',
  fundingType: 'funding_type',
  attribute: 'attribute',
  trl: 'trl',
  cooperationModes: 'cooperation_modes',
  askingPrice: 'asking_price',
  maintenanceCosts: 'maintenance_costs',
  contractAmount: 'contract_amount',
  receivedAmount: 'received_amount',
  techContractRegNo: 'tech_contract_reg_no',
};

/** Fields only the office maintains (money and registration are the ledger's, not the discloser's). */
export const OFFICE_ONLY: ReadonlySet<string> = new Set(['contractAmount', 'receivedAmount', 'techContractRegNo', 'ownershipUnitPct', 'maintenanceCosts']);

/** Ledger payload of the content: decimals as strings, no floats. */
export function contentPayload(input: Partial<AchievementContentInput>) {
  const { completers, ...rest } = input;
  return {
    ...Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)),
    ...(completers ? { completers: completers.map((c) => ({ name: c.name, share: c.share, userId: c.userId ?? null, isHead: c.isHead ?? false })) } : {}),
  };
}
