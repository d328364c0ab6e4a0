import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { MONEY_PATTERN } from '../../../common/money.js';
import { BusinessDateSchema, CreditCodeSchema, problemResponses } from '../../lib/schemas.js';
import { bilingual } from '../../lib/validation.js';
import { createHolding, disposeHolding, getHolding, listHoldings, preservation } from './achievements.equity.js';
import { DISPOSAL_KINDS, SHARES_PATTERN } from './achievements.equity.rules.js';
import { MoneySchema } from '../../../common/schemas.js';
import { OrgParams } from './achievements.schemas.js';

const TAGS = ['equity'];
const officeAccess = { roles: ['tto_officer', 'org_admin', 'admin'] as const, org: { param: 'orgId', global: ['admin'] as const } };
const reportAccess = { roles: ['tto_officer', 'org_admin', 'admin', 'bureau'] as const, org: { param: 'orgId', global: ['admin', 'bureau'] as const } };

const SharesSchema = z
  .string()
  .regex(SHARES_PATTERN, { message: bilingual('股权比例须为 0–100 之间、最多六位小数的百分数，如 "12.5"', 'shares must be a percentage 0–100 with at most six decimals, e.g. "12.5"') })
  .refine((s) => /[1-9]/.test(s), { message: bilingual('股权比例须大于 0', 'shares must be more than 0') })
  .describe('Percentage of the company, e.g. "12.5"');

const SignedMoney = z
  .string()
  .regex(MONEY_PATTERN, { message: bilingual('金额须为不超过两位小数的数字（元），如 "120000.00"', 'amount must be a decimal string in yuan with at most two decimals') })
  .describe('Decimal string, CNY yuan');

const Balance = z.object({ sharesPct: z.string(), bookValue: z.string() });
const DisposalOut = z.object({
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
const HoldingOut = z.object({
  id: z.uuid(),
  organisationId: z.uuid(),
  achievementId: z.uuid().nullable(),
  companyName: z.string(),
  companyCreditCode: z.string(),
  sharesPct: z.string(),
  bookValue: z.string(),
  acquiredOn: z.string(),
  excludedFromPreservation: z.boolean(),
  status: z.enum(['held', 'partly_disposed', 'disposed']),
  remaining: Balance,
  disposals: z.array(DisposalOut),
  createdAt: z.string(),
});

const Figure = z.object({ value: z.string().nullable(), formula: z.string(), formulaEn: z.string(), inputs: z.record(z.string(), z.string()) });
const PreservationOut = z.object({
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

const HoldingParams = OrgParams.extend({ holdingId: z.uuid() });

export const achievementsEquityRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/orgs/:orgId/equity/holdings',
    {
      config: { access: officeAccess },
      schema: { tags: TAGS, summary: 'The equity sub-ledger: holdings formed by 作价入股, with what remains after disposals', params: OrgParams, response: { 200: z.object({ items: z.array(HoldingOut) }), ...problemResponses } },
    },
    async (request) => listHoldings(request.ctx, request.params.orgId),
  );

  app.post(
    '/orgs/:orgId/equity/holdings',
    {
      config: { access: officeAccess },
      schema: {
        tags: TAGS,
        summary: 'Record equity formed by 作价入股 (always excluded from value-preservation assessment)',
        params: OrgParams,
        body: z.strictObject({
          companyName: z.string().trim().min(2).max(200),
          companyCreditCode: CreditCodeSchema,
          sharesPct: SharesSchema,
          bookValue: MoneySchema,
          acquiredOn: BusinessDateSchema,
          achievementId: z.uuid().nullish(),
        }),
        response: { 201: HoldingOut, ...problemResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await createHolding(request.ctx, request.params.orgId, request.body)),
  );

  app.get(
    '/orgs/:orgId/equity/holdings/:holdingId',
    {
      config: { access: officeAccess },
      schema: { tags: TAGS, summary: 'One holding with its disposals', params: HoldingParams, response: { 200: HoldingOut, ...problemResponses } },
    },
    async (request) => getHolding(request.ctx, request.params.orgId, request.params.holdingId),
  );

  app.post(
    '/orgs/:orgId/equity/holdings/:holdingId/disposals',
    {
      config: { access: officeAccess },
      schema: {
        tags: TAGS,
        summary: 'Dispose of (part of) a holding: 划转 / 转让 / 退出 / 损失核销, on the institution’s own decision document',
        params: HoldingParams,
        body: z.strictObject({
          kind: z.enum(DISPOSAL_KINDS),
          sharesPct: SharesSchema,
          bookValue: MoneySchema,
          proceeds: MoneySchema.optional(),
          decisionDocNo: z.string().trim().min(1).max(100).describe('The institution’s own decision document number'),
          decisionDate: BusinessDateSchema,
          disposedOn: BusinessDateSchema.optional(),
          note: z.string().trim().max(2000).optional(),
        }),
        response: { 201: HoldingOut, ...problemResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await disposeHolding(request.ctx, request.params.orgId, request.params.holdingId, request.body)),
  );

  app.get(
    '/orgs/:orgId/equity/preservation',
    {
      config: { access: reportAccess },
      schema: {
        tags: TAGS,
        summary: '保值增值率 of a period, as booked and with achievement-derived equity excluded; every figure with its inputs and formula',
        params: OrgParams,
        querystring: z.object({
          from: BusinessDateSchema,
          to: BusinessDateSchema,
          openingEquity: SignedMoney.describe("Opening owner's equity (期初所有者权益)"),
          closingEquity: SignedMoney.describe("Closing owner's equity (期末所有者权益)"),
        }),
        response: { 200: PreservationOut, ...problemResponses },
      },
    },
    async (request) => preservation(request.ctx, request.params.orgId, request.query),
  );
};
