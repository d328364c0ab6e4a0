import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { RATIO_PATTERN } from '../../../common/money.js';
import { BusinessDateSchema, CreditCodeSchema, problemResponses } from '../../lib/schemas.js';
import { bilingual } from '../../lib/validation.js';
import { MoneySchema } from '../../../common/schemas.js';
import { CORPORATE_EVENT_KINDS, PRICE_PATTERN } from './proceeds.js';
import { createAgreement, getAgreement, listAgreements, recordCorporateEvent } from './proceeds.service.js';

const TAGS = ['rights'];
const OrgParams = z.strictObject({ orgId: z.uuid() });
const Explained = z.object({ zh: z.string(), en: z.string() });
const Shares = z.string().regex(/^[1-9]\d{0,15}$/, { message: bilingual('股数须为正整数', 'shares must be a positive whole number') });
const Price = z.string().regex(PRICE_PATTERN, { message: bilingual('价格须为最多四位小数的数字（元/股）', 'a price is a decimal in yuan per share with at most 4 decimals') });

export const AgreementOut = z.object({
  id: z.uuid(),
  organisationId: z.uuid(),
  achievement: z.object({ id: z.uuid(), number: z.string(), title: z.string() }),
  grantId: z.string().nullable(),
  rectificationCaseId: z.string().nullable(),
  company: z.object({ organisationId: z.uuid(), name: z.string(), creditCode: z.string() }),
  equityShares: z.string(),
  institutionShare: z.string(),
  agreedOn: z.string(),
  policyVersion: z.number().int(),
  status: z.enum(['active', 'closed']),
  contract: z.object({ id: z.uuid(), number: z.string() }).nullable(),
  position: z.object({ heldShares: z.string(), trackedShares: z.string(), proceedsToDate: z.string(), dueToDate: z.string(), lastPrice: z.string().nullable(), listed: z.boolean(), closed: z.boolean() }),
  events: z.array(
    z.object({
      id: z.uuid(),
      kind: z.enum(CORPORATE_EVENT_KINDS),
      label: Explained,
      occurredOn: z.string(),
      evidence: z.string(),
      inputs: z.record(z.string(), z.unknown()),
      proceeds: z.string(),
      due: z.string(),
      teamPart: z.string(),
      heldBefore: z.string(),
      heldAfter: z.string(),
      trackedShares: z.string(),
      trackedValue: z.string().nullable(),
      rule: Explained,
      explanation: Explained,
      policyVersion: z.number().int(),
      obligationKey: z.string().nullable(),
      recordedAt: z.string(),
    }),
  ),
});

export const NewAgreementBody = z.strictObject({
  achievementId: z.uuid(),
  companyName: z.string().trim().min(2).max(200),
  companyCreditCode: CreditCodeSchema,
  equityShares: Shares.describe('E: shares formed by investing the achievement'),
  institutionShare: z.string().regex(RATIO_PATTERN, { message: bilingual('单位约定份额须为 0 到 1 之间的小数（如 0.2）', "the institution's share is a decimal from 0 to 1 (e.g. 0.2)") }).describe('s_u, e.g. "0.2"'),
  agreedOn: BusinessDateSchema,
  evidence: z.string().trim().min(1).max(500).describe('The agreement document (number or file)'),
});

export const proceedsRoutes: FastifyPluginAsyncZod = async (app) => {
  const office = ['tto_officer', 'org_admin', 'admin'] as const;

  app.get(
    '/orgs/:orgId/agreed-proceeds',
    {
      config: { access: { roles: [...office, 'bureau'], org: { param: 'orgId', global: ['admin', 'bureau'] } } },
      schema: { tags: TAGS, summary: "The institution's agreed-proceeds agreements with what is due and tracked", params: OrgParams, response: { 200: z.object({ items: z.array(AgreementOut) }), ...problemResponses } },
    },
    async (request) => listAgreements(request.ctx, request.params.orgId),
  );

  app.post(
    '/orgs/:orgId/agreed-proceeds',
    {
      config: { access: { roles: office, org: { param: 'orgId', global: ['admin'] } } },
      schema: {
        tags: TAGS,
        summary: 'Office: a granted achievement invested in a company; the agreed share opens a collection contract',
        params: OrgParams,
        body: NewAgreementBody,
        response: { 201: AgreementOut, ...problemResponses },
      },
    },
    async (request, r) => r.status(201).send(await createAgreement(request.ctx, request.params.orgId, request.body)),
  );

  app.get(
    '/agreed-proceeds/:agreementId',
    {
      config: { access: { roles: [...office, 'bureau'], record: 'party' } },
      schema: { tags: TAGS, summary: 'One agreement: events, dues with their explanation, what remains tracked', params: z.strictObject({ agreementId: z.uuid() }), response: { 200: AgreementOut, ...problemResponses } },
    },
    async (request) => getAgreement(request.ctx, request.params.agreementId),
  );

  app.post(
    '/orgs/:orgId/agreed-proceeds/corporate-events',
    {
      config: { access: { roles: office, org: { param: 'orgId', global: ['admin'] } } },
      schema: {
        tags: TAGS,
        summary: 'Office: a corporate event with evidence (bonus shares, dividend, partial sale, IPO, full transfer); send Idempotency-Key',
        params: OrgParams,
        headers: z.object({ 'idempotency-key': z.string().max(200).optional() }).passthrough(),
        body: z.strictObject({
          companyCreditCode: CreditCodeSchema,
          agreementId: z.uuid().optional(),
          kind: z.enum(CORPORATE_EVENT_KINDS),
          occurredOn: BusinessDateSchema,
          evidence: z.string().trim().min(2, { message: bilingual('请注明凭证（公告、股东会决议、转让协议、银行回单等）', 'name the evidence (announcement, resolution, sale agreement, bank slip)') }).max(1000),
          shares: Shares.optional(),
          amount: MoneySchema.optional(),
          sharesSold: Shares.optional(),
          pricePerShare: Price.optional(),
          listingPrice: Price.optional(),
        }),
        response: {
          201: z.object({
            agreementId: z.uuid(),
            eventId: z.uuid(),
            due: z.string(),
            dueOn: z.string().nullable(),
            proceeds: z.string(),
            teamPart: z.string(),
            trackedShares: z.string(),
            contractId: z.string().nullable(),
            obligationKey: z.string().nullable(),
            rule: Explained,
            explanation: Explained,
            policyVersion: z.number().int(),
            replayed: z.boolean(),
          }),
          ...problemResponses,
        },
      },
    },
    async (request, r) => r.status(201).send(await recordCorporateEvent(request.ctx, request.params.orgId, request.body, request.headers['idempotency-key'])),
  );
};
