import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { CreateHoldingBody, DisposeBody, HoldingListOut, HoldingListQuery, HoldingOut, HoldingParams, OrgParams, PreservationOut, PreservationQuery } from '../../../common/api/achievements.js';
import { OFFICE_ROLES, OVERSIGHT_ROLES } from '../../../common/roles.js';
import { routeSpecs } from '../../lib/routes.js';
import { createHolding, disposeHolding, getHolding, listHoldings, preservation } from './achievements.equity.js';

const route = routeSpecs(['equity']);
const officeAccess = { roles: OFFICE_ROLES, org: { param: 'orgId', global: ['admin'] as const } };
const reportAccess = { roles: [...OFFICE_ROLES, 'bureau' as const], org: { param: 'orgId', global: OVERSIGHT_ROLES } };

export const achievementsEquityRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/orgs/:orgId/equity/holdings',
    route(officeAccess, {
      summary: 'The equity sub-ledger: holdings formed by 作价入股, with what remains after disposals',
      params: OrgParams,
      querystring: HoldingListQuery,
      response: HoldingListOut,
    }),
    async (request) => listHoldings(request.ctx, request.params.orgId, request.query),
  );

  app.post(
    '/orgs/:orgId/equity/holdings',
    route(officeAccess, {
      summary: 'Record equity formed by 作价入股 (always excluded from value-preservation assessment)',
      params: OrgParams,
      body: CreateHoldingBody,
      response: HoldingOut,
      status: 201,
    }),
    async (request, reply) => reply.status(201).send(await createHolding(request.ctx, request.params.orgId, request.body)),
  );

  app.get('/orgs/:orgId/equity/holdings/:holdingId', route(officeAccess, { summary: 'One holding with its disposals', params: HoldingParams, response: HoldingOut }), async (request) =>
    getHolding(request.ctx, request.params.orgId, request.params.holdingId),
  );

  app.post(
    '/orgs/:orgId/equity/holdings/:holdingId/disposals',
    route(officeAccess, {
      summary: 'Dispose of (part of) a holding: 划转 / 转让 / 退出 / 损失核销, on the institution’s own decision document',
      params: HoldingParams,
      body: DisposeBody,
      response: HoldingOut,
      status: 201,
    }),
    async (request, reply) => reply.status(201).send(await disposeHolding(request.ctx, request.params.orgId, request.params.holdingId, request.body)),
  );

  app.get(
    '/orgs/:orgId/equity/preservation',
    route(reportAccess, {
      summary: '保值增值率 of a period, as booked and with achievement-derived equity excluded; every figure with its inputs and formula',
      params: OrgParams,
      querystring: PreservationQuery,
      response: PreservationOut,
    }),
    async (request) => preservation(request.ctx, request.params.orgId, request.query),
  );
};
