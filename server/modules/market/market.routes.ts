import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AchievementParams,
  CloseDemandBody,
  CreateDemandBody,
  DemandMatchesSchema,
  DemandParams,
  DemandSchema,
  DemandSearchPage,
  DemandSearchQuery,
  FeedbackBody,
  FeedbackPage,
  FeedbackQuery,
  FeedbackRecordedSchema,
  FunnelSchema,
  ListingMatchesSchema,
  ListingSchema,
  ListingSearchPage,
  ListingSearchQuery,
  MatchLimitQuery,
  MyDemandsPage,
  MyDemandsQuery,
  PutSynonymBody,
  SynonymMapSchema,
  SynonymParams,
  SynonymQuery,
  UpdateDemandBody,
  UpdateListingBody,
} from '../../../common/api/market.js';
import { OFFICE_ROLES, PLATFORM_ROLES } from '../../../common/roles.js';
import { routeSpecs } from '../../lib/routes.js';
import { listingFunnel, getListing, recordView, updateListing } from './market.listings.js';
import { searchDemands, searchListings } from './market.search.js';
import { closeDemand, createDemand, DEMAND_ROLES, getDemand, listFeedback, listMyDemands, matchAchievement, matchDemand, recordFeedback, updateDemand } from './market.service.js';
import { listSynonyms, putSynonym, resetSynonym } from './market.synonyms.js';

const route = routeSpecs(['market']);

export const marketRoutes: FastifyPluginAsyncZod = async (app) => {
  // --- The machine contract: demands in, explained matches out, both ways -------------------
  app.post(
    '/market/demands',
    route(
      { roles: DEMAND_ROLES },
      {
        summary: 'Post a technical demand (技术需求) in plain words; at least { title, description }. An Idempotency-Key makes a retry return the first demand',
        headers: z.object({ 'idempotency-key': z.string().max(200).optional() }).passthrough(),
        body: CreateDemandBody,
        response: DemandSchema,
        status: 201,
      },
    ),
    async (request, reply) => reply.status(201).send(await createDemand(request.ctx, request.body, request.headers['idempotency-key'])),
  );

  app.get(
    '/market/demands/:demandId/matches',
    route(
      { roles: 'any' },
      {
        summary: 'Listings that answer a demand, best first, each with its explanation; noGoodMatch when the best is below the threshold',
        params: DemandParams,
        querystring: MatchLimitQuery,
        response: ListingMatchesSchema,
      },
    ),
    async (request) => matchDemand(request.ctx, request.params.demandId, request.query.limit),
  );

  app.get(
    '/market/achievements/:achievementId/matches',
    route(
      { roles: 'any' },
      {
        summary: 'Open demands (that the caller may see) which an achievement answers, best first, with explanations',
        params: AchievementParams,
        querystring: MatchLimitQuery,
        response: DemandMatchesSchema,
      },
    ),
    async (request) => matchAchievement(request.ctx, request.params.achievementId, request.query.limit),
  );

  // --- Demands -------------------------------------------------------------------------------
  app.get(
    '/market/demands',
    route({ roles: 'any' }, { summary: 'Search open demands (Chinese full text, facets, highlighting)', querystring: DemandSearchQuery, response: DemandSearchPage }),
    async (request) => searchDemands(request.ctx, request.query),
  );

  app.get('/market/my-demands', route({ roles: 'any' }, { summary: "My organisations' demands, newest first", querystring: MyDemandsQuery, response: MyDemandsPage }), async (request) =>
    listMyDemands(request.ctx, request.query),
  );

  app.get('/market/demands/:demandId', route({ roles: 'any' }, { summary: 'One demand', params: DemandParams, response: DemandSchema }), async (request) =>
    getDemand(request.ctx, request.params.demandId),
  );

  app.patch('/market/demands/:demandId', route({ roles: DEMAND_ROLES }, { summary: 'Edit an open demand', params: DemandParams, body: UpdateDemandBody, response: DemandSchema }), async (request) =>
    updateDemand(request.ctx, request.params.demandId, request.body),
  );

  app.post(
    '/market/demands/:demandId/close',
    route({ roles: DEMAND_ROLES }, { summary: 'Close a demand (solved, or no longer needed)', params: DemandParams, body: CloseDemandBody, response: DemandSchema }),
    async (request) => closeDemand(request.ctx, request.params.demandId, request.body.reason),
  );

  app.post(
    '/market/demands/:demandId/feedback',
    route(
      { roles: 'any' },
      {
        summary: 'Feedback on one match of a demand: relevant, too early, benefit unclear, too expensive, other',
        params: DemandParams,
        body: FeedbackBody,
        response: FeedbackRecordedSchema,
        status: 201,
      },
    ),
    async (request, reply) => reply.status(201).send(await recordFeedback(request.ctx, request.params.demandId, request.body)),
  );

  app.get(
    '/market/demands/:demandId/feedback',
    route({ roles: 'any' }, { summary: "Feedback given on a demand's matches", params: DemandParams, querystring: FeedbackQuery, response: FeedbackPage }),
    async (request) => listFeedback(request.ctx, request.params.demandId, request.query),
  );

  // --- Listings ------------------------------------------------------------------------------
  app.get(
    '/market/achievements',
    // The market is a public catalogue (open to Shandong, China and abroad): only public listings are searched.
    route(
      { public: true },
      {
        summary: 'Search public listings: Chinese full text (pinyin- and typo-tolerant), filters, facets with counts, highlighting, paging',
        querystring: ListingSearchQuery,
        response: ListingSearchPage,
      },
    ),
    async (request) => searchListings(request.ctx, request.query),
  );

  app.get(
    '/market/achievements/:achievementId',
    route({ public: true }, { summary: "A listing's buyer-oriented page (public listings only); counts a view", params: AchievementParams, response: ListingSchema }),
    async (request) => {
      const listing = await getListing(request.ctx, request.params.achievementId);
      await recordView(request.ctx, request.params.achievementId);
      return listing;
    },
  );

  app.patch(
    '/market/achievements/:achievementId',
    route({ roles: OFFICE_ROLES }, { summary: "Office: a listing's indicators and expiry day (renewal)", params: AchievementParams, body: UpdateListingBody, response: ListingSchema }),
    async (request) => updateListing(request.ctx, request.params.achievementId, request.body),
  );

  app.get(
    '/market/achievements/:achievementId/funnel',
    route({ roles: 'any' }, { summary: "A listing's funnel: views → inquiries → NDAs → offers → deals (its office and platform staff)", params: AchievementParams, response: FunnelSchema }),
    async (request) => listingFunnel(request.ctx, request.params.achievementId),
  );

  // --- Synonym map ---------------------------------------------------------------------------
  app.get(
    '/market/synonyms',
    route({ roles: [...PLATFORM_ROLES, 'broker'] }, { summary: "The matcher's synonym map (firms' words → technical terms), with its version", querystring: SynonymQuery, response: SynonymMapSchema }),
    async (request) => listSynonyms(request.ctx, request.query.q),
  );

  app.put(
    '/market/synonyms',
    route({ roles: PLATFORM_ROLES }, { summary: 'Operator: set the technical terms of a firm word (replaces its seed entry), or disable it', body: PutSynonymBody, response: SynonymMapSchema }),
    async (request) => putSynonym(request.ctx, request.body),
  );

  app.delete(
    '/market/synonyms/:term',
    route({ roles: PLATFORM_ROLES }, { summary: 'Operator: undo the edits of a term (a seed entry returns as shipped)', params: SynonymParams, response: SynonymMapSchema }),
    async (request) => resetSynonym(request.ctx, request.params.term),
  );
};
