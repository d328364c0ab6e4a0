import {
  ATTRIBUTE_LABELS,
  type ATTRIBUTES,
  type COOPERATION_MODES,
  FUNDING_TYPE_LABELS,
  type FUNDING_TYPES,
  IP_TYPE_LABELS,
  type IP_TYPES,
  PRICING_METHOD_LABELS,
  type PricingMethod,
  STATUS_LABELS,
  type Status,
  stageOfTrl,
  TRANSFORMATION_MODE_LABELS,
  type TRANSFORMATION_MODES,
  TRANSFORMATION_STATUS_LABELS,
  type TRANSFORMATION_STATUSES,
  type VISIBILITIES,
  VISIBILITY_LABELS,
} from '../../../common/achievements.js';
import { fieldName } from '../../../common/taxonomy.js';
import { type CellValue, COLUMNS } from './achievements.exchange.columns.rules.js';

/** The ledger out: one exported achievement as a spreadsheet row or a JSON Lines object. Pure. */

// ---------------------------------------------------------------------------------------------
// Export: the ledger → a row or a line
// ---------------------------------------------------------------------------------------------

/** What an export needs of an achievement (the ledger row, presented). */
export interface ExportView {
  number: string;
  title: string;
  titleEn: string | null;
  summary: string;
  summaryEn: string | null;
  problem: string;
  benefit: string;
  keywords: string[];
  fieldCode: string;
  subfieldCode: string | null;
  ipType: (typeof IP_TYPES)[number];
  ipNumbers: string[];
  ipStatus: string;
  authorised: boolean;
  sourceProject: string;
  sourceProjectNo: string;
  fundingType: (typeof FUNDING_TYPES)[number];
  attribute: (typeof ATTRIBUTES)[number];
  trl: number | null;
  cooperationModes: (typeof COOPERATION_MODES)[number][];
  askingPrice: string | null;
  completers: { name: string; share: string }[];
  ownershipUnitPct: string;
  visibility: (typeof VISIBILITIES)[number];
  status: Status;
  disclosedOn: string | null;
  transformationStatus: (typeof TRANSFORMATION_STATUSES)[number];
  transformationMode: (typeof TRANSFORMATION_MODES)[number] | null;
  pricingMethod: PricingMethod | null;
  agreedPrice: string | null;
  contractAmount: string;
  receivedAmount: string;
  maintenanceCosts: string;
  techContractRegNo: string;
  creditCode: string;
}

/** The JSON Lines object of an achievement: the documented keys, decimals as strings. */
export function toJsonRecord(v: ExportView): Record<string, unknown> {
  return {
    number: v.number,
    title: v.title,
    titleEn: v.titleEn,
    summary: v.summary,
    summaryEn: v.summaryEn,
    problem: v.problem,
    benefit: v.benefit,
    keywords: v.keywords,
    fieldCode: v.fieldCode,
    subfieldCode: v.subfieldCode,
    ipType: v.ipType,
    ipNumbers: v.ipNumbers,
    ipStatus: v.ipStatus,
    authorised: v.authorised,
    sourceProject: v.sourceProject,
    sourceProjectNo: v.sourceProjectNo,
    fundingType: v.fundingType,
    attribute: v.attribute,
    stage: v.trl == null ? null : stageOfTrl(v.trl),
    trl: v.trl,
    cooperationModes: v.cooperationModes,
    askingPrice: v.askingPrice,
    completers: v.completers.map((c) => ({ name: c.name, share: c.share })),
    ownershipUnitPct: v.ownershipUnitPct,
    visibility: v.visibility,
    status: v.status,
    disclosedOn: v.disclosedOn,
    transformationStatus: v.transformationStatus,
    transformationMode: v.transformationMode,
    pricingMethod: v.pricingMethod,
    agreedPrice: v.agreedPrice,
    contractAmount: v.contractAmount,
    receivedAmount: v.receivedAmount,
    maintenanceCosts: v.maintenanceCosts,
    techContractRegNo: v.techContractRegNo,
    creditCode: v.creditCode,
  };
}

/** Amounts below this are exact as spreadsheet numbers with two decimals; larger ones stay text. */
const EXACT_NUMBER_LIMIT = 1e13;
const moneyCell = (s: string | null): CellValue => (s == null ? null : Math.abs(Number(s)) < EXACT_NUMBER_LIMIT ? Number(s) : s);
const joinList = (xs: readonly string[]) => xs.join('；');

/** The spreadsheet row of an achievement, in COLUMNS order: Chinese labels, amounts as numbers. */
export function toCells(v: ExportView): CellValue[] {
  const j = toJsonRecord(v);
  const cell: Record<string, CellValue> = {
    ...(j as Record<string, CellValue>),
    keywords: joinList(v.keywords),
    fieldCode: fieldName(v.fieldCode),
    subfieldCode: v.subfieldCode ? fieldName(v.subfieldCode) : null,
    ipType: IP_TYPE_LABELS[v.ipType].zh,
    ipNumbers: joinList(v.ipNumbers),
    authorised: v.authorised ? '是' : '否',
    fundingType: FUNDING_TYPE_LABELS[v.fundingType].zh,
    attribute: ATTRIBUTE_LABELS[v.attribute].zh,
    stage: v.trl == null ? null : stageOfTrl(v.trl) === 'research' ? '研究阶段' : '开发阶段',
    cooperationModes: joinList(v.cooperationModes.map((m) => TRANSFORMATION_MODE_LABELS[m].zh)),
    askingPrice: v.askingPrice == null ? '面议' : moneyCell(v.askingPrice),
    completers: joinList(v.completers.map((c) => `${c.name}(${c.share}%)`)),
    ownershipUnitPct: Number(v.ownershipUnitPct),
    visibility: VISIBILITY_LABELS[v.visibility].zh,
    status: STATUS_LABELS[v.status].zh,
    transformationStatus: TRANSFORMATION_STATUS_LABELS[v.transformationStatus].zh,
    transformationMode: v.transformationMode ? TRANSFORMATION_MODE_LABELS[v.transformationMode].zh : null,
    pricingMethod: v.pricingMethod ? PRICING_METHOD_LABELS[v.pricingMethod].zh : null,
    agreedPrice: moneyCell(v.agreedPrice),
    contractAmount: moneyCell(v.contractAmount),
    receivedAmount: moneyCell(v.receivedAmount),
    maintenanceCosts: moneyCell(v.maintenanceCosts),
  };
  return COLUMNS.map((c) => cell[c.key] ?? null);
}

/** Number format of a column in exports (amounts with two decimals). */
export function columnNumFmt(key: string): string | undefined {
  return ['askingPrice', 'agreedPrice', 'contractAmount', 'receivedAmount', 'maintenanceCosts'].includes(key) ? '0.00' : undefined;
}
