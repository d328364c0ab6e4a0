import { z } from 'zod';
import {
  ATTRIBUTES,
  COOPERATION_MODES,
  FUNDING_TYPES,
  IP_TYPES,
  PRICING_METHODS,
  SHARE_PATTERN,
  STATUSES,
  TRANSFORMATION_MODES,
  TRANSFORMATION_STATUSES,
  VISIBILITIES,
} from '../../../common/achievements.js';
import { MONEY_PATTERN } from '../../../common/money.js';
import { BusinessDateSchema } from '../../lib/schemas.js';
import { bilingual } from '../../lib/validation.js';

/** Request and response shapes of the achievements module. */

import { MoneySchema, ShareSchema } from '../../../common/schemas.js';

export const CompleterSchema = z.strictObject({
  name: z.string().trim().min(1).max(50),
  userId: z.uuid().nullable().optional(),
  share: ShareSchema,
  isHead: z.boolean().optional().describe('正职领导: may take cash rewards only (DOMAIN §2.2)'),
});

const Text = (max: number) => z.string().trim().max(max);

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

export const UpdateAchievementBody = AchievementContent.partial().extend({
  version: z.number().int().min(1).optional().describe('The version read; a stale version is refused (409)'),
  ownershipUnitPct: ShareSchema.optional(),
  contractAmount: MoneySchema.optional(),
  receivedAmount: MoneySchema.optional(),
  techContractRegNo: Text(50).optional(),
  ipStatus: Text(50).optional(),
});

export const CompleterOut = z.object({ name: z.string(), userId: z.string().nullable(), share: z.string(), isHead: z.boolean() });

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
  stage: z.enum(['research', 'development']).nullable(),
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

export const AchievementParams = z.strictObject({ achievementId: z.uuid() });
export const OrgParams = z.strictObject({ orgId: z.uuid() });

export const ReasonBody = z.strictObject({
  reason: Text(1000).min(2, { message: bilingual('请填写理由（至少 2 个字）', 'give a reason (at least 2 characters)') }),
});
export const EmptyBody = z.strictObject({}).nullish();

export const AssessBody = z.strictObject({
  trl: z.number().int().min(1, { message: bilingual('技术成熟度须为 1–9 级', 'TRL must be 1–9') }).max(9, { message: bilingual('技术成熟度须为 1–9 级', 'TRL must be 1–9') }),
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

export const ObjectionBody = z.strictObject({ content: Text(2000).min(2) });
export const ResolveObjectionBody = z.strictObject({
  resolution: z.enum(['upheld', 'dismissed']).describe('upheld: the publicity is cancelled and the price must be set again'),
  note: Text(1000).min(2),
});

export const AttachmentBody = z.strictObject({
  filename: Text(200).min(1),
  contentType: Text(100).min(3),
  dataBase64: z.string().max(14_000_000).describe('File content, base64 (at most 10 MB)'),
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

export const ListQuery = z.strictObject({
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
  sort: z.enum(['updatedAt', 'createdAt', 'number', 'title', 'trl', 'status']).default('updatedAt'),
  order: z.enum(['asc', 'desc']).default('desc'),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
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

export const ListOut = z.object({
  items: z.array(ListItem),
  total: z.number().int(),
  totalCapped: z.boolean().describe('true: more than `total` match; counting stops there (narrow the filters)'),
  page: z.number().int(),
  pageSize: z.number().int(),
});
