import { z } from 'zod';
import {
  ATTRIBUTES,
  COOPERATION_MODES,
  DISPOSAL_KINDS,
  FUNDING_TYPES,
  HOLDING_STATUSES,
  IP_TYPES,
  PRICING_METHODS,
  SHARES_PATTERN,
  STAGES,
  STATUSES,
  TRANSFORMATION_MODES,
  TRANSFORMATION_STATUSES,
  VISIBILITIES,
} from '../achievements.js';
import { MONEY_PATTERN } from '../money.js';
import { pageOf, pageQuery } from '../page.js';
import { BusinessDateSchema, bilingual, CreditCodeSchema, MoneySchema, ShareSchema } from '../schemas.js';

/**
 * Request and response shapes of the achievements module (server/modules/achievements): the
 * ledger, its lifecycle, publicity, attachments, imports, the equity sub-ledger and annuities.
 * The server's routes validate with them; the web app imports the inferred types.
 */

const Text = (max: number) => z.string().trim().max(max);

export const OrgParams = z.strictObject({ orgId: z.uuid() });
export const AchievementParams = z.strictObject({ achievementId: z.uuid() });
export const EmptyBody = z.strictObject({}).nullish();

// ---------------------------------------------------------------------------------------------
// Content
// ---------------------------------------------------------------------------------------------

export const CompleterSchema = z.strictObject({
  name: z.string().trim().min(1).max(50),
  userId: z.uuid().nullable().optional(),
  share: ShareSchema,
  isHead: z.boolean().optional().describe('正职领导: may take cash rewards only (DOMAIN §2.2)'),
});
export type CompleterInput = z.infer<typeof CompleterSchema>;

/** The content a researcher discloses and an office maintains. */
export const AchievementContent = z.strictObject({
  title: Text(200).min(2, { message: bilingual('成果名称至少 2 个字', 'title needs at least 2 characters') }),
  titleEn: Text(300).nullable().optional(),
  summary: Text(5000).optional(),
  summaryEn: Text(8000).nullable().optional(),
  problem: Text(2000).optional().describe('The problem it solves, for buyers'),
  benefit: Text(2000).optional().describe('The benefit over today’s alternatives, for buyers'),
  keywords: z.array(Text(30).min(1)).max(20).optional(),
  fieldCode: z.string().max(20),
  subfieldCode: z.string().max(20).nullable().optional(),
  ipType: z.enum(IP_TYPES),
  ipNumbers: z.array(Text(50).min(1)).max(50).optional(),
  ipStatus: Text(50).optional(),
  authorised: z.boolean().optional().describe('Defaults from the IP type'),
  sourceProject: Text(200).optional(),
  sourceProjectNo: Text(100).optional(),
  fundingType: z.enum(FUNDING_TYPES).optional(),
  attribute: z.enum(ATTRIBUTES).optional(),
  trl: z.number().int().min(1).max(9).nullable().optional(),
  cooperationModes: z.array(z.enum(COOPERATION_MODES)).max(COOPERATION_MODES.length).optional(),
  askingPrice: MoneySchema.nullable().optional().describe('null: 面议 (negotiable)'),
  maintenanceCosts: MoneySchema.optional(),
  completers: z.array(CompleterSchema).min(1).max(50),
});
export type AchievementContentInput = z.infer<typeof AchievementContent>;

export const CreateAchievementBody = AchievementContent.extend({
  submit: z.boolean().optional().describe('true: disclose at once; false or absent: save a draft'),
});
export type CreateAchievementInput = z.infer<typeof CreateAchievementBody>;

export const UpdateAchievementBody = AchievementContent.partial().extend({
  version: z.number().int().min(1).optional().describe('The version read; a stale version is refused (409)'),
  ownershipUnitPct: ShareSchema.optional(),
  contractAmount: MoneySchema.optional(),
  receivedAmount: MoneySchema.optional(),
  techContractRegNo: Text(50).optional(),
  ipStatus: Text(50).optional(),
});
export type UpdateAchievementInput = z.infer<typeof UpdateAchievementBody>;

export const CompleterOut = z.object({ name: z.string(), userId: z.string().nullable(), share: z.string(), isHead: z.boolean() });
export type Completer = z.infer<typeof CompleterOut>;

export const AchievementOut = z.object({
  id: z.uuid(),
  number: z.string(),
  organisationId: z.uuid(),
  organisationName: z.string(),
  title: z.string(),
  titleEn: z.string().nullable(),
  summary: z.string(),
  summaryEn: z.string().nullable(),
  problem: z.string(),
  benefit: z.string(),
  keywords: z.array(z.string()),
  fieldCode: z.string(),
  subfieldCode: z.string().nullable(),
  ipType: z.enum(IP_TYPES),
  ipNumbers: z.array(z.string()),
  ipStatus: z.string(),
  authorised: z.boolean(),
  sourceProject: z.string(),
  sourceProjectNo: z.string(),
  fundingType: z.enum(FUNDING_TYPES),
  attribute: z.enum(ATTRIBUTES),
  stage: z.enum(STAGES).nullable(),
  trl: z.number().int().nullable(),
  trlNotes: z.string(),
  ownershipUnitPct: z.string(),
  ownershipTeamPct: z.string(),
  status: z.enum(STATUSES),
  transformationStatus: z.enum(TRANSFORMATION_STATUSES),
  transformationMode: z.enum(TRANSFORMATION_MODES).nullable(),
  pricingMethod: z.enum(PRICING_METHODS).nullable(),
  askingPrice: z.string().nullable(),
  agreedPrice: z.string().nullable(),
  cooperationModes: z.array(z.enum(COOPERATION_MODES)),
  contractAmount: z.string(),
  receivedAmount: z.string(),
  maintenanceCosts: z.string(),
  techContractRegNo: z.string(),
  visibility: z.enum(VISIBILITIES),
  publishedAt: z.string().nullable(),
  disclosedAt: z.string().nullable(),
  transformedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
  completers: z.array(CompleterOut),
  /** What the caller may do next (buttons), computed by the server. */
  allowedActions: z.array(z.string()),
  canEdit: z.boolean(),
});
export type Achievement = z.infer<typeof AchievementOut>;

// ---------------------------------------------------------------------------------------------
// Lifecycle
// ---------------------------------------------------------------------------------------------

export const ReasonBody = z.strictObject({
  reason: Text(1000).min(2, { message: bilingual('请填写理由（至少 2 个字）', 'give a reason (at least 2 characters)') }),
});

export const AssessBody = z.strictObject({
  trl: z
    .number()
    .int()
    .min(1, { message: bilingual('技术成熟度须为 1–9 级', 'TRL must be 1–9') })
    .max(9, { message: bilingual('技术成熟度须为 1–9 级', 'TRL must be 1–9') }),
  notes: Text(2000).optional(),
  attribute: z.enum(ATTRIBUTES).optional(),
});

export const ProtectBody = z.strictObject({
  ipType: z.enum(IP_TYPES),
  applicationNo: Text(50).min(3),
  filedOn: BusinessDateSchema.optional(),
  grantedOn: BusinessDateSchema.nullable().optional(),
  nextAnnuityDue: BusinessDateSchema.nullable().optional().describe('年费缴纳截止日; reminders go out before it'),
});
export type FilingInput = z.infer<typeof ProtectBody>;

export const PriceBody = z.strictObject({
  pricingMethod: z.enum(PRICING_METHODS),
  agreedPrice: MoneySchema.nullable().optional().describe('Required for 协议定价 (agreement)'),
  askingPrice: MoneySchema.nullable().optional().describe('Listing price; null: 面议'),
});

export const PublicityBody = z.strictObject({
  startsOn: BusinessDateSchema.optional().describe('Default: today'),
  endsOn: BusinessDateSchema.optional().describe('Default: the 15th day counting the first'),
  objectionContact: Text(200).optional(),
});

export const DecideBody = z.strictObject({
  transformationMode: z.enum(TRANSFORMATION_MODES),
  note: Text(1000).optional(),
});

export const CompleteBody = z.strictObject({
  contractAmount: MoneySchema,
  techContractRegNo: Text(50).optional(),
  note: Text(1000).optional(),
});

export const TimelineEntry = z.object({
  seq: z.number().int(),
  type: z.string(),
  at: z.string(),
  actorUserId: z.string().nullable(),
  actorName: z.string().nullable(),
  reason: z.string().nullable(),
  payload: z.record(z.string(), z.unknown()),
  hash: z.string(),
});
export type TimelineEntry = z.infer<typeof TimelineEntry>;
export const TimelineOut = z.object({ items: z.array(TimelineEntry) });
export type Timeline = z.infer<typeof TimelineOut>;

// ---------------------------------------------------------------------------------------------
// Publicity and objections
// ---------------------------------------------------------------------------------------------

export const ObjectionBody = z.strictObject({ content: Text(2000).min(2) });
export const RESOLUTIONS = ['upheld', 'dismissed'] as const;
export type Resolution = (typeof RESOLUTIONS)[number];
export const ResolveObjectionBody = z.strictObject({
  resolution: z.enum(RESOLUTIONS).describe('upheld: the publicity is cancelled and the price must be set again'),
  note: Text(1000).min(2),
});

export const PUBLICITY_STATUSES = ['running', 'passed', 'cancelled'] as const;
export type PublicityStatus = (typeof PUBLICITY_STATUSES)[number];
export const ObjectionOut = z.object({
  id: z.uuid(),
  raisedByName: z.string(),
  content: z.string(),
  raisedAt: z.string(),
  resolution: z.enum(RESOLUTIONS).nullable(),
  resolutionNote: z.string().nullable(),
  resolvedAt: z.string().nullable(),
});
export type Objection = z.infer<typeof ObjectionOut>;
export const PublicityItem = z.object({
  id: z.uuid(),
  price: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  status: z.enum(PUBLICITY_STATUSES),
  objectionContact: z.string(),
  objections: z.array(ObjectionOut),
});
export type Publicity = z.infer<typeof PublicityItem>;
export const PublicityOut = z.object({ items: z.array(PublicityItem) });
export type PublicityList = z.infer<typeof PublicityOut>;

// ---------------------------------------------------------------------------------------------
// Attachments
// ---------------------------------------------------------------------------------------------

export const AttachmentBody = z.strictObject({
  filename: Text(200).min(1),
  contentType: Text(100).min(3),
  dataBase64: z.string().max(14_000_000).describe('File content, base64 (at most 10 MB)'),
});
export type AttachmentInput = z.infer<typeof AttachmentBody>;
export const AttachmentOut = z.object({ id: z.uuid(), filename: z.string(), contentType: z.string(), sizeBytes: z.number().int(), sha256: z.string() });
export type AttachmentCreated = z.infer<typeof AttachmentOut>;
export const AttachmentItem = AttachmentOut.extend({ uploadedAt: z.string() });
export type Attachment = z.infer<typeof AttachmentItem>;
export const AttachmentListOut = z.object({ items: z.array(AttachmentItem) });
export type AttachmentList = z.infer<typeof AttachmentListOut>;

// ---------------------------------------------------------------------------------------------
// The ledger list, its saved filters
// ---------------------------------------------------------------------------------------------

export const LIST_SORT_KEYS = ['updatedAt', 'createdAt', 'number', 'title', 'trl', 'status'] as const;
export type ListSortKey = (typeof LIST_SORT_KEYS)[number];

/** The filters of the ledger (list and export). */
export const ListFilterQuery = z.strictObject({
  q: z.string().trim().max(200).optional().describe('Chinese full text over title, summary, keywords and completers'),
  fieldCode: z.string().max(20).optional(),
  status: z.union([z.enum(STATUSES), z.array(z.enum(STATUSES))]).optional(),
  ipType: z.enum(IP_TYPES).optional(),
  visibility: z.enum(VISIBILITIES).optional(),
  trlMin: z.coerce.number().int().min(1).max(9).optional(),
  trlMax: z.coerce.number().int().min(1).max(9).optional(),
  from: BusinessDateSchema.optional().describe('Created on or after'),
  to: BusinessDateSchema.optional().describe('Created on or before'),
  mine: z.enum(['true', 'false']).optional().describe('Only achievements the caller completed or created'),
});
export type ListFilter = z.infer<typeof ListFilterQuery>;

export const ListQuery = ListFilterQuery.extend(pageQuery(LIST_SORT_KEYS));
export type ListQueryInput = z.infer<typeof ListQuery>;

export const ListItem = AchievementOut.pick({
  id: true,
  number: true,
  title: true,
  fieldCode: true,
  ipType: true,
  trl: true,
  status: true,
  transformationStatus: true,
  visibility: true,
  askingPrice: true,
  agreedPrice: true,
  updatedAt: true,
  createdAt: true,
}).extend({ completerNames: z.array(z.string()), headline: z.string().nullable() });
export type ListItem = z.infer<typeof ListItem>;

export const ListOut = pageOf(ListItem);
export type ListPage = z.infer<typeof ListOut>;

export const SavedFilterOut = z.object({ id: z.uuid(), name: z.string(), query: z.record(z.string(), z.unknown()), createdAt: z.string() });
export type SavedFilter = z.infer<typeof SavedFilterOut>;
export const SavedFilterQuery = z.strictObject({ ...pageQuery(['name']), order: z.enum(['asc', 'desc']).default('asc') });
export const SavedFiltersOut = pageOf(SavedFilterOut);
export type SavedFilters = z.infer<typeof SavedFiltersOut>;
export const SaveFilterBody = z.strictObject({ name: z.string().trim().min(1).max(50), query: z.record(z.string(), z.union([z.string(), z.number(), z.array(z.string())])) });
export type SaveFilterInput = z.infer<typeof SaveFilterBody>;

// ---------------------------------------------------------------------------------------------
// Imports and export
// ---------------------------------------------------------------------------------------------

export const EXCHANGE_FORMATS = ['xlsx', 'jsonl'] as const;
export type ExchangeFormat = (typeof EXCHANGE_FORMATS)[number];
export const IMPORT_MODES = ['all_or_nothing', 'valid_only'] as const;
export type ImportMode = (typeof IMPORT_MODES)[number];
export const IMPORT_STATUSES = ['pending', 'validating', 'importing', 'completed', 'failed', 'rejected'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

export const ImportBody = z.strictObject({
  filename: z.string().trim().min(1).max(200),
  format: z.enum(EXCHANGE_FORMATS),
  dataBase64: z.string().min(1).max(60_000_000).describe('The file, base64 (at most 44 MB)'),
  mode: z.enum(IMPORT_MODES).optional().describe('all_or_nothing (default): nothing is written unless every row is valid; valid_only: the valid rows are imported'),
  publish: z.boolean().optional().describe('Publish rows with a TRL (recorded as assessed, visibility public) unless the file marks them internal or confidential'),
});
export type ImportInput = z.infer<typeof ImportBody>;

export const ImportReportEntry = z.object({
  row: z.number().int().nullable().describe('Spreadsheet row (header = 1) or JSON line; null for the whole file'),
  column: z.string().nullable().describe('Column header (.xlsx) or key (JSON Lines)'),
  level: z.enum(['error', 'warning']),
  message: z.string().describe("In the caller's language"),
});

export const ImportOut = z.object({
  id: z.uuid(),
  organisationId: z.uuid(),
  filename: z.string(),
  format: z.enum(EXCHANGE_FORMATS),
  mode: z.enum(IMPORT_MODES),
  publish: z.boolean(),
  status: z.enum(IMPORT_STATUSES),
  totalRows: z.number().int(),
  processedRows: z.number().int(),
  importedRows: z.number().int(),
  report: z.array(ImportReportEntry),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type ImportJob = z.infer<typeof ImportOut>;
export const ImportListQuery = z.strictObject(pageQuery(['createdAt']));
export const ImportListOut = pageOf(ImportOut);
export type ImportList = z.infer<typeof ImportListOut>;

export const ExportQuery = ListFilterQuery.extend({ format: z.enum(EXCHANGE_FORMATS).default('xlsx') });

// ---------------------------------------------------------------------------------------------
// Equity sub-ledger
// ---------------------------------------------------------------------------------------------

export const SharesSchema = z
  .string()
  .regex(SHARES_PATTERN, { message: bilingual('股权比例须为 0–100 之间、最多六位小数的百分数，如 "12.5"', 'shares must be a percentage 0–100 with at most six decimals, e.g. "12.5"') })
  .refine((s) => /[1-9]/.test(s), { message: bilingual('股权比例须大于 0', 'shares must be more than 0') })
  .describe('Percentage of the company, e.g. "12.5"');

const SignedMoney = z
  .string()
  .regex(MONEY_PATTERN, { message: bilingual('金额须为不超过两位小数的数字（元），如 "120000.00"', 'amount must be a decimal string in yuan with at most two decimals') })
  .describe('Decimal string, CNY yuan');

export const HoldingParams = OrgParams.extend({ holdingId: z.uuid() });

export const HoldingBalanceOut = z.object({ sharesPct: z.string(), bookValue: z.string() });
export const DisposalOut = z.object({
  id: z.uuid(),
  kind: z.enum(DISPOSAL_KINDS),
  kindLabel: z.string(),
  sharesPct: z.string(),
  bookValue: z.string(),
  proceeds: z.string(),
  decisionDocNo: z.string(),
  decisionDate: z.string(),
  disposedOn: z.string(),
  note: z.string(),
  createdAt: z.string(),
});
export type Disposal = z.infer<typeof DisposalOut>;
export const HoldingOut = z.object({
  id: z.uuid(),
  organisationId: z.uuid(),
  achievementId: z.uuid().nullable(),
  companyName: z.string(),
  companyCreditCode: z.string(),
  sharesPct: z.string(),
  bookValue: z.string(),
  acquiredOn: z.string(),
  excludedFromPreservation: z.boolean(),
  status: z.enum(HOLDING_STATUSES),
  remaining: HoldingBalanceOut,
  disposals: z.array(DisposalOut),
  createdAt: z.string(),
});
export type Holding = z.infer<typeof HoldingOut>;
export const HoldingListQuery = z.strictObject({ ...pageQuery(['acquiredOn']), order: z.enum(['asc', 'desc']).default('asc') });
export const HoldingListOut = pageOf(HoldingOut);
export type HoldingList = z.infer<typeof HoldingListOut>;

export const CreateHoldingBody = z.strictObject({
  companyName: z.string().trim().min(2).max(200),
  companyCreditCode: CreditCodeSchema,
  sharesPct: SharesSchema,
  bookValue: MoneySchema,
  acquiredOn: BusinessDateSchema,
  achievementId: z.uuid().nullish(),
});
export type CreateHoldingInput = z.infer<typeof CreateHoldingBody>;

export const DisposeBody = z.strictObject({
  kind: z.enum(DISPOSAL_KINDS),
  sharesPct: SharesSchema,
  bookValue: MoneySchema,
  proceeds: MoneySchema.optional(),
  decisionDocNo: z.string().trim().min(1).max(100).describe('The institution’s own decision document number'),
  decisionDate: BusinessDateSchema,
  disposedOn: BusinessDateSchema.optional(),
  note: z.string().trim().max(2000).optional(),
});
export type DisposeInput = z.infer<typeof DisposeBody>;

const Figure = z.object({ value: z.string().nullable(), formula: z.string(), formulaEn: z.string(), inputs: z.record(z.string(), z.string()) });
export const PreservationQuery = z.object({
  from: BusinessDateSchema,
  to: BusinessDateSchema,
  openingEquity: SignedMoney.describe("Opening owner's equity (期初所有者权益)"),
  closingEquity: SignedMoney.describe("Closing owner's equity (期末所有者权益)"),
});
export const PreservationOut = z.object({
  organisationId: z.uuid(),
  from: z.string(),
  to: z.string(),
  excludedHoldings: z.number().int(),
  figures: z.object({
    openingEquity: Figure,
    closingEquity: Figure,
    openingExcludedEquity: Figure,
    closingExcludedEquity: Figure,
    excludedWriteOffs: Figure,
    adjustedOpeningEquity: Figure,
    adjustedClosingEquity: Figure,
    ratioAsBooked: Figure,
    ratioExcludingAchievementEquity: Figure,
  }),
  holdings: z.array(z.object({ id: z.uuid(), companyName: z.string(), bookValue: z.string(), acquiredOn: z.string() })),
});
export type Preservation = z.infer<typeof PreservationOut>;

// ---------------------------------------------------------------------------------------------
// Patent annuities
// ---------------------------------------------------------------------------------------------

export const AnnuitiesQuery = z.strictObject({
  within: z.coerce.number().int().min(1).max(366).default(90),
  ...pageQuery(['payableBy']),
  order: z.enum(['asc', 'desc']).default('asc'),
});
export type AnnuitiesQueryInput = z.infer<typeof AnnuitiesQuery>;
export const AnnuityItem = z.object({
  filingId: z.uuid(),
  achievementId: z.uuid(),
  number: z.string(),
  title: z.string(),
  ipType: z.string(),
  applicationNo: z.string(),
  nextAnnuityDue: z.string(),
  payableBy: z.string(),
  daysLeft: z.number().int(),
  remindedFor: z.string().nullable(),
});
export type Annuity = z.infer<typeof AnnuityItem>;
/** A page of the dues (soonest first by default), with the day they were counted from. */
export const AnnuitiesOut = pageOf(AnnuityItem).extend({ today: z.string(), within: z.number().int() });
export type Annuities = z.infer<typeof AnnuitiesOut>;
