import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  DistributionChangeSchema,
  DistributionListQuerySchema,
  DistributionPageSchema,
  DistributionSchema,
  EquityRewardBodySchema,
  EquityRewardSchema,
  MyRewardsSchema,
  NewPolicySchema,
  NoticeSchema,
  ObjectionBodySchema,
  PayrollQuerySchema,
  PayrollSchema,
  PolicyComparisonSchema,
  PolicyListSchema,
  PolicySchema,
  ResolveObjectionSchema,
  RewardPaymentSchema,
  TimelineSchema,
} from '../../../common/api/distribution.js';
import { businessDateOf } from '../../../common/calendar.js';
import { INSTITUTION_ROLES, OFFICE_ROLES, OVERSIGHT_ROLES } from '../../../common/roles.js';
import { routeSpecs, sendFile, PDF_TYPE, XLSX_TYPE } from '../../lib/routes.js';
import { rewardStatementPdf, payrollXlsx } from './distribution.documents.js';
import { getEquityReward, rewardEquity } from './distribution.equity.js';
import { comparePolicies, createPolicy, listPolicies } from './distribution.policies.js';
import {
  approveDistribution,
  confirmDistribution,
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

const route = routeSpecs(['distribution']);
const OrgParams = z.strictObject({ orgId: z.uuid() });
const Params = z.strictObject({ distributionId: z.uuid() });
const HoldingParams = z.strictObject({ orgId: z.uuid(), holdingId: z.uuid() });
const officeOf = { roles: OFFICE_ROLES, org: { param: 'orgId', global: ['admin'] as const } };
const officeOrBureauOf = { roles: [...OFFICE_ROLES, 'bureau'] as const, org: { param: 'orgId', global: OVERSIGHT_ROLES } };
// One distribution: the service answers 404 to whoever may not see it (another institution, a researcher who is not a recipient).
const readers = { roles: [...INSTITUTION_ROLES, 'bureau'] as const };
const office = { roles: OFFICE_ROLES };

const Empty = z.strictObject({}).nullish();

export const distributionRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/orgs/:orgId/distribution-policies',
    route(officeOrBureauOf, { summary: 'An institution’s distribution policy: every version, the one in force, the legal floors', params: OrgParams, response: PolicyListSchema }),
    async (request) => listPolicies(request.ctx, request.params.orgId),
  );

  app.post(
    '/orgs/:orgId/distribution-policies',
    route(officeOf, {
      summary: 'Office: a new policy version from a date; a setting below a legal floor is refused citing the clause',
      params: OrgParams,
      body: NewPolicySchema,
      response: PolicySchema,
      status: 201,
    }),
    async (request, r) => r.status(201).send(await createPolicy(request.ctx, request.params.orgId, request.body)),
  );

  app.get(
    '/distribution-policies',
    route({ roles: OVERSIGHT_ROLES }, { summary: 'Bureau: every institution’s policy in force, side by side with the floors', response: PolicyComparisonSchema }),
    async (request) => comparePolicies(request.ctx),
  );

  app.get(
    '/orgs/:orgId/distributions',
    route(officeOrBureauOf, {
      summary: 'The institution’s distributions, one per receipt (created when the payment is recorded), a page at a time',
      params: OrgParams,
      querystring: DistributionListQuerySchema,
      response: DistributionPageSchema,
    }),
    async (request) => listDistributions(request.ctx, request.params.orgId, request.query),
  );

  app.get('/distributions/:distributionId', route(readers, { summary: 'One distribution with every figure explained', params: Params, response: DistributionSchema }), async (request) =>
    getDistribution(request.ctx, request.params.distributionId),
  );

  app.patch(
    '/distributions/:distributionId',
    route(office, {
      summary: 'Office, before approval: itemised deductions (taxes, maintenance, transaction costs) and the completers',
      params: Params,
      body: DistributionChangeSchema,
      response: DistributionSchema,
    }),
    async (request) => updateDistribution(request.ctx, request.params.distributionId, request.body),
  );

  for (const [path, summary, action] of [
    ['approve', 'Office: approve the computed split', approveDistribution],
    ['publicity', 'Office: publish the notice (公示) for the policy’s working days', startPublicity],
    ['confirm', 'Office: confirm after the publicity period with no objection open', confirmDistribution],
  ] as const) {
    app.post(`/distributions/:distributionId/${path}`, route(office, { summary, params: Params, body: Empty, response: DistributionSchema }), async (request) =>
      action(request.ctx, request.params.distributionId),
    );
  }

  app.post(
    '/distributions/:distributionId/objections',
    route(
      { roles: 'any' },
      {
        summary: 'A member of the institution objects during the publicity period; answers with the notice (a member who is not a recipient does not see the distribution itself)',
        params: Params,
        body: ObjectionBodySchema,
        response: NoticeSchema,
      },
    ),
    async (request) => raiseObjection(request.ctx, request.params.distributionId, request.body.text),
  );

  app.post(
    '/distributions/:distributionId/objections/:objectionId/resolve',
    route(office, {
      summary: 'Office: an upheld objection sends the split back for correction; a dismissed one lets it proceed',
      params: z.strictObject({ distributionId: z.uuid(), objectionId: z.uuid() }),
      body: ResolveObjectionSchema,
      response: DistributionSchema,
    }),
    async (request) => resolveObjection(request.ctx, request.params.distributionId, request.params.objectionId, request.body),
  );

  app.post(
    '/distributions/:distributionId/payments',
    route(office, { summary: 'Office: record rewards paid (all unpaid, or the listed positions); the tax treatment follows', params: Params, body: RewardPaymentSchema, response: DistributionSchema }),
    async (request) => recordRewardPayment(request.ctx, request.params.distributionId, request.body),
  );

  app.get('/distributions/:distributionId/timeline', route(readers, { summary: 'The distribution’s ledger events', params: Params, response: TimelineSchema }), async (request) =>
    distributionTimeline(request.ctx, request.params.distributionId),
  );

  app.get(
    '/distributions/:distributionId/notice',
    route({ roles: 'any' }, { summary: 'The public notice (公示): achievement, recipients, amounts, registration, period, objections', params: Params, response: NoticeSchema }),
    async (request) => publicityNotice(request.ctx, request.params.distributionId),
  );

  app.get(
    '/orgs/:orgId/reward-payroll',
    route(officeOf, {
      summary: 'Payroll of a period: per person cash reward, taxable amount and the payroll flags; confirmed rewards awaiting payment',
      params: OrgParams,
      querystring: PayrollQuerySchema,
      response: PayrollSchema,
    }),
    async (request) => payroll(request.ctx, request.params.orgId, request.query.from, request.query.to),
  );

  app.get(
    '/orgs/:orgId/reward-payroll.xlsx',
    route(officeOf, { summary: 'The payroll of a period as .xlsx for the payroll office', params: OrgParams, querystring: PayrollQuerySchema, response: z.any() }),
    async (request, reply) => {
      const p = await payroll(request.ctx, request.params.orgId, request.query.from, request.query.to);
      const institution = (await getOrg(request.ctx, request.params.orgId)).name;
      return sendFile(reply, { type: XLSX_TYPE, filename: `${institution}-现金奖励发放表-${p.period.from}-${p.period.to}.xlsx`, body: await payrollXlsx(p, institution) });
    },
  );

  app.get('/me/rewards', route({ roles: 'any' }, { summary: 'My rewards (notified, confirmed or paid) with how each was computed', response: MyRewardsSchema }), async (request) =>
    myRewards(request.ctx),
  );

  app.get('/me/rewards/statement.pdf', route({ roles: 'any' }, { summary: 'My reward statement as PDF', response: z.any() }), async (request, reply) => {
    const mine = await myRewards(request.ctx);
    return sendFile(reply, { type: PDF_TYPE, filename: `科技成果转化奖励对账单-${mine.name}.pdf`, body: await rewardStatementPdf(mine, businessDateOf(request.ctx.now)) });
  });

  app.get(
    '/orgs/:orgId/equity/holdings/:holdingId/rewards',
    route(officeOf, { summary: 'The team’s equity reward of a 作价入股 holding, if recorded', params: HoldingParams, response: EquityRewardSchema }),
    async (request) => getEquityReward(request.ctx, request.params.orgId, request.params.holdingId),
  );

  app.post(
    '/orgs/:orgId/equity/holdings/:holdingId/rewards',
    route(officeOf, {
      summary: 'Office: record the team’s equity reward (shares formed × team share, per person) as an allocation in the equity sub-ledger',
      params: HoldingParams,
      body: EquityRewardBodySchema,
      response: EquityRewardSchema,
      status: 201,
    }),
    async (request, r) => r.status(201).send(await rewardEquity(request.ctx, request.params.orgId, request.params.holdingId, request.body)),
  );
};
