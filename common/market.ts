/**
 * The market (measure 10): constants shared by the server and the web app. Pure, no zod (the web
 * bundle imports it at run time; the API schemas are in common/api/market.ts).
 */
import { PLATFORM_ROLES, type Role } from './roles.js';

/** Limits of a demand's texts, named in the error a caller gets beyond them. */
export const DEMAND_LIMITS = { title: 100, description: 5000, context: 5000, targets: 2000 } as const;
/** A match list is a ranked top-N (`?limit=`), not a page: the best N of at most this many. */
export const MAX_MATCH_LIMIT = 100;
/** Who posts technical demands: firms, brokers for them, and the platform (operators, administrators). */
export const DEMAND_POSTER_ROLES = ['enterprise', 'broker', ...PLATFORM_ROLES] as const satisfies readonly Role[];

/** A firm's feedback on one match. */
export const VERDICTS = ['relevant', 'too_early', 'benefit_unclear', 'too_expensive', 'other'] as const;
export type Verdict = (typeof VERDICTS)[number];
/** Asking-price bands of the listing search's facet and filter. */
export const PRICE_BAND_KEYS = ['negotiable', 'lt100k', '100k_500k', '500k_1m', '1m_5m', 'gt5m'] as const;
/** Budget bands of the demand search's facet and filter. */
export const BUDGET_BAND_KEYS = ['none', 'lt100k', '100k_500k', '500k_1m', '1m_5m', 'gt5m'] as const;
