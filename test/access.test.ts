import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../common/roles.js';
import { ACCESS_KEYS, routeKey } from '../server/plugins/access.js';
import { type TestClient, setupTestContext } from './helpers/app.js';

/**
 * The authorization contract, written independently of the routes' own declarations:
 * every operation of the OpenAPI document, who may call it, and for organisation routes
 * whether the caller's own organisation or any organisation.
 * - 'public': anyone; 'any': any signed-in caller; Role[]: those roles;
 * - { own, global }: the route names an organisation; `own` roles may call it for their own
 *   organisation, `global` roles for every organisation.
 * A new route must be added here (and its policy declared on the route), or this test fails.
 */
type Expectation = 'public' | 'any' | readonly Role[] | { own: readonly Role[] | 'any'; global: readonly Role[] };

const EXPECTED: Record<string, Expectation> = {
  'GET /healthz': 'public',
  'GET /readyz': 'public',
  'GET /metrics': 'public',
  'POST /api/v1/auth/login': 'public',
  'POST /api/v1/auth/logout': 'any',
  'POST /api/v1/auth/password': 'any',
  'GET /api/v1/me': 'any',
  'GET /api/v1/home': 'any',
  'GET /api/v1/tokens': ['admin', 'org_admin'],
  'POST /api/v1/tokens': ['admin', 'org_admin'],
  'POST /api/v1/tokens/{tokenId}/revoke': ['admin', 'org_admin'],
  'GET /api/v1/orgs': 'any',
  'POST /api/v1/orgs': ['admin'],
  'GET /api/v1/orgs/{orgId}': { own: 'any', global: ['admin', 'operator', 'bureau'] },
  'PATCH /api/v1/orgs/{orgId}': { own: ['org_admin', 'admin'], global: ['admin'] },
  'GET /api/v1/orgs/{orgId}/members': { own: ['org_admin', 'admin'], global: ['admin'] },
  'POST /api/v1/orgs/{orgId}/members': { own: ['org_admin', 'admin'], global: ['admin'] },
  'DELETE /api/v1/orgs/{orgId}/members/{membershipId}': { own: ['org_admin', 'admin'], global: ['admin'] },
  'GET /api/v1/users': ['admin'],
  'POST /api/v1/users': ['admin'],
  'PATCH /api/v1/users/{userId}': ['admin'],
  'GET /api/v1/districts': 'public',
  'GET /api/v1/taxonomy/fields': 'public',
  'POST /api/v1/ledger/verify': ['admin', 'bureau'],
  'GET /api/v1/audit': ['admin', 'bureau'],
  'GET /api/v1/notifications': 'any',
  'GET /api/v1/notifications/unread-count': 'any',
  'POST /api/v1/notifications/{notificationId}/read': 'any',
  'POST /api/v1/notifications/read-all': 'any',
  'GET /api/v1/calendar/overrides': 'any',
  'PUT /api/v1/calendar/overrides/{day}': ['admin'],
  'DELETE /api/v1/calendar/overrides/{day}': ['admin'],
  'GET /api/v1/calendar/days/{day}': 'public',
  // achievements (measure 1): the ledger
  'GET /api/v1/orgs/{orgId}/achievements': { own: ['researcher', 'tto_officer', 'org_admin', 'admin'], global: ['admin'] },
  'POST /api/v1/orgs/{orgId}/achievements': { own: ['researcher', 'tto_officer', 'org_admin'], global: [] },
  'GET /api/v1/orgs/{orgId}/achievements/saved-filters': { own: ['researcher', 'tto_officer', 'org_admin', 'admin'], global: ['admin'] },
  'POST /api/v1/orgs/{orgId}/achievements/saved-filters': { own: ['researcher', 'tto_officer', 'org_admin', 'admin'], global: ['admin'] },
  'DELETE /api/v1/orgs/{orgId}/achievements/saved-filters/{filterId}': { own: ['researcher', 'tto_officer', 'org_admin', 'admin'], global: ['admin'] },
  'GET /api/v1/achievements/{achievementId}': 'any',
  'PATCH /api/v1/achievements/{achievementId}': ['researcher', 'tto_officer', 'org_admin', 'admin'],
  'POST /api/v1/achievements/{achievementId}/submit': ['researcher', 'tto_officer', 'org_admin', 'admin'],
  'POST /api/v1/achievements/{achievementId}/withdraw': ['researcher', 'tto_officer', 'org_admin', 'admin'],
  'POST /api/v1/achievements/{achievementId}/accept': ['tto_officer', 'org_admin', 'admin'],
  'POST /api/v1/achievements/{achievementId}/return': ['tto_officer', 'org_admin', 'admin'],
  'POST /api/v1/achievements/{achievementId}/assess': ['tto_officer', 'org_admin', 'admin'],
  'POST /api/v1/achievements/{achievementId}/protect': ['tto_officer', 'org_admin', 'admin'],
  'POST /api/v1/achievements/{achievementId}/price': ['tto_officer', 'org_admin', 'admin'],
  'POST /api/v1/achievements/{achievementId}/publicity': ['tto_officer', 'org_admin', 'admin'],
  'POST /api/v1/achievements/{achievementId}/publicity/cancel': ['tto_officer', 'org_admin', 'admin'],
  'POST /api/v1/achievements/{achievementId}/decide': ['tto_officer', 'org_admin', 'admin'],
  'POST /api/v1/achievements/{achievementId}/complete': ['tto_officer', 'org_admin', 'admin'],
  'POST /api/v1/achievements/{achievementId}/reopen': ['tto_officer', 'org_admin', 'admin'],
  'POST /api/v1/achievements/{achievementId}/dispose': ['tto_officer', 'org_admin', 'admin'],
  'POST /api/v1/achievements/{achievementId}/publish': ['tto_officer', 'org_admin', 'admin'],
  'POST /api/v1/achievements/{achievementId}/unpublish': ['tto_officer', 'org_admin', 'admin'],
  'GET /api/v1/achievements/{achievementId}/publicity': 'any',
  'POST /api/v1/achievements/{achievementId}/objections': ['researcher', 'tto_officer', 'org_admin'],
  'POST /api/v1/achievements/{achievementId}/objections/{objectionId}/resolve': ['tto_officer', 'org_admin', 'admin'],
  'GET /api/v1/achievements/{achievementId}/timeline': 'any',
  'GET /api/v1/achievements/{achievementId}/attachments': 'any',
  'POST /api/v1/achievements/{achievementId}/attachments': ['researcher', 'tto_officer', 'org_admin', 'admin'],
  'GET /api/v1/achievements/{achievementId}/attachments/{attachmentId}': 'any',
  // achievements: imports, exports, equity, reports (added with their routes)
  'GET /api/v1/orgs/{orgId}/equity/holdings': { own: ['tto_officer', 'org_admin', 'admin'], global: ['admin'] },
  'POST /api/v1/orgs/{orgId}/equity/holdings': { own: ['tto_officer', 'org_admin', 'admin'], global: ['admin'] },
  'GET /api/v1/orgs/{orgId}/equity/holdings/{holdingId}': { own: ['tto_officer', 'org_admin', 'admin'], global: ['admin'] },
  'POST /api/v1/orgs/{orgId}/equity/holdings/{holdingId}/disposals': { own: ['tto_officer', 'org_admin', 'admin'], global: ['admin'] },
  'GET /api/v1/orgs/{orgId}/equity/preservation': { own: ['tto_officer', 'org_admin', 'admin', 'bureau'], global: ['admin', 'bureau'] },
  'GET /api/v1/orgs/{orgId}/reports/annual': { own: ['tto_officer', 'org_admin', 'admin', 'bureau'], global: ['admin', 'bureau'] },
  'GET /api/v1/orgs/{orgId}/reports/annual.xlsx': { own: ['tto_officer', 'org_admin', 'admin', 'bureau'], global: ['admin', 'bureau'] },
  'GET /api/v1/orgs/{orgId}/reports/annual.pdf': { own: ['tto_officer', 'org_admin', 'admin', 'bureau'], global: ['admin', 'bureau'] },
  'GET /api/v1/orgs/{orgId}/achievements/annuities': { own: ['tto_officer', 'org_admin', 'admin'], global: ['admin'] },
  'POST /api/v1/orgs/{orgId}/achievements/imports': { own: ['tto_officer', 'org_admin', 'admin'], global: ['admin'] },
  'GET /api/v1/orgs/{orgId}/achievements/imports': { own: ['tto_officer', 'org_admin', 'admin'], global: ['admin'] },
  'GET /api/v1/orgs/{orgId}/achievements/imports/{importId}': { own: ['tto_officer', 'org_admin', 'admin'], global: ['admin'] },
  'GET /api/v1/orgs/{orgId}/achievements/export': { own: ['tto_officer', 'org_admin', 'admin'], global: ['admin'] },
  // contracts (measure 4 and every deal)
  'GET /api/v1/contracts': ['tto_officer', 'org_admin', 'enterprise', 'admin'],
  'POST /api/v1/orgs/{orgId}/contracts': { own: ['tto_officer', 'org_admin', 'admin'], global: ['admin'] },
  'POST /api/v1/achievements/{achievementId}/licence-applications': ['enterprise'],
  'GET /api/v1/contracts/{contractId}': ['tto_officer', 'org_admin', 'enterprise', 'admin'],
  'PUT /api/v1/contracts/{contractId}/plan': ['tto_officer', 'org_admin', 'admin'],
  'POST /api/v1/contracts/{contractId}/sign': ['tto_officer', 'org_admin', 'enterprise', 'admin'],
  'POST /api/v1/contracts/{contractId}/activate': ['tto_officer', 'org_admin', 'admin'],
  'GET /api/v1/contracts/{contractId}/registration-check': ['tto_officer', 'org_admin', 'enterprise', 'admin'],
  'POST /api/v1/contracts/{contractId}/registration': ['tto_officer', 'org_admin', 'admin'],
  'POST /api/v1/contracts/{contractId}/signed-scan': ['tto_officer', 'org_admin', 'admin'],
  'POST /api/v1/contracts/{contractId}/events': ['tto_officer', 'org_admin', 'enterprise', 'admin'],
  'POST /api/v1/contracts/{contractId}/revenue-reports': ['tto_officer', 'org_admin', 'enterprise', 'admin'],
  'POST /api/v1/contracts/{contractId}/exit': ['enterprise', 'org_admin'],
  'POST /api/v1/contracts/{contractId}/terminate': ['tto_officer', 'org_admin', 'admin'],
  'POST /api/v1/contracts/{contractId}/complete': ['tto_officer', 'org_admin', 'admin'],
  'POST /api/v1/contracts/{contractId}/payments': ['tto_officer', 'org_admin', 'admin'],
  'POST /api/v1/contracts/{contractId}/refunds': ['tto_officer', 'org_admin', 'admin'],
  'GET /api/v1/contracts/{contractId}/statement': ['tto_officer', 'org_admin', 'enterprise', 'admin'],
  'GET /api/v1/orgs/{orgId}/contracts/statement': { own: ['tto_officer', 'org_admin', 'enterprise', 'admin'], global: ['admin'] },
  'GET /api/v1/contracts/{contractId}/guarantees': ['tto_officer', 'org_admin', 'enterprise', 'admin'],
  'POST /api/v1/contracts/{contractId}/guarantees': ['tto_officer', 'org_admin', 'admin'],
  'POST /api/v1/contracts/{contractId}/guarantees/{guaranteeId}/claims': ['tto_officer', 'org_admin', 'admin'],
  'GET /api/v1/contracts/{contractId}/timeline': ['tto_officer', 'org_admin', 'enterprise', 'admin'],
  'GET /api/v1/contracts/{contractId}/draft.pdf': ['tto_officer', 'org_admin', 'enterprise', 'admin'],
  // distribution (measures 2 and 3, the law's reward floors)
  'GET /api/v1/orgs/{orgId}/distribution-policies': { own: ['tto_officer', 'org_admin', 'admin', 'bureau'], global: ['admin', 'bureau'] },
  'POST /api/v1/orgs/{orgId}/distribution-policies': { own: ['tto_officer', 'org_admin', 'admin'], global: ['admin'] },
  'GET /api/v1/distribution-policies': ['bureau', 'admin'],
  'GET /api/v1/orgs/{orgId}/distributions': { own: ['tto_officer', 'org_admin', 'admin', 'bureau'], global: ['admin', 'bureau'] },
  'GET /api/v1/distributions/{distributionId}': ['tto_officer', 'org_admin', 'admin', 'researcher', 'bureau'],
  'PATCH /api/v1/distributions/{distributionId}': ['tto_officer', 'org_admin', 'admin'],
  'POST /api/v1/distributions/{distributionId}/approve': ['tto_officer', 'org_admin', 'admin'],
  'POST /api/v1/distributions/{distributionId}/publicity': ['tto_officer', 'org_admin', 'admin'],
  'POST /api/v1/distributions/{distributionId}/confirm': ['tto_officer', 'org_admin', 'admin'],
  'POST /api/v1/distributions/{distributionId}/objections': 'any',
  'POST /api/v1/distributions/{distributionId}/objections/{objectionId}/resolve': ['tto_officer', 'org_admin', 'admin'],
  'POST /api/v1/distributions/{distributionId}/payments': ['tto_officer', 'org_admin', 'admin'],
  'GET /api/v1/distributions/{distributionId}/timeline': ['tto_officer', 'org_admin', 'admin', 'researcher', 'bureau'],
  'GET /api/v1/distributions/{distributionId}/notice': 'any',
  'GET /api/v1/orgs/{orgId}/reward-payroll': { own: ['tto_officer', 'org_admin', 'admin'], global: ['admin'] },
  'GET /api/v1/orgs/{orgId}/reward-payroll.xlsx': { own: ['tto_officer', 'org_admin', 'admin'], global: ['admin'] },
  'GET /api/v1/me/rewards': 'any',
  'GET /api/v1/me/rewards/statement.pdf': 'any',
  'GET /api/v1/orgs/{orgId}/equity/holdings/{holdingId}/rewards': { own: ['tto_officer', 'org_admin', 'admin'], global: ['admin'] },
  'POST /api/v1/orgs/{orgId}/equity/holdings/{holdingId}/rewards': { own: ['tto_officer', 'org_admin', 'admin'], global: ['admin'] },
  // projects (measure 3): contract-research surplus
  'GET /api/v1/projects': ['researcher', 'tto_officer', 'org_admin', 'bureau', 'admin'],
  'POST /api/v1/orgs/{orgId}/projects': { own: ['tto_officer', 'org_admin', 'admin'], global: ['admin'] },
  'GET /api/v1/projects/{projectId}': ['researcher', 'tto_officer', 'org_admin', 'bureau', 'admin'],
  'POST /api/v1/projects/{projectId}/receipts': ['tto_officer', 'org_admin', 'admin'],
  'POST /api/v1/projects/{projectId}/costs': ['tto_officer', 'org_admin', 'admin'],
  'POST /api/v1/projects/{projectId}/acceptance': ['tto_officer', 'org_admin', 'admin'],
  'POST /api/v1/projects/{projectId}/allocation/preview': ['tto_officer', 'org_admin', 'admin'],
  'POST /api/v1/projects/{projectId}/allocation': ['tto_officer', 'org_admin', 'admin'],
  'GET /api/v1/projects/{projectId}/timeline': ['researcher', 'tto_officer', 'org_admin', 'bureau', 'admin'],
  // evaluation (measure 10: TRL, 五元价值, valuation by GB/T 39057-2020, report)
  'GET /api/v1/evaluations': ['tto_officer', 'org_admin', 'operator', 'broker', 'admin', 'bureau'],
  'POST /api/v1/evaluations/preview': ['tto_officer', 'org_admin', 'operator', 'broker', 'admin', 'bureau'],
  'GET /api/v1/achievements/{achievementId}/evaluations': ['tto_officer', 'org_admin', 'operator', 'broker', 'admin', 'bureau'],
  'POST /api/v1/achievements/{achievementId}/evaluations': ['tto_officer', 'org_admin', 'operator', 'broker', 'admin'],
  'GET /api/v1/evaluations/{evaluationId}': ['tto_officer', 'org_admin', 'operator', 'broker', 'admin', 'bureau'],
  'PUT /api/v1/evaluations/{evaluationId}': ['tto_officer', 'org_admin', 'operator', 'broker', 'admin'],
  'DELETE /api/v1/evaluations/{evaluationId}': ['tto_officer', 'org_admin', 'operator', 'broker', 'admin'],
  'POST /api/v1/evaluations/{evaluationId}/finalise': ['tto_officer', 'org_admin', 'operator', 'broker', 'admin'],
  'POST /api/v1/evaluations/{evaluationId}/versions': ['tto_officer', 'org_admin', 'operator', 'broker', 'admin'],
  'GET /api/v1/evaluations/{evaluationId}/timeline': ['tto_officer', 'org_admin', 'operator', 'broker', 'admin', 'bureau'],
  'GET /api/v1/evaluations/{evaluationId}/report.pdf': ['tto_officer', 'org_admin', 'operator', 'broker', 'admin', 'bureau'],
  // deals (measure 10): inquiries and the deal room
  'POST /api/v1/achievements/{achievementId}/inquiries': ['enterprise'],
  'GET /api/v1/deal-rooms': ['enterprise', 'tto_officer', 'org_admin', 'admin'],
  'GET /api/v1/deal-rooms/{roomId}': ['enterprise', 'tto_officer', 'org_admin', 'admin'],
  'GET /api/v1/deal-rooms/{roomId}/messages': ['enterprise', 'tto_officer', 'org_admin', 'admin'],
  'GET /api/v1/deal-rooms/{roomId}/pack-access': ['enterprise', 'tto_officer', 'org_admin', 'admin'],
  'POST /api/v1/deal-rooms/{roomId}/nda': ['enterprise'],
  'GET /api/v1/deal-rooms/{roomId}/pack/{fileId}': ['enterprise', 'tto_officer', 'org_admin', 'admin'],
  'POST /api/v1/deal-rooms/{roomId}/messages': ['enterprise', 'tto_officer', 'org_admin', 'admin'],
  'POST /api/v1/deal-rooms/{roomId}/offers': ['enterprise', 'tto_officer', 'org_admin', 'admin'],
  'POST /api/v1/deal-rooms/{roomId}/offers/{offerId}/counter': ['enterprise', 'tto_officer', 'org_admin', 'admin'],
  'POST /api/v1/deal-rooms/{roomId}/offers/{offerId}/accept': ['enterprise', 'tto_officer', 'org_admin', 'admin'],
  'POST /api/v1/deal-rooms/{roomId}/offers/{offerId}/decline': ['enterprise', 'tto_officer', 'org_admin', 'admin'],
  'GET /api/v1/achievements/{achievementId}/deal-pack': ['tto_officer', 'org_admin', 'admin'],
  'POST /api/v1/achievements/{achievementId}/deal-pack': ['tto_officer', 'org_admin', 'admin'],
  // auctions (measure 10): listing with publicity and English auctions
  'GET /api/v1/auctions': 'any',
  'POST /api/v1/achievements/{achievementId}/auctions': ['tto_officer', 'org_admin', 'operator', 'admin'],
  'GET /api/v1/auctions/{auctionId}': 'any',
  'GET /api/v1/auctions/{auctionId}/bids': 'any',
  'POST /api/v1/auctions/{auctionId}/deposits': ['tto_officer', 'org_admin', 'operator', 'admin'],
  'POST /api/v1/auctions/{auctionId}/bids': ['enterprise'],
  'POST /api/v1/auctions/{auctionId}/close': ['tto_officer', 'org_admin', 'operator', 'admin'],
  'POST /api/v1/auctions/{auctionId}/cancel': ['tto_officer', 'org_admin', 'operator', 'admin'],
  // rights (measure 2): ownership grants, agreed proceeds, rectification of past spin-offs
  'GET /api/v1/orgs/{orgId}/rights/policies': { own: ['researcher', 'tto_officer', 'org_admin', 'admin', 'bureau'], global: ['admin', 'bureau'] },
  'POST /api/v1/orgs/{orgId}/rights/policies': { own: ['tto_officer', 'org_admin', 'admin'], global: ['admin'] },
  'GET /api/v1/rights/policies': ['bureau', 'admin'],
  'GET /api/v1/orgs/{orgId}/rights/grants': { own: ['researcher', 'tto_officer', 'org_admin', 'admin', 'bureau'], global: ['admin', 'bureau'] },
  'POST /api/v1/orgs/{orgId}/rights/grants': { own: ['researcher', 'tto_officer', 'org_admin'], global: [] },
  'GET /api/v1/rights/grants/{grantId}': ['researcher', 'tto_officer', 'org_admin', 'admin', 'bureau'],
  'POST /api/v1/rights/grants/{grantId}/resubmit': ['researcher', 'tto_officer', 'org_admin'],
  'POST /api/v1/rights/grants/{grantId}/withdraw': ['researcher', 'tto_officer', 'org_admin'],
  'POST /api/v1/rights/grants/{grantId}/department-check': ['tto_officer', 'org_admin', 'admin'],
  'POST /api/v1/rights/grants/{grantId}/department-return': ['tto_officer', 'org_admin', 'admin'],
  'POST /api/v1/rights/grants/{grantId}/office-review': ['tto_officer', 'org_admin', 'admin'],
  'POST /api/v1/rights/grants/{grantId}/office-return': ['tto_officer', 'org_admin', 'admin'],
  'POST /api/v1/rights/grants/{grantId}/reject': ['tto_officer', 'org_admin', 'admin'],
  'POST /api/v1/rights/grants/{grantId}/approve': ['org_admin', 'admin'],
  'POST /api/v1/rights/grants/{grantId}/agreement': ['tto_officer', 'org_admin', 'admin'],
  'POST /api/v1/rights/grants/{grantId}/record-change': ['tto_officer', 'org_admin', 'admin'],
  'POST /api/v1/rights/grants/{grantId}/objections': ['researcher', 'tto_officer', 'org_admin'],
  'POST /api/v1/rights/grants/{grantId}/objections/{objectionId}/resolve': ['tto_officer', 'org_admin', 'admin'],
  'GET /api/v1/rights/grants/{grantId}/timeline': ['researcher', 'tto_officer', 'org_admin', 'admin', 'bureau'],
  'GET /api/v1/rights/grants/{grantId}/agreement.pdf': ['researcher', 'tto_officer', 'org_admin', 'admin', 'bureau'],
  'GET /api/v1/orgs/{orgId}/agreed-proceeds': { own: ['tto_officer', 'org_admin', 'admin', 'bureau'], global: ['admin', 'bureau'] },
  'POST /api/v1/orgs/{orgId}/agreed-proceeds': { own: ['tto_officer', 'org_admin', 'admin'], global: ['admin'] },
  'GET /api/v1/agreed-proceeds/{agreementId}': ['tto_officer', 'org_admin', 'admin', 'bureau'],
  'POST /api/v1/orgs/{orgId}/agreed-proceeds/corporate-events': { own: ['tto_officer', 'org_admin', 'admin'], global: ['admin'] },
  'GET /api/v1/orgs/{orgId}/rectification-cases': { own: ['tto_officer', 'org_admin', 'admin', 'bureau'], global: ['admin', 'bureau'] },
  'POST /api/v1/orgs/{orgId}/rectification-cases': { own: ['tto_officer', 'org_admin', 'admin'], global: ['admin'] },
  'GET /api/v1/rectification-cases/{caseId}': ['tto_officer', 'org_admin', 'admin', 'bureau'],
  'POST /api/v1/rectification-cases/{caseId}/decision': ['tto_officer', 'org_admin', 'admin'],
  'GET /api/v1/rectification-cases/{caseId}/decision-document': ['tto_officer', 'org_admin', 'admin', 'bureau'],
  'POST /api/v1/rectification-cases/{caseId}/arrangement': ['tto_officer', 'org_admin', 'admin'],
  'GET /api/v1/rectification-cases/{caseId}/timeline': ['tto_officer', 'org_admin', 'admin', 'bureau'],
  // market (measure 10): demands and matching (the machine contract), search, listings, synonyms.
  // Listings search and pages are public: the market is a public catalogue and returns only public listings.
  'POST /api/v1/market/demands': ['enterprise', 'broker', 'operator', 'admin'],
  'GET /api/v1/market/demands': 'any',
  'GET /api/v1/market/my-demands': 'any',
  'GET /api/v1/market/demands/{demandId}': 'any',
  'PATCH /api/v1/market/demands/{demandId}': ['enterprise', 'broker', 'operator', 'admin'],
  'POST /api/v1/market/demands/{demandId}/close': ['enterprise', 'broker', 'operator', 'admin'],
  'GET /api/v1/market/demands/{demandId}/matches': 'any',
  'POST /api/v1/market/demands/{demandId}/feedback': 'any',
  'GET /api/v1/market/demands/{demandId}/feedback': 'any',
  'GET /api/v1/market/achievements': 'public',
  'GET /api/v1/market/achievements/{achievementId}': 'public',
  'PATCH /api/v1/market/achievements/{achievementId}': ['tto_officer', 'org_admin', 'admin'],
  'GET /api/v1/market/achievements/{achievementId}/matches': 'any',
  'GET /api/v1/market/achievements/{achievementId}/funnel': 'any',
  'GET /api/v1/market/synonyms': ['operator', 'admin', 'broker'],
  'PUT /api/v1/market/synonyms': ['operator', 'admin'],
  'DELETE /api/v1/market/synonyms/{term}': ['operator', 'admin'],
};

const t = setupTestContext();

type Case = { method: string; path: string; key: string };

function operations(doc: { paths: Record<string, Record<string, unknown>> }): Case[] {
  const cases: Case[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of Object.keys(item)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      cases.push({ method: method.toUpperCase(), path, key: `${method.toUpperCase()} ${path}` });
    }
  }
  // Logging out ends the session used for the other calls: do it last.
  return cases.sort((a, b) => Number(a.path.endsWith('/logout')) - Number(b.path.endsWith('/logout')));
}

function fillPath(path: string, orgId: string): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (name === 'orgId') return orgId;
    if (name === 'day') return '2026-12-01';
    if (name === 'stream') return 'test-stream';
    return crypto.randomUUID();
  });
}

function expectedStatus(exp: Expectation, role: Role | null, ownOrg: boolean): 'allowed' | 401 | 403 | 404 {
  if (exp === 'public') return 'allowed';
  if (role === null) return 401;
  if (exp === 'any') return 'allowed';
  if (Array.isArray(exp)) return exp.includes(role) ? 'allowed' : 403;
  const org = exp as Exclude<Expectation, 'public' | 'any' | readonly Role[]>;
  if (org.global.includes(role)) return 'allowed';
  const holdsRoles = org.own === 'any' || org.own.includes(role);
  // Holding the route's roles in another organisation does not reveal this one: 404.
  if (!ownOrg) return holdsRoles ? 404 : 403;
  return holdsRoles ? 'allowed' : 403;
}

describe('authorization: every route × every role × own/other organisation', () => {
  it('every route of the app declares an access policy', () => {
    const undeclared = [...t.app.accessRegistry.entries()].filter(([, route]) => !route.config?.access).map(([key]) => key);
    expect(undeclared).toEqual([]);
  });

  it('no route carries an access key the access plugin does not know (it would be decorative, not enforced)', () => {
    const unknown = [...t.app.accessRegistry.entries()].flatMap(([key, route]) =>
      Object.keys(route.config?.access ?? {})
        .filter((k) => !ACCESS_KEYS.has(k))
        .map((k) => `${key}: ${k}`),
    );
    expect(unknown).toEqual([]);
    // And the keys themselves are what the plugin reads.
    expect([...ACCESS_KEYS].sort()).toEqual(['org', 'public', 'roles', 'scope']);
  });

  it('every operation of the OpenAPI document is in the contract, and the contract has no stale entries', async () => {
    const doc = (await t.anonymous.request('GET', '/api/openapi.json')).json();
    const keys = operations(doc).map((c) => c.key);
    expect(keys.filter((k) => !(k in EXPECTED))).toEqual([]);
    expect(Object.keys(EXPECTED).filter((k) => !keys.includes(k))).toEqual([]);
    for (const k of keys) expect(t.app.accessRegistry.has(routeKey(k.split(' ')[0]!, k.split(' ')[1]!.replace(/\{(\w+)\}/g, ':$1')))).toBe(true);
  });

  it('answers as the contract says', async () => {
    const doc = (await t.anonymous.request('GET', '/api/openapi.json')).json();
    const cases = operations(doc);
    const clients = new Map<Role | null, { client: TestClient; orgId: string }>();
    const bureauOrg = (await (await t.loginAs('bureau')).request('GET', '/api/v1/me')).json().memberships[0].organisationId as string;
    const enterpriseOrg = (await (await t.loginAs('enterprise')).request('GET', '/api/v1/me')).json().memberships[0].organisationId as string;
    clients.set(null, { client: t.anonymous, orgId: bureauOrg });
    for (const role of ROLES) {
      const client = await t.loginAs(role);
      const orgId = (await client.request('GET', '/api/v1/me')).json().memberships[0].organisationId as string;
      clients.set(role, { client, orgId });
    }
    const failures: string[] = [];
    for (const c of cases) {
      const exp = EXPECTED[c.key];
      if (!exp) continue; // reported by the test above
      for (const [role, { client, orgId }] of clients) {
        const otherOrg = orgId === bureauOrg ? enterpriseOrg : bureauOrg;
        for (const own of c.path.includes('{orgId}') ? [true, false] : [true]) {
          const url = fillPath(c.path, own ? orgId : otherOrg);
          const res = await client.request(c.method, url, c.method === 'GET' || c.method === 'DELETE' ? undefined : {});
          const want = expectedStatus(exp, role, own);
          const got = res.statusCode;
          const ok = want === 'allowed' ? got !== 401 && got !== 403 && got < 500 : got === want;
          if (!ok) failures.push(`${c.key} as ${role ?? 'anonymous'} (${own ? 'own' : 'other'} org): want ${want}, got ${got} ${res.body.slice(0, 120)}`);
        }
      }
    }
    expect(failures).toEqual([]);
    // Every route × every role × two organisations: hundreds of requests, slow on a loaded machine.
  }, 120_000);
});
