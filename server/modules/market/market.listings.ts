import type { Funnel, Listing, UpdateListingInput } from '../../../common/api/market.js';
import { addDays, businessDateOf, diffDays } from '../../../common/calendar.js';
import type { Queryable } from '../../db/client.js';
import { audit } from '../../lib/audit.js';
import { PLATFORM_ROLES } from '../../../common/roles.js';
import { type Ctx, hasRole, inTransaction, isOfficeOf } from '../../lib/context.js';
import { AppError, fieldError, notFound } from '../../lib/errors.js';
import type { JobHandler } from '../../lib/jobs.js';
import { getAchievement, listingRelation, PUBLIC_LISTING } from '../achievements/index.js';
import { notify } from '../notifications/index.js';
import { peopleHolding } from '../orgs/index.js';

/**
 * Listings: public achievements seen by buyers. What the listing adds to the ledger record —
 * indicators, an expiry day (default one year after publication; the office renews it), view
 * counts — lives in this module's tables keyed by achievement id.
 */

export const LISTING_DAYS = 365;
export const EXPIRY_QUEUE = 'market.listing-expiry';
/** Remind the office this many days before a listing expires, each threshold once. */
export const EXPIRY_THRESHOLDS = [30, 7] as const;

interface ExtraRow {
  indicators: { name: string; value: string; unit?: string }[];
  expires_on: string | null;
}

const expiryOf = (publishedAt: Date | null, explicit: string | null): string | null => explicit ?? (publishedAt ? addDays(businessDateOf(publishedAt), LISTING_DAYS) : null);

/** The buyer-oriented page of a public listing; 404 for anything not public. */
export async function getListing(ctx: Ctx, id: string): Promise<Listing> {
  const a = await getAchievement(ctx, id).catch((e: unknown) => {
    if (e instanceof AppError && e.code === 'NOT_FOUND') return null;
    throw e;
  });
  if (a?.visibility !== 'public' || a.status === 'withdrawn') throw notFound('listing', id);
  const { rows: extra } = await ctx.db.query<ExtraRow>(`select indicators, to_char(expires_on, 'YYYY-MM-DD') as expires_on from market_listings where achievement_id = $1`, [id]);
  const { rows: org } = await ctx.db.query<{ district: string | null }>('select district from organisations where id = $1', [a.organisationId]);
  const { rows: views } = await ctx.db.query<{ n: number }>('select coalesce(sum(views), 0)::int as n from market_listing_views where achievement_id = $1', [id]);
  const expiresOn = expiryOf(a.publishedAt ? new Date(a.publishedAt) : null, extra[0]?.expires_on ?? null);
  return {
    achievementId: a.id,
    number: a.number,
    title: a.title,
    titleEn: a.titleEn,
    summary: a.summary,
    summaryEn: a.summaryEn,
    problem: a.problem,
    benefit: a.benefit,
    keywords: a.keywords,
    fieldCode: a.fieldCode,
    subfieldCode: a.subfieldCode,
    trl: a.trl,
    ipType: a.ipType,
    ipNumbers: a.ipNumbers,
    ipStatus: a.ipStatus,
    cooperationModes: a.cooperationModes,
    askingPrice: a.askingPrice,
    priceNegotiable: a.askingPrice == null,
    holder: { organisationId: a.organisationId, name: a.organisationName, district: org[0]?.district ?? null },
    completerNames: a.completers.map((c) => c.name),
    indicators: extra[0]?.indicators ?? [],
    publishedAt: a.publishedAt,
    expiresOn,
    expired: expiresOn != null && expiresOn < businessDateOf(ctx.now),
    views: views[0]!.n,
    canEdit: isOfficeOf(ctx.actor, a.organisationId),
  };
}

/** One view of a listing page, counted per day. */
export async function recordView(ctx: Ctx, id: string) {
  await ctx.db.query(
    `insert into market_listing_views (achievement_id, day, views) values ($1, $2, 1)
     on conflict (achievement_id, day) do update set views = market_listing_views.views + 1`,
    [id, businessDateOf(ctx.now)],
  );
}

export async function updateListing(ctx: Ctx, id: string, input: UpdateListingInput): Promise<Listing> {
  const before = await getListing(ctx, id);
  // Another institution's office acts on no listing but its own: the listing is not theirs (404).
  if (!isOfficeOf(ctx.actor, before.holder.organisationId)) throw notFound('listing', id);
  const today = businessDateOf(ctx.now);
  if (input.expiresOn && input.expiresOn <= today) throw fieldError('body.expiresOn', `挂牌截止日须晚于今天（${today}）`, `the expiry day must be after today (${today})`);
  if (input.expiresOn && diffDays(today, input.expiresOn) > 3 * 366) throw fieldError('body.expiresOn', '挂牌期最长三年，到期可再续', 'a listing runs at most three years; renew it when it ends');
  await inTransaction(ctx, async (tx) => {
    await tx.db.query(
      `insert into market_listings (achievement_id, indicators, expires_on, updated_by, updated_at) values ($1, $2, $3, $4, $5)
       on conflict (achievement_id) do update set indicators = coalesce($6, market_listings.indicators),
         expires_on = case when $7::boolean then excluded.expires_on else market_listings.expires_on end,
         reminded_for = case when $7::boolean then null else market_listings.reminded_for end,
         updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
      [
        id,
        JSON.stringify(input.indicators ?? []),
        input.expiresOn ?? null,
        ctx.actor?.userId ?? null,
        tx.now,
        input.indicators ? JSON.stringify(input.indicators) : null,
        input.expiresOn !== undefined,
      ],
    );
    await audit(tx, {
      action: 'market.listing.update',
      entity: 'achievement',
      entityId: id,
      organisationId: before.holder.organisationId,
      before: { indicators: before.indicators, expiresOn: before.expiresOn },
      after: input,
    });
  });
  return getListing(ctx, id);
}

// ---------------------------------------------------------------------------------------------
// Funnel: views → inquiries → NDAs → offers → deals
// ---------------------------------------------------------------------------------------------

export type FunnelStage = 'inquiries' | 'ndas' | 'offers' | 'deals';
export type FunnelSource = { name: string; count: (db: Queryable, achievementId: string) => Promise<Partial<Record<FunnelStage, number>>> };
const funnelSources: FunnelSource[] = [];

/**
 * Other modules (the deal room: inquiries, NDAs, offers; contracts: deals) register how many of
 * their stages a listing reached. Without a source a stage counts 0.
 */
export function registerFunnelSource(source: FunnelSource): void {
  const i = funnelSources.findIndex((s) => s.name === source.name);
  if (i >= 0) funnelSources[i] = source;
  else funnelSources.push(source);
}

export async function listingFunnel(ctx: Ctx, id: string): Promise<Funnel> {
  const a = await getAchievement(ctx, id);
  if (!isOfficeOf(ctx.actor, a.organisationId) && !hasRole(ctx.actor, ...PLATFORM_ROLES, 'bureau')) throw notFound('listing', id);
  const { rows } = await ctx.db.query<{ n: number }>('select coalesce(sum(views), 0)::int as n from market_listing_views where achievement_id = $1', [id]);
  const out = { achievementId: id, views: rows[0]!.n, inquiries: 0, ndas: 0, offers: 0, deals: 0, sources: ['market_listing_views'] };
  for (const s of funnelSources) {
    const counts = await s.count(ctx.db, id);
    for (const k of ['inquiries', 'ndas', 'offers', 'deals'] as const) out[k] += counts[k] ?? 0;
    out.sources.push(s.name);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Expiry reminders (daily job)
// ---------------------------------------------------------------------------------------------

/** Which threshold a listing expiring on `expiresOn` has reached today, if any (the tightest). Pure. */
export function expiryThresholdDue(expiresOn: string, today: string, thresholds: readonly number[] = EXPIRY_THRESHOLDS): number | null {
  const left = diffDays(today, expiresOn);
  if (left < 0) return null;
  return [...thresholds].sort((a, b) => a - b).find((t) => left <= t) ?? null;
}

/** Notifies the holder's tech-transfer officers before a listing expires; returns reminders sent. */
export async function remindExpiringListings(db: Queryable, now: Date): Promise<number> {
  const today = businessDateOf(now);
  const horizon = addDays(today, Math.max(...EXPIRY_THRESHOLDS));
  const { rows } = await db.query<{ id: string; number: string; title: string; organisation_id: string; expires_on: string; reminded_for: string | null }>(
    `select a.id, a.number, a.title, a.organisation_id, to_char(x.expires_on, 'YYYY-MM-DD') as expires_on, ml.reminded_for
       from ${listingRelation()}
       left join market_listings ml on ml.achievement_id = a.id
       cross join lateral (select coalesce(ml.expires_on, (a.published_at at time zone 'Asia/Shanghai')::date + ${LISTING_DAYS}) as expires_on) x
      where ${PUBLIC_LISTING} and x.expires_on between $1::date and $2::date`,
    [today, horizon],
  );
  let sent = 0;
  for (const r of rows) {
    const threshold = expiryThresholdDue(r.expires_on, today);
    if (threshold == null) continue;
    const key = `${r.expires_on}:${threshold}`;
    if (r.reminded_for === key) continue;
    const officers = await peopleHolding(db, ['tto_officer'], r.organisation_id);
    const left = diffDays(today, r.expires_on);
    const posted = await notify(
      { db, now },
      officers.map((o) => o.userId),
      {
        kind: 'market.listing-expiring',
        titleZh: `挂牌成果“${r.title}”（${r.number}）将于 ${r.expires_on} 到期，还有 ${left} 天`,
        titleEn: `The listing "${r.title}" (${r.number}) expires on ${r.expires_on}, in ${left} days`,
        bodyZh: '到期后该成果不再出现在大市场检索和匹配中。如需继续挂牌，请在挂牌页续期。',
        bodyEn: 'After that day it no longer appears in market search and matching. Renew it on the listing page to keep it listed.',
        link: `/market/listings/${r.id}`,
        dedupeKey: `listing-expiry:${r.id}:${key}`,
      },
    );
    await db.query(
      `insert into market_listings (achievement_id, reminded_for, updated_at) values ($1, $2, $3)
       on conflict (achievement_id) do update set reminded_for = excluded.reminded_for`,
      [r.id, key, now],
    );
    if (posted > 0) sent++;
  }
  return sent;
}

export const expiryJobHandler: JobHandler = async (_payload, job) => {
  await remindExpiringListings(job.db, job.now);
};
