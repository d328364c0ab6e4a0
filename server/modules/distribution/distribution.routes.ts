import { businessDateOf } from '../../../common/calendar.js';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { RATIO_PATTERN } from '../../../common/money.js';
import { BusinessDateSchema, problemResponses } from '../../lib/schemas.js';
import { bilingual } from '../../lib/validation.js';
import { MoneySchema } from '../../../common/schemas.js';
import { rewardStatementPdf, payrollXlsx } from './distribution.documents.js';
import { getEquityReward, rewardEquity } from './distribution.equity.js';
import { comparePolicies, createPolicy, listPolicies } from './distribution.policies.js';
import {
  approveDistribution,
  confirmDistribution,
  DISTRIBUTION_STATUSES,
  distributionTimeline,
  getDistribution,
  listDistributions,
  myRewards,
  payroll,
  publicityNotice,
  raiseObjection,
  recordRewardPayment,
  resolveObjection,
  startPublicity,
  updateDistribution,
} from './distribution.service.js';
import { getOrg } from '../orgs/index.js';
import { DEDUCTION_KINDS } from './rules.js';

const TAGS = ['distribution'];
const OFFICE = ['tto_officer', 'org_admin', 'admin'] as const;
const OrgParams = z.strictObject({ orgId: z.uuid() });
const Params = z.strictObject({ distributionId: z.uuid() });
const officeOf = { roles: OFFICE, org: { param: 'orgId', global: ['admin'] as const } };
const officeOrBureauOf = { roles: [...OFFICE, 'bureau'] as const, org: { param: 'orgId', global: ['admin', 'bureau'] as const } };
const record = { roles: [...OFFICE, 'researcher', 'bureau'] as const, record: 'party' as const };
const officeRecord = { roles: OFFICE, record: 'party' as const };

const Ratio = z.string().regex(RATIO_PATTERN, { message: bilingual('比例须为 0 到 1 之间的小数（0.7 表示 70%）', 'a ratio is a decimal from 0 to 1 (0.7 = 70%)') });
const Explained = z.object({
  value: z.string(),
  inputs: z.record(z.string(), z.string()),
  rule: z.object({ zh: z.string(), en: z.string() }),
  policyVersion: z.number().int().nullable(),
  clause: z.object({ zh: z.string(), en: z.string() }).nullable(),
});
const Clause = z.object({ zh: z.string(), en: z.string() });
const PolicyOut = z.object({
  version: z.number().int(),
  effectiveFrom: z.string(),
  teamShareOfNetIncome: z.string(),
  teamShareOfEquity: z.string(),
  teamShareOfOperatingProfit: z.string(),
  operatingProfitYears: z.number().int(),
  mainContributorsShare: z.string(),
  officeShareOfRetained: z.string(),
  collegeShareOfRemainder: z.string(),
  publicityWorkingDays: z.number().int(),
  note: z.string(),
  statutory: z.boolean(),
});
const FloorOut = z.object({ key: z.string(), min: z.union([z.string(), z.number()]), max: z.number().optional(), clause: Clause });
const Completer = z.strictObject({
  name: z.string().trim().min(1).max(50),
  userId: z.uuid().nullable(),
  share: z.string().regex(/^\d{1,3}(\.\d{1,2})?$/, { message: bilingual('贡献比例为百分数，最多两位小数，如 40 或 33.33', 'a share is a percentage with up to two decimals, e.g. 40 or 33.33') }),
  isMainContributor: z.boolean(),
  isHead: z.boolean(),
});
const DistributionOut = z.object({
  id: z.uuid(),
  organisationId: z.uuid(),
  source: z.string(),
  receiptId: z.uuid().nullable(),
  contract: z.object({ id: z.uuid(), number: z.string(), kind: z.string().nullable(), registrationNo: z.string().nullable() }).nullable(),
  achievementIds: z.array(z.uuid()),
  title: z.string(),
  receivedOn: z.string(),
  gross: z.string(),
  deductions: z.array(z.object({ kind: z.enum(DEDUCTION_KINDS), label: z.string(), amount: z.string() })),
  completers: z.array(Completer),
  policyVersion: z.number().int(),
  result: z
    .object({
      net: Explained,
      team: Explained,
      retained: Explained,
      office: Explained,
      college: Explained,
      institution: Explained,
      people: z.array(Explained.extend({ personId: z.string(), name: z.string() })),
    })
    .nullable(),
  excludedReason: Clause.nullable(),
  status: z.enum(DISTRIBUTION_STATUSES),
  publicityFrom: z.string().nullable(),
  publicityUntil: z.string().nullable(),
  approvedAt: z.string().nullable(),
  rewards: z.array(
    z.object({
      position: z.number().int(),
      userId: z.uuid().nullable(),
      name: z.string(),
      amount: z.string(),
      paidOn: z.string().nullable(),
      taxable: z.string().nullable(),
      taxReliefDeadline: z.string(),
      taxReliefLost: z.boolean(),
    }),
  ),
  objections: z.array(
    z.object({ id: z.uuid(), raisedByName: z.string(), text: z.string(), raisedAt: z.string(), resolution: z.string().nullable(), resolutionNote: z.string().nullable(), resolvedAt: z.string().nullable() }),
  ),
  updatedAt: z.string(),
  version: z.number().int(),
});
const reply = <T extends z.ZodType>(schema: T) => ({ 200: schema, ...problemResponses });
const Empty = z.strictObject({}).nullish();
const Period = z.strictObject({ from: BusinessDateSchema, to: BusinessDateSchema });
const Flags = { countedInPerformancePayTotal: z.boolean(), cappedByPerformancePayTotal: z.boolean(), inNextYearBase: z.boolean(), inSocialInsuranceBase: z.boolean() };
const PayrollLine = z.object({
  source: z.enum(['receipt', 'surplus']).describe('a receipt of a transfer or licence, or contract-research surplus (measure 3)'),
  distributionId: z.uuid().nullable(),
  projectId: z.uuid().nullable(),
  name: z.string(),
  userId: z.uuid().nullable(),
  title: z.string(),
  contractNumber: z.string().nullable(),
  receivedOn: z.string(),
  amount: z.string(),
  paidOn: z.string().nullable(),
  taxable: z.string().nullable(),
  halfTaxRelief: z.boolean(),
  taxReliefDeadline: z.string(),
  ...Flags,
});
const EquityRewardOut = z.object({
  holdingId: z.uuid(),
  reward: z
    .object({
      id: z.uuid(),
      policyVersion: z.number().int(),
      teamPct: z.string(),
      heldBackForHeadsPct: z.string(),
      people: z.array(z.object({ name: z.string(), userId: z.uuid().nullable(), sharesPct: z.string() })),
      rule: Clause,
      clause: Clause,
      createdAt: z.string(),
    })
    .nullable(),
});
/** The public notice (公示), DOMAIN §2.5. */
const NoticeOut = z.object({
  id: z.uuid(),
  institution: z.string(),
  title: z.string(),
  achievements: z.array(z.object({ id: z.uuid(), number: z.string(), title: z.string(), ipType: z.string() })),
  transformation: z.object({ mode: Clause.nullable(), contractNumber: z.string().nullable(), receivedOn: z.string(), gross: z.string(), net: z.string().nullable() }),
  registration: z.object({ registrationNo: z.string().nullable() }),
  recipients: z.array(z.object({ name: z.string(), amount: z.string(), isHead: z.boolean() })),
  total: z.string(),
  period: z.object({ from: z.string().nullable(), until: z.string().nullable() }),
  objectionProcedure: z.string(),
  objections: z.array(z.object({ id: z.uuid(), raisedAt: z.string(), resolution: z.string().nullable(), resolutionNote: z.string().nullable() })),
  status: z.enum(DISTRIBUTION_STATUSES),
});
const fileName = (s: string) => encodeURIComponent(s);

export const distributionRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/orgs/:orgId/distribution-policies',
    { config: { access: officeOrBureauOf }, schema: { tags: TAGS, summary: 'An institution’s distribution policy: every version, the one in force, the legal floors', params: OrgParams, response: reply(z.object({ inForce: PolicyOut, versions: z.array(PolicyOut), floors: z.array(FloorOut) })) } },
    async (request) => listPolicies(request.ctx, request.params.orgId),
  );

  app.post(
    '/orgs/:orgId/distribution-policies',
    {
      config: { access: officeOf },
      schema: {
        tags: TAGS,
        summary: 'Office: a new policy version from a date; a setting below a legal floor is refused citing the clause',
        params: OrgParams,
        body: z.strictObject({
          effectiveFrom: BusinessDateSchema,
          teamShareOfNetIncome: Ratio,
          teamShareOfEquity: Ratio,
          teamShareOfOperatingProfit: Ratio,
          operatingProfitYears: z.number().int(),
          mainContributorsShare: Ratio,
          officeShareOfRetained: Ratio,
          collegeShareOfRemainder: Ratio,
          publicityWorkingDays: z.number().int().optional(),
          note: z.string().max(2000).optional(),
        }),
        response: { 201: PolicyOut, ...problemResponses },
      },
    },
    async (request, r) => r.status(201).send(await createPolicy(request.ctx, request.params.orgId, request.body)),
  );

  app.get(
    '/distribution-policies',
    {
      config: { access: { roles: ['bureau', 'admin'] } },
      schema: {
        tags: TAGS,
        summary: 'Bureau: every institution’s policy in force, side by side with the floors',
        response: reply(
          z.object({
            asOf: z.string(),
            floors: z.array(FloorOut),
            items: z.array(z.object({ organisation: z.object({ id: z.uuid(), name: z.string(), kind: z.string() }), versions: z.number().int(), policy: PolicyOut, aboveFloor: z.array(z.string()) })),
          }),
        ),
      },
    },
    async (request) => comparePolicies(request.ctx),
  );

  app.get(
    '/orgs/:orgId/distributions',
    {
      config: { access: officeOrBureauOf },
      schema: {
        tags: TAGS,
        summary: 'The institution’s distributions, one per receipt; receipts not yet taken in are taken in first',
        params: OrgParams,
        querystring: z.strictObject({ status: z.enum(DISTRIBUTION_STATUSES).optional() }),
        response: reply(z.object({ items: z.array(DistributionOut) })),
      },
    },
    async (request) => listDistributions(request.ctx, request.params.orgId, request.query),
  );

  app.get('/distributions/:distributionId', { config: { access: record }, schema: { tags: TAGS, summary: 'One distribution with every figure explained', params: Params, response: reply(DistributionOut) } }, async (request) =>
    getDistribution(request.ctx, request.params.distributionId),
  );

  app.patch(
    '/distributions/:distributionId',
    {
      config: { access: officeRecord },
      schema: {
        tags: TAGS,
        summary: 'Office, before approval: itemised deductions (taxes, maintenance, transaction costs) and the completers',
        params: Params,
        body: z.strictObject({
          version: z.number().int(),
          deductions: z.array(z.strictObject({ kind: z.enum(DEDUCTION_KINDS), label: z.string().trim().min(1).max(100), amount: MoneySchema })).max(50).optional(),
          completers: z.array(Completer).max(100).optional(),
        }),
        response: reply(DistributionOut),
      },
    },
    async (request) => updateDistribution(request.ctx, request.params.distributionId, request.body),
  );

  for (const [path, summary, action] of [
    ['approve', 'Office: approve the computed split', approveDistribution],
    ['publicity', 'Office: publish the notice (公示) for the policy’s working days', startPublicity],
    ['confirm', 'Office: confirm after the publicity period with no objection open', confirmDistribution],
  ] as const) {
    app.post(`/distributions/:distributionId/${path}`, { config: { access: officeRecord }, schema: { tags: TAGS, summary, params: Params, body: Empty, response: reply(DistributionOut) } }, async (request) =>
      action(request.ctx, request.params.distributionId),
    );
  }

  app.post(
    '/distributions/:distributionId/objections',
    {
      config: { access: { roles: 'any', record: 'party' } },
      schema: {
        tags: TAGS,
        summary: 'A member of the institution objects during the publicity period; answers with the notice (a member who is not a recipient does not see the distribution itself)',
        params: Params,
        body: z.strictObject({ text: z.string().trim().min(5).max(2000) }),
        response: reply(NoticeOut),
      },
    },
    async (request) => raiseObjection(request.ctx, request.params.distributionId, request.body.text),
  );

  app.post(
    '/distributions/:distributionId/objections/:objectionId/resolve',
    {
      config: { access: officeRecord },
      schema: {
        tags: TAGS,
        summary: 'Office: an upheld objection sends the split back for correction; a dismissed one lets it proceed',
        params: z.strictObject({ distributionId: z.uuid(), objectionId: z.uuid() }),
        body: z.strictObject({ resolution: z.enum(['upheld', 'dismissed']), note: z.string().trim().min(2).max(2000) }),
        response: reply(DistributionOut),
      },
    },
    async (request) => resolveObjection(request.ctx, request.params.distributionId, request.params.objectionId, request.body),
  );

  app.post(
    '/distributions/:distributionId/payments',
    {
      config: { access: officeRecord },
      schema: {
        tags: TAGS,
        summary: 'Office: record rewards paid (all unpaid, or the listed positions); the tax treatment follows',
        params: Params,
        body: z.strictObject({ paidOn: BusinessDateSchema, positions: z.array(z.number().int().min(0)).max(100).optional() }),
        response: reply(DistributionOut),
      },
    },
    async (request) => recordRewardPayment(request.ctx, request.params.distributionId, request.body),
  );

  app.get(
    '/distributions/:distributionId/timeline',
    {
      config: { access: record },
      schema: {
        tags: TAGS,
        summary: 'The distribution’s ledger events',
        params: Params,
        response: reply(z.object({ items: z.array(z.object({ seq: z.number().int(), type: z.string(), payload: z.unknown(), reason: z.string().nullable(), occurredAt: z.string(), hash: z.string() })) })),
      },
    },
    async (request) => distributionTimeline(request.ctx, request.params.distributionId),
  );

  app.get(
    '/distributions/:distributionId/notice',
    {
      config: { access: { roles: 'any', record: 'party' } },
      schema: {
        tags: TAGS,
        summary: 'The public notice (公示): achievement, recipients, amounts, registration, period, objections',
        params: Params,
        response: reply(NoticeOut),
      },
    },
    async (request) => publicityNotice(request.ctx, request.params.distributionId),
  );

  app.get(
    '/orgs/:orgId/reward-payroll',
    {
      config: { access: officeOf },
      schema: {
        tags: TAGS,
        summary: 'Payroll of a period: per person cash reward, taxable amount and the payroll flags; confirmed rewards awaiting payment',
        params: OrgParams,
        querystring: Period,
        response: reply(
          z.object({
            organisationId: z.uuid(),
            period: z.object({ from: z.string(), to: z.string() }),
            flags: z.object(Flags),
            people: z.array(z.object({ name: z.string(), userId: z.uuid().nullable(), amount: z.string(), taxable: z.string(), count: z.number().int(), ...Flags })),
            lines: z.array(PayrollLine),
            unpaid: z.array(PayrollLine),
            totals: z.object({ amount: z.string(), taxable: z.string() }),
          }),
        ),
      },
    },
    async (request) => payroll(request.ctx, request.params.orgId, request.query.from, request.query.to),
  );

  app.get(
    '/orgs/:orgId/reward-payroll.xlsx',
    { config: { access: officeOf }, schema: { tags: TAGS, summary: 'The payroll of a period as .xlsx for the payroll office', params: OrgParams, querystring: Period, response: { 200: z.any(), ...problemResponses } } },
    async (request, reply) => {
      const p = await payroll(request.ctx, request.params.orgId, request.query.from, request.query.to);
      const institution = (await getOrg(request.ctx, request.params.orgId)).name;
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename*=UTF-8''${fileName(`${institution}-现金奖励发放表-${p.period.from}-${p.period.to}.xlsx`)}`)
        .send(await payrollXlsx(p, institution));
    },
  );

  app.get(
    '/me/rewards',
    {
      config: { access: { roles: 'any', record: 'self' } },
      schema: {
        tags: TAGS,
        summary: 'My rewards (notified, confirmed or paid) with how each was computed',
        response: reply(
          z.object({
            name: z.string(),
            total: z.string(),
            items: z.array(
              z.object({
                distributionId: z.uuid(),
                organisationId: z.uuid(),
                title: z.string(),
                contractNumber: z.string().nullable(),
                receivedOn: z.string(),
                status: z.enum(DISTRIBUTION_STATUSES),
                net: Explained.nullable(),
                team: Explained.nullable(),
                policyVersion: z.number().int(),
                rewards: DistributionOut.shape.rewards,
                explanation: z.array(Explained.extend({ personId: z.string(), name: z.string() })),
              }),
            ),
          }),
        ),
      },
    },
    async (request) => myRewards(request.ctx),
  );

  app.get(
    '/me/rewards/statement.pdf',
    { config: { access: { roles: 'any', record: 'self' } }, schema: { tags: TAGS, summary: 'My reward statement as PDF', response: { 200: z.any(), ...problemResponses } } },
    async (request, reply) => {
      const mine = await myRewards(request.ctx);
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `attachment; filename*=UTF-8''${fileName(`科技成果转化奖励对账单-${mine.name}.pdf`)}`)
        .send(await rewardStatementPdf(mine, businessDateOf(request.ctx.now)));
    },
  );

  app.get(
    '/orgs/:orgId/equity/holdings/:holdingId/rewards',
    { config: { access: officeOf }, schema: { tags: TAGS, summary: 'The team’s equity reward of a 作价入股 holding, if recorded', params: z.strictObject({ orgId: z.uuid(), holdingId: z.uuid() }), response: reply(EquityRewardOut) } },
    async (request) => getEquityReward(request.ctx, request.params.orgId, request.params.holdingId),
  );

  app.post(
    '/orgs/:orgId/equity/holdings/:holdingId/rewards',
    {
      config: { access: officeOf },
      schema: {
        tags: TAGS,
        summary: 'Office: record the team’s equity reward (shares formed × team share, per person) as an allocation in the equity sub-ledger',
        params: z.strictObject({ orgId: z.uuid(), holdingId: z.uuid() }),
        body: z.strictObject({
          decisionDocNo: z.string().trim().min(2).max(100),
          decisionDate: BusinessDateSchema,
          completers: z.array(Completer).max(100).optional(),
          confirmHeadsExcluded: z.boolean().optional(),
        }),
        response: { 201: EquityRewardOut, ...problemResponses },
      },
    },
    async (request, r) => r.status(201).send(await rewardEquity(request.ctx, request.params.orgId, request.params.holdingId, request.body)),
  );
};
