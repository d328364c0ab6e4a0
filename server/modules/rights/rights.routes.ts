import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { RATIO_PATTERN } from '../../../common/money.js';
import { BusinessDateSchema, CreditCodeSchema, problemResponses } from '../../lib/schemas.js';
import { bilingual } from '../../lib/validation.js';
import { MoneySchema } from '../../../common/schemas.js';
import { GRANT_ACTIONS, GRANT_STATUSES, type GrantAction } from './grant-machine.js';
import {
  addPolicyVersion,
  applyForGrant,
  comparePolicies,
  getGrant,
  getPolicies,
  grantAgreementPdf,
  grantStep,
  grantTimeline,
  listGrants,
  raiseGrantObjection,
  resolveGrantObjection,
} from './rights.service.js';

const TAGS = ['rights'];
const OrgParams = z.strictObject({ orgId: z.uuid() });
const GrantParams = z.strictObject({ grantId: z.uuid() });
const Ratio = z.string().regex(RATIO_PATTERN, { message: bilingual('须为 0 到 1 之间的小数（如 0.8 表示 80%）', 'must be a decimal from 0 to 1 (0.8 = 80%)') });
const Explained = z.object({ zh: z.string(), en: z.string() });

const PolicyBody = z.strictObject({
  effectiveFrom: BusinessDateSchema,
  maxTeamShare: Ratio.describe('Largest share of ownership granted to the team, e.g. "0.8"'),
  useRightFirstTermYears: z.number().int(),
  useRightCumulativeMinYears: z.number().int().describe('Shandong: at least 10'),
  minAppraisedValue: MoneySchema.nullable(),
  requireClearTitle: z.boolean(),
  requireCounterparty: z.boolean(),
  publicityDays: z.number().int().describe('Working days (default 15)'),
  agreedProceedsTriggerReward: z.boolean().describe('Whether agreed proceeds trigger a second reward (default false)'),
  note: z.string().max(2000).optional(),
});

export const PolicyOut = z.object({
  version: z.number().int(),
  effectiveFrom: z.string(),
  maxTeamShare: z.string(),
  useRightFirstTermYears: z.number().int(),
  useRightCumulativeMinYears: z.number().int(),
  minAppraisedValue: z.string().nullable(),
  requireClearTitle: z.boolean(),
  requireCounterparty: z.boolean(),
  publicityDays: z.number().int(),
  agreedProceedsTriggerReward: z.boolean(),
});
const PoliciesOut = z.object({ organisationId: z.uuid(), inForce: PolicyOut, versions: z.array(PolicyOut.extend({ id: z.uuid(), note: z.string() })), default: PolicyOut, asOf: z.string() });

const ConsentSchema = z.strictObject({
  name: z.string().trim().min(1).max(50),
  signedOn: BusinessDateSchema,
  evidence: z.string().trim().min(1, { message: bilingual('请注明书面同意意见的凭证（扫描件名或档案号）', 'name the signed consent (scan or archive number)') }).max(300),
});

export const GrantRequestSchema = z.strictObject({
  kind: z.enum(['ownership', 'use_right']),
  teamShare: Ratio.nullable().optional().describe('ownership: share granted to the team, e.g. "0.8"'),
  useRightYears: z.number().int().nullable().optional().describe('use right: cumulative term in years'),
  plan: z.strictObject({
    summary: z.string().trim().min(1).max(5000).describe('转化实施方案'),
    counterpartyName: z.string().trim().max(200).nullable().optional(),
    counterpartyCreditCode: CreditCodeSchema.nullable().optional(),
    appraisedValue: MoneySchema.nullable().optional(),
    appraisalRef: z.string().trim().max(200).nullable().optional(),
    clearTitle: z.boolean(),
  }),
  consents: z.array(ConsentSchema).max(50),
});

const CoOwnershipOut = z.object({
  kind: z.enum(['ownership', 'use_right']),
  unitShare: z.string(),
  teamShare: z.string(),
  unitPct: z.string(),
  teamPct: z.string(),
  useRightFrom: z.string().nullable(),
  useRightUntil: z.string().nullable(),
  firstTermUntil: z.string().nullable(),
  explanation: Explained,
});

export const GrantOut = z.object({
  id: z.uuid(),
  number: z.string(),
  organisationId: z.uuid(),
  achievement: z.object({ id: z.uuid(), number: z.string(), title: z.string(), ownershipUnitPct: z.string(), ownershipTeamPct: z.string() }),
  completers: z.array(z.object({ name: z.string(), share: z.string(), consented: z.boolean() })),
  applicant: z.object({ userId: z.string().nullable(), name: z.string() }),
  status: z.enum(GRANT_STATUSES),
  statusLabel: Explained,
  kind: z.enum(['ownership', 'use_right']),
  teamShare: z.string().nullable(),
  useRightYears: z.number().int().nullable(),
  firstTermYears: z.number().int().nullable(),
  plan: z.unknown(),
  consents: z.array(z.object({ name: z.string(), signedOn: z.string(), evidence: z.string() })),
  policy: PolicyOut,
  policyVersion: z.number().int(),
  coOwnership: CoOwnershipOut,
  publicity: z.object({ startsOn: z.string(), endsOn: z.string() }).nullable(),
  objections: z.array(
    z.object({ id: z.uuid(), raisedByName: z.string(), content: z.string(), raisedAt: z.string(), resolution: z.enum(['upheld', 'dismissed']).nullable(), resolutionNote: z.string().nullable(), resolvedAt: z.string().nullable() }),
  ),
  agreementNo: z.string().nullable(),
  agreementSignedOn: z.string().nullable(),
  recordedOn: z.string().nullable(),
  registrationRef: z.string().nullable(),
  rectificationCaseId: z.string().nullable(),
  actions: z.array(z.enum(GRANT_ACTIONS)),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});

const Reason = z.string().trim().min(2).max(1000);
const STEP_ROUTES: { action: GrantAction; path: string; roles: readonly ('researcher' | 'tto_officer' | 'org_admin' | 'admin')[]; summary: string; body: z.ZodType }[] = [
  { action: 'resubmit', path: 'resubmit', roles: ['researcher', 'tto_officer', 'org_admin'], summary: 'Applicant: resubmit the amended application after it was returned', body: z.strictObject({ application: GrantRequestSchema }) },
  { action: 'withdraw', path: 'withdraw', roles: ['researcher', 'tto_officer', 'org_admin'], summary: 'Applicant: withdraw before publicity', body: z.strictObject({ reason: Reason.optional() }).nullish() },
  { action: 'dept_check', path: 'department-check', roles: ['tto_officer', 'org_admin', 'admin'], summary: 'Department (院系): the application checks out', body: z.strictObject({ reason: Reason.optional() }).nullish() },
  { action: 'dept_return', path: 'department-return', roles: ['tto_officer', 'org_admin', 'admin'], summary: 'Department: return to the applicant with a reason', body: z.strictObject({ reason: Reason }) },
  { action: 'office_review', path: 'office-review', roles: ['tto_officer', 'org_admin', 'admin'], summary: 'Office: review passed; publicity starts for the working days of the policy', body: z.strictObject({ reason: Reason.optional() }).nullish() },
  { action: 'office_return', path: 'office-return', roles: ['tto_officer', 'org_admin', 'admin'], summary: 'Office: return to the applicant with a reason', body: z.strictObject({ reason: Reason }) },
  { action: 'reject', path: 'reject', roles: ['tto_officer', 'org_admin', 'admin'], summary: 'Office: refuse the grant with a reason', body: z.strictObject({ reason: Reason }) },
  { action: 'approve', path: 'approve', roles: ['org_admin', 'admin'], summary: 'Institution head: approve after publicity ends with every objection resolved', body: z.strictObject({ reason: Reason.optional() }).nullish() },
  {
    action: 'sign_agreement',
    path: 'agreement',
    roles: ['tto_officer', 'org_admin', 'admin'],
    summary: 'Office: the grant agreement is signed with the representative',
    body: z.strictObject({ agreementNo: z.string().trim().min(1).max(100).optional(), signedOn: BusinessDateSchema.optional() }).nullish(),
  },
  {
    action: 'record_change',
    path: 'record-change',
    roles: ['tto_officer', 'org_admin', 'admin'],
    summary: 'Office: the ownership change is recorded in the ledger (and at the authority)',
    body: z.strictObject({ registrationRef: z.string().trim().max(200).optional() }).nullish(),
  },
];

export const rightsRoutes: FastifyPluginAsyncZod = async (app) => {
  const reply = <T extends z.ZodType>(schema: T) => ({ 200: schema, ...problemResponses });
  const member = ['researcher', 'tto_officer', 'org_admin'] as const;

  app.get(
    '/orgs/:orgId/rights/policies',
    {
      config: { access: { roles: [...member, 'admin', 'bureau'], org: { param: 'orgId', global: ['admin', 'bureau'] } } },
      schema: { tags: TAGS, summary: "The institution's grant rule: the version in force and every version", params: OrgParams, response: reply(PoliciesOut) },
    },
    async (request) => getPolicies(request.ctx, request.params.orgId),
  );

  app.post(
    '/orgs/:orgId/rights/policies',
    {
      config: { access: { roles: ['tto_officer', 'org_admin', 'admin'], org: { param: 'orgId', global: ['admin'] } } },
      schema: { tags: TAGS, summary: 'A new version of the grant rule, effective from a date (not in the past)', params: OrgParams, body: PolicyBody, response: { 201: PoliciesOut, ...problemResponses } },
    },
    async (request, r) => r.status(201).send(await addPolicyVersion(request.ctx, request.params.orgId, request.body)),
  );

  app.get(
    '/rights/policies',
    {
      config: { access: { roles: ['bureau', 'admin'] } },
      schema: {
        tags: TAGS,
        summary: "Bureau: every institution's grant rule in force, side by side",
        response: reply(z.object({ asOf: z.string(), items: z.array(z.object({ organisationId: z.uuid(), organisationName: z.string(), versions: z.number().int(), isDefault: z.boolean(), policy: PolicyOut })) })),
      },
    },
    async (request) => comparePolicies(request.ctx),
  );

  app.get(
    '/orgs/:orgId/rights/grants',
    {
      config: { access: { roles: [...member, 'admin', 'bureau'], org: { param: 'orgId', global: ['admin', 'bureau'] } } },
      schema: {
        tags: TAGS,
        summary: 'Grant applications: the office sees all, a researcher their own',
        params: OrgParams,
        querystring: z.strictObject({ status: z.enum(GRANT_STATUSES).optional() }),
        response: reply(z.object({ items: z.array(GrantOut) })),
      },
    },
    async (request) => listGrants(request.ctx, request.params.orgId, request.query),
  );

  app.post(
    '/orgs/:orgId/rights/grants',
    {
      config: { access: { roles: member, org: { param: 'orgId', global: [] } } },
      schema: {
        tags: TAGS,
        summary: "The team's representative applies, with the transformation plan and every completer's written consent",
        params: OrgParams,
        body: GrantRequestSchema.extend({ achievementId: z.uuid() }),
        response: { 201: GrantOut, ...problemResponses },
      },
    },
    async (request, r) => r.status(201).send(await applyForGrant(request.ctx, request.params.orgId, request.body)),
  );

  app.get(
    '/rights/grants/:grantId',
    { config: { access: { roles: [...member, 'admin', 'bureau'], record: 'party' } }, schema: { tags: TAGS, summary: 'One grant application', params: GrantParams, response: reply(GrantOut) } },
    async (request) => getGrant(request.ctx, request.params.grantId),
  );

  for (const s of STEP_ROUTES) {
    app.post(
      `/rights/grants/:grantId/${s.path}`,
      { config: { access: { roles: s.roles, record: 'party' } }, schema: { tags: TAGS, summary: s.summary, params: GrantParams, body: s.body, response: reply(GrantOut) } },
      async (request) => grantStep(request.ctx, request.params.grantId, s.action, (request.body ?? {}) as never),
    );
  }

  app.post(
    '/rights/grants/:grantId/objections',
    {
      config: { access: { roles: member, record: 'party' } },
      schema: { tags: TAGS, summary: 'A member of the institution objects during publicity', params: GrantParams, body: z.strictObject({ content: z.string().trim().min(2).max(2000) }), response: reply(GrantOut) },
    },
    async (request) => raiseGrantObjection(request.ctx, request.params.grantId, request.body.content),
  );

  app.post(
    '/rights/grants/:grantId/objections/:objectionId/resolve',
    {
      config: { access: { roles: ['tto_officer', 'org_admin', 'admin'], record: 'party' } },
      schema: {
        tags: TAGS,
        summary: 'Office: uphold (the application goes back to the team) or dismiss an objection',
        params: z.strictObject({ grantId: z.uuid(), objectionId: z.uuid() }),
        body: z.strictObject({ resolution: z.enum(['upheld', 'dismissed']), note: z.string().trim().min(2).max(2000) }),
        response: reply(GrantOut),
      },
    },
    async (request) => resolveGrantObjection(request.ctx, request.params.grantId, request.params.objectionId, request.body.resolution, request.body.note),
  );

  app.get(
    '/rights/grants/:grantId/timeline',
    {
      config: { access: { roles: [...member, 'admin', 'bureau'], record: 'party' } },
      schema: {
        tags: TAGS,
        summary: "The grant's ledger events",
        params: GrantParams,
        response: reply(z.object({ items: z.array(z.object({ seq: z.number().int(), type: z.string(), at: z.string(), actorUserId: z.string().nullable(), reason: z.string().nullable(), payload: z.record(z.string(), z.unknown()) })) })),
      },
    },
    async (request) => grantTimeline(request.ctx, request.params.grantId),
  );

  app.get(
    '/rights/grants/:grantId/agreement.pdf',
    { config: { access: { roles: [...member, 'admin', 'bureau'], record: 'party' } }, schema: { tags: TAGS, summary: 'The grant agreement (赋权协议) as PDF, once approved', params: GrantParams } },
    async (request, r) => {
      const { filename, pdf } = await grantAgreementPdf(request.ctx, request.params.grantId);
      return r.header('content-type', 'application/pdf').header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(filename)}`).send(pdf);
    },
  );
};
