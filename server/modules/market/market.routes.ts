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
import { problemResponses } from '../../lib/schemas.js';
import { listingFunnel, getListing, recordView, updateListing } from './market.listings.js';
import { searchDemands, searchListings } from './market.search.js';
import { closeDemand, createDemand, DEMAND_ROLES, getDemand, listFeedback, listMyDemands, matchAchievement, matchDemand, recordFeedback, updateDemand } from './market.service.js';
import { listSynonyms, putSynonym, resetSynonym } from './market.synonyms.js';

const TAGS = ['market'];

export const marketRoutes: FastifyPluginAsyncZod = async (app) => {
  // --- The machine contract: demands in, explained matches out, both ways -------------------
  app.post(
    '/market/demands',
    {
      config: { access: { roles: DEMAND_ROLES } },
      schema: {
        tags: TAGS,
        summary: 'Post a technical demand (技术需求) in plain words; at least { title, description }. An Idempotency-Key makes a retry return the first demand',
        headers: z.object({ 'idempotency-key': z.string().max(200).optional() }).passthrough(),
        body: CreateDemandBody,
        response: { 201: DemandSchema, ...problemResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await createDemand(request.ctx, request.body, request.headers['idempotency-key'])),
  );

  app.get(
    '/market/demands/:demandId/matches',
    {
      config: { access: { roles: 'any' } },
      schema: {
        tags: TAGS,
        summary: 'Listings that answer a demand, best first, each with its explanation; noGoodMatch when the best is below the threshold',
        params: DemandParams,
        querystring: MatchLimitQuery,
        response: { 200: ListingMatchesSchema, ...problemResponses },
      },
    },
    async (request) => matchDemand(request.ctx, request.params.demandId, request.query.limit),
  );

  app.get(
    '/market/achievements/:achievementId/matches',
    {
      config: { access: { roles: 'any' } },
      schema: {
        tags: TAGS,
        summary: 'Open demands (that the caller may see) which an achievement answers, best first, with explanations',
        params: AchievementParams,
        querystring: MatchLimitQuery,
        response: { 200: DemandMatchesSchema, ...problemResponses },
      },
    },
    async (request) => matchAchievement(request.ctx, request.params.achievementId, request.query.limit),
  );

  // --- Demands -------------------------------------------------------------------------------
  app.get(
    '/market/demands',
    {
      config: { access: { roles: 'any' } },
      schema: {
        tags: TAGS,
        summary: 'Search open demands (Chinese full text, facets, highlighting)',
        querystring: DemandSearchQuery,
        response: { 200: DemandSearchPage, ...problemResponses },
      },
    },
    async (request) => searchDemands(request.ctx, request.query),
  );

  app.get(
    '/market/my-demands',
    {
      config: { access: { roles: 'any' } },
      schema: {
        tags: TAGS,
        summary: "My organisations' demands, newest first",
        querystring: MyDemandsQuery,
        response: { 200: MyDemandsPage, ...problemResponses },
      },
    },
    async (request) => listMyDemands(request.ctx, request.query),
  );

  app.get(
    '/market/demands/:demandId',
    {
      config: { access: { roles: 'any' } },
      schema: { tags: TAGS, summary: 'One demand', params: DemandParams, response: { 200: DemandSchema, ...problemResponses } },
    },
    async (request) => getDemand(request.ctx, request.params.demandId),
  );

  app.patch(
    '/market/demands/:demandId',
    {
      config: { access: { roles: DEMAND_ROLES } },
      schema: { tags: TAGS, summary: 'Edit an open demand', params: DemandParams, body: UpdateDemandBody, response: { 200: DemandSchema, ...problemResponses } },
    },
    async (request) => updateDemand(request.ctx, request.params.demandId, request.body),
  );

  app.post(
    '/market/demands/:demandId/close',
    {
      config: { access: { roles: DEMAND_ROLES } },
      schema: {
        tags: TAGS,
        summary: 'Close a demand (solved, or no longer needed)',
        params: DemandParams,
        body: CloseDemandBody,
        response: { 200: DemandSchema, ...problemResponses },
      },
    },
    async (request) => closeDemand(request.ctx, request.params.demandId, request.body.reason),
  );

  app.post(
    '/market/demands/:demandId/feedback',
    {
      config: { access: { roles: 'any' } },
      schema: {
        tags: TAGS,
        summary: 'Feedback on one match of a demand: relevant, too early, benefit unclear, too expensive, other',
        params: DemandParams,
        body: FeedbackBody,
        response: { 201: FeedbackRecordedSchema, ...problemResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await recordFeedback(request.ctx, request.params.demandId, request.body)),
  );

  app.get(
    '/market/demands/:demandId/feedback',
    {
      config: { access: { roles: 'any' } },
      schema: {
        tags: TAGS,
        summary: "Feedback given on a demand's matches",
        params: DemandParams,
        querystring: FeedbackQuery,
        response: { 200: FeedbackPage, ...problemResponses },
      },
    },
    async (request) => listFeedback(request.ctx, request.params.demandId, request.query),
  );

  // --- Listings ------------------------------------------------------------------------------
  app.get(
    '/market/achievements',
    {
      // The market is a public catalogue (open to Shandong, China and abroad): only public listings are searched.
      config: { access: { public: true } },
      schema: {
        tags: TAGS,
        summary: 'Search public listings: Chinese full text (pinyin- and typo-tolerant), filters, facets with counts, highlighting, paging',
        querystring: ListingSearchQuery,
        response: { 200: ListingSearchPage, ...problemResponses },
      },
    },
    async (request) => searchListings(request.ctx, request.query),
  );

  app.get(
    '/market/achievements/:achievementId',
    {
      config: { access: { public: true } },
      schema: { tags: TAGS, summary: "A listing's buyer-oriented page (public listings only); counts a view", params: AchievementParams, response: { 200: ListingSchema, ...problemResponses } },
    },
    async (request) => {
      const listing = await getListing(request.ctx, request.params.achievementId);
      await recordView(request.ctx, request.params.achievementId);
      return listing;
    },
  );

  app.patch(
    '/market/achievements/:achievementId',
    {
      config: { access: { roles: OFFICE_ROLES } },
      schema: {
        tags: TAGS,
        summary: "Office: a listing's indicators and expiry day (renewal)",
        params: AchievementParams,
        body: UpdateListingBody,
        response: { 200: ListingSchema, ...problemResponses },
      },
    },
    async (request) => updateListing(request.ctx, request.params.achievementId, request.body),
  );

  app.get(
    '/market/achievements/:achievementId/funnel',
    {
      config: { access: { roles: 'any' } },
      schema: {
        tags: TAGS,
        summary: "A listing's funnel: views → inquiries → NDAs → offers → deals (its office and platform staff)",
        params: AchievementParams,
        response: { 200: FunnelSchema, ...problemResponses },
      },
    },
    async (request) => listingFunnel(request.ctx, request.params.achievementId),
  );

  // --- Synonym map ---------------------------------------------------------------------------
  app.get(
    '/market/synonyms',
    {
      config: { access: { roles: [...PLATFORM_ROLES, 'broker'] } },
      schema: {
        tags: TAGS,
        summary: "The matcher's synonym map (firms' words → technical terms), with its version",
        querystring: SynonymQuery,
        response: { 200: SynonymMapSchema, ...problemResponses },
      },
    },
    async (request) => listSynonyms(request.ctx, request.query.q),
  );

  app.put(
    '/market/synonyms',
    {
      config: { access: { roles: PLATFORM_ROLES } },
      schema: {
        tags: TAGS,
        summary: 'Operator: set the technical terms of a firm word (replaces its seed entry), or disable it',
        body: PutSynonymBody,
        response: { 200: SynonymMapSchema, ...problemResponses },
      },
    },
    async (request) => putSynonym(request.ctx, request.body),
  );

  app.delete(
    '/market/synonyms/:term',
    {
      config: { access: { roles: PLATFORM_ROLES } },
      schema: {
        tags: TAGS,
        summary: "Operator: undo the edits of a term (a seed entry returns as shipped)",
        params: SynonymParams,
        response: { 200: SynonymMapSchema, ...problemResponses },
      },
    },
    async (request) => resetSynonym(request.ctx, request.params.term),
  );
};
