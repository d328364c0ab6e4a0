import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Action } from '../../../common/achievements.js';
import {
  AchievementOut,
  AchievementParams,
  AnnuitiesOut,
  AnnuitiesQuery,
  AssessBody,
  AttachmentBody,
  AttachmentListOut,
  AttachmentOut,
  CompleteBody,
  CreateAchievementBody,
  DecideBody,
  EmptyBody,
  ListOut,
  ListQuery,
  ObjectionBody,
  OrgParams,
  PriceBody,
  ProtectBody,
  PublicityBody,
  PublicityOut,
  ReasonBody,
  ResolveObjectionBody,
  SavedFilterQuery,
  SavedFiltersOut,
  SaveFilterBody,
  TimelineOut,
  UpdateAchievementBody,
} from '../../../common/api/achievements.js';
import { INSTITUTION_ROLES, OFFICE_ROLES, ROLE_GROUPS, type Role } from '../../../common/roles.js';
import { routeSpecs, sendFile } from '../../lib/routes.js';
import { listAnnuities } from './achievements.annuities.js';
import { addAttachment, listAttachments, readAttachment } from './achievements.attachments.js';
import { setPublished, timeline, transition } from './achievements.lifecycle.js';
import type { TransitionInput } from './achievements.lifecycle.rules.js';
import { deleteSavedFilter, listAchievements, listSavedFilters, saveFilter } from './achievements.lists.js';
import { getPublicity, raiseObjection, resolveObjection } from './achievements.publicity.js';
import { createAchievement, getAchievement, updateAchievement } from './achievements.service.js';

const route = routeSpecs(['achievements']);
const ledgerAccess = { roles: INSTITUTION_ROLES, org: { param: 'orgId', global: ['admin'] as const } };
const officeAccess = { roles: OFFICE_ROLES, org: { param: 'orgId', global: ['admin'] as const } };

/**
 * One route per lifecycle action, each with its own body: the OpenAPI document then says what
 * every step needs. The service enforces the state machine and who may act.
 */
const ACTION_ROUTES: { action: Action; path: string; body: z.ZodType<TransitionInput | null | undefined>; summary: string; roles: readonly Role[] }[] = [
  { action: 'submit', path: 'submit', body: EmptyBody, summary: 'Disclose (成果披露): a draft or a returned disclosure goes to the office', roles: INSTITUTION_ROLES },
  { action: 'withdraw', path: 'withdraw', body: ReasonBody, summary: 'Withdraw a disclosure before it is accepted', roles: INSTITUTION_ROLES },
  { action: 'accept', path: 'accept', body: EmptyBody, summary: 'Office: accept a disclosure into the ledger', roles: OFFICE_ROLES },
  { action: 'return', path: 'return', body: ReasonBody, summary: 'Office: return a disclosure with reasons', roles: OFFICE_ROLES },
  { action: 'assess', path: 'assess', body: AssessBody, summary: 'Office: assessment with the readiness level (TRL 1–9)', roles: OFFICE_ROLES },
  { action: 'protect', path: 'protect', body: ProtectBody, summary: 'Office: record a patent or other filing, with its annuity due date', roles: OFFICE_ROLES },
  { action: 'price', path: 'price', body: PriceBody, summary: 'Office: set the pricing method and price', roles: OFFICE_ROLES },
  { action: 'start_publicity', path: 'publicity', body: PublicityBody, summary: 'Office: start the internal publicity of an agreed price (≥15 days)', roles: OFFICE_ROLES },
  { action: 'cancel_publicity', path: 'publicity/cancel', body: ReasonBody, summary: 'Office: cancel a running publicity', roles: OFFICE_ROLES },
  { action: 'decide', path: 'decide', body: DecideBody, summary: 'Office: decide to transfer, license, invest or self-implement', roles: OFFICE_ROLES },
  { action: 'complete', path: 'complete', body: CompleteBody, summary: 'Office: the deal is signed; record the contract amount', roles: OFFICE_ROLES },
  { action: 'reopen', path: 'reopen', body: ReasonBody, summary: 'Office: the deal failed; back to pricing', roles: OFFICE_ROLES },
  { action: 'dispose', path: 'dispose', body: ReasonBody, summary: 'Office: dispose of or abandon the achievement', roles: OFFICE_ROLES },
];

export const achievementsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/orgs/:orgId/achievements',
    route(ledgerAccess, { summary: "An institution's ledger: all of it for the office, one's own achievements for a researcher", params: OrgParams, querystring: ListQuery, response: ListOut }),
    async (request) => listAchievements(request.ctx, request.params.orgId, request.query),
  );

  app.post(
    '/orgs/:orgId/achievements',
    route(
      { roles: ROLE_GROUPS.institutionMember, org: { param: 'orgId' } },
      { summary: 'Disclose an achievement (or save a draft)', params: OrgParams, body: CreateAchievementBody, response: AchievementOut, status: 201 },
    ),
    async (request, reply) => reply.status(201).send(await createAchievement(request.ctx, request.params.orgId, request.body)),
  );

  app.get(
    '/orgs/:orgId/achievements/saved-filters',
    route(ledgerAccess, { summary: 'My saved filters of this ledger', params: OrgParams, querystring: SavedFilterQuery, response: SavedFiltersOut }),
    async (request) => listSavedFilters(request.ctx, request.params.orgId, request.query),
  );

  app.post(
    '/orgs/:orgId/achievements/saved-filters',
    route(ledgerAccess, { summary: 'Save the current filter under a name (the same name replaces it)', params: OrgParams, body: SaveFilterBody, response: SavedFiltersOut }),
    async (request) => saveFilter(request.ctx, request.params.orgId, request.body.name, request.body.query),
  );

  app.delete(
    '/orgs/:orgId/achievements/saved-filters/:filterId',
    route(ledgerAccess, { summary: 'Delete a saved filter', params: OrgParams.extend({ filterId: z.uuid() }), response: z.null(), status: 204 }),
    async (request, reply) => {
      await deleteSavedFilter(request.ctx, request.params.orgId, request.params.filterId);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/achievements/:achievementId',
    route({ roles: 'any' }, { summary: 'One achievement: its office and completers see it whole; others only when public', params: AchievementParams, response: AchievementOut }),
    async (request) => getAchievement(request.ctx, request.params.achievementId),
  );

  app.patch(
    '/achievements/:achievementId',
    route(
      { roles: INSTITUTION_ROLES },
      { summary: 'Edit: a researcher while it is a draft or returned; the office until it is disposed', params: AchievementParams, body: UpdateAchievementBody, response: AchievementOut },
    ),
    async (request) => updateAchievement(request.ctx, request.params.achievementId, request.body),
  );

  for (const r of ACTION_ROUTES) {
    app.post(`/achievements/:achievementId/${r.path}`, route({ roles: r.roles }, { summary: r.summary, params: AchievementParams, body: r.body, response: AchievementOut }), async (request) =>
      transition(request.ctx, request.params.achievementId, r.action, request.body ?? {}),
    );
  }

  for (const published of [true, false]) {
    app.post(
      `/achievements/:achievementId/${published ? 'publish' : 'unpublish'}`,
      route(
        { roles: OFFICE_ROLES },
        { summary: published ? 'Office: publish to the market (visibility public)' : 'Office: take it off the market', params: AchievementParams, body: EmptyBody, response: AchievementOut },
      ),
      async (request) => setPublished(request.ctx, request.params.achievementId, published),
    );
  }

  app.get(
    '/achievements/:achievementId/publicity',
    route({ roles: 'any' }, { summary: 'Publicity windows of the agreed price, with objections', params: AchievementParams, response: PublicityOut }),
    async (request) => getPublicity(request.ctx, request.params.achievementId),
  );

  app.post(
    '/achievements/:achievementId/objections',
    route(
      { roles: ROLE_GROUPS.institutionMember },
      { summary: 'Raise an objection during the publicity window (members of the institution)', params: AchievementParams, body: ObjectionBody, response: PublicityOut },
    ),
    async (request) => raiseObjection(request.ctx, request.params.achievementId, request.body.content),
  );

  app.post(
    '/achievements/:achievementId/objections/:objectionId/resolve',
    route(
      { roles: OFFICE_ROLES },
      { summary: 'Office: resolve an objection (upheld cancels the publicity)', params: AchievementParams.extend({ objectionId: z.uuid() }), body: ResolveObjectionBody, response: PublicityOut },
    ),
    async (request) => resolveObjection(request.ctx, request.params.achievementId, request.params.objectionId, request.body.resolution, request.body.note),
  );

  app.get(
    '/achievements/:achievementId/timeline',
    route({ roles: 'any' }, { summary: 'Every ledger event of the achievement, oldest first', params: AchievementParams, response: TimelineOut }),
    async (request) => timeline(request.ctx, request.params.achievementId),
  );

  app.get('/achievements/:achievementId/attachments', route({ roles: 'any' }, { summary: 'Attachments of a disclosure', params: AchievementParams, response: AttachmentListOut }), async (request) =>
    listAttachments(request.ctx, request.params.achievementId),
  );

  app.post(
    '/achievements/:achievementId/attachments',
    route(
      { roles: INSTITUTION_ROLES },
      { summary: 'Attach a file (base64, at most 10 MB)', params: AchievementParams, body: AttachmentBody, response: AttachmentOut, status: 201, bodyLimit: 15 * 1024 * 1024 },
    ),
    async (request, reply) => reply.status(201).send(await addAttachment(request.ctx, request.params.achievementId, request.body)),
  );

  app.get(
    '/achievements/:achievementId/attachments/:attachmentId',
    route({ roles: 'any' }, { summary: 'Download an attachment (the office and the completers)', params: AchievementParams.extend({ attachmentId: z.uuid() }) }),
    async (request, reply) => {
      const file = await readAttachment(request.ctx, request.params.achievementId, request.params.attachmentId);
      return sendFile(reply, { type: file.content_type, filename: file.filename, body: Buffer.from(file.data) });
    },
  );

  app.get(
    '/orgs/:orgId/achievements/annuities',
    route(officeAccess, {
      summary: 'Patent annuities falling due within N days (payable date rolled to a Chinese working day)',
      params: OrgParams,
      querystring: AnnuitiesQuery,
      response: AnnuitiesOut,
    }),
    async (request) => listAnnuities(request.ctx, request.params.orgId, request.query),
  );
};
