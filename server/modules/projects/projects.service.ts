import { randomUUID } from 'node:crypto';
import type {
  Allocation as AllocationOut,
  AllocationPreview,
  CostCategory,
  Entry,
  EntryResult,
  Project,
  ProjectListQuery,
  ProjectSort,
  ProjectStatus,
  ProjectSummary,
  ProjectTimeline,
} from '../../../common/api/projects.js';
import { businessDateOf, compareDates } from '../../../common/calendar.js';
import type { Money } from '../../../common/money.js';
import type { Page } from '../../../common/page.js';
import { holdsRole, ROLE_GROUPS } from '../../../common/roles.js';
import type { Queryable } from '../../db/client.js';
import { audit } from '../../lib/audit.js';
import { type Actor, type Ctx, inTransaction, isOfficeOf, isOversight, requireActor, type TxCtx } from '../../lib/context.js';
import { type FieldError, AppError, fieldErrors, forbidden, notFound } from '../../lib/errors.js';
import { runIdempotent } from '../../lib/idempotency.js';
import { appendEvent, readStream } from '../../lib/ledger.js';
import { mapPage, queryPage } from '../../lib/pagination.js';
import { contractSummary } from '../contracts/index.js';
import { notify } from '../notifications/index.js';
import {
  ALLOCATION_FLOOR,
  ALLOCATION_FLOOR_CLAUSE,
  type Allocation,
  type AllocationForm,
  type AllocationLine,
  allocateSurplus,
  checkAllocationRatio,
  checkShares,
  computeSurplus,
  type FeeRule,
  HEAD_CASH_ONLY_CLAUSE,
  type Issue,
  type ProjectCompleter,
  type SurplusFigures,
} from './surplus.rules.js';

/**
 * Contract-research projects of an institution (measure 3): the client, the completers and their
 * shares, receipts and direct costs with evidence, acceptance with final accounts (the surplus is
 * recognised then, as transfer income) and its allocation to the completers, in cash or as
 * "现金入股+技术入股". Each project is the ledger stream `project:<id>`.
 */

export { COST_CATEGORIES, type CostCategory, PROJECT_STATUSES, type ProjectStatus } from '../../../common/api/projects.js';

const STATUS_LABELS: Record<ProjectStatus, { zh: string; en: string }> = {
  active: { zh: '执行中', en: 'active' },
  accepted: { zh: '已结题验收', en: 'accepted' },
  allocated: { zh: '结余已分配', en: 'allocated' },
};

interface ProjectRow {
  id: string;
  organisation_id: string;
  organisation_name?: string;
  title: string;
  client_name: string;
  client_credit_code: string;
  contract_no: string;
  contract_id: string | null;
  fee_kind: 'rate' | 'amount';
  fee_rate: string | null;
  fee_amount: string | null;
  allocation_ratio: string;
  status: ProjectStatus;
  accepted_on: string | null;
  acceptance_document: string | null;
  final_accounts_document: string | null;
  receipts_total: string | null;
  direct_costs_total: string | null;
  management_fee: string | null;
  surplus: string | null;
  figures: SurplusFigures | null;
  created_at: Date;
  updated_at: Date;
  version: number;
}

interface CompleterRow {
  id: string;
  position: number;
  name: string;
  user_id: string | null;
  share: string;
  is_head: boolean;
}

interface EntryRow {
  id: string;
  kind: 'receipt' | 'cost';
  category: string;
  label: string;
  amount: string;
  on_date: string;
  evidence: string;
  recorded_at: Date;
}

const stream = (id: string) => `project:${id}`;
/** "50.00" → "50", "33.30" → "33.3" (numeric columns carry their scale). */
const trimShare = (s: string) => (s.includes('.') ? s.replace(/\.?0+$/, '') : s);
/** "0.700000" → "0.7". */
const trimRatio = trimShare;

// ------------------------------------------------------------------------------------------
// Who may see and manage
// ------------------------------------------------------------------------------------------

async function completersOf(db: Queryable, projectId: string): Promise<CompleterRow[]> {
  const { rows } = await db.query<CompleterRow>('select id, position, name, user_id, share, is_head from research_project_completers where project_id = $1 order by position', [projectId]);
  return rows;
}

async function loadProject(ctx: Ctx | TxCtx, id: string, forUpdate = false): Promise<{ p: ProjectRow; completers: CompleterRow[] }> {
  const { rows } = await ctx.db.query<ProjectRow>(
    `select p.*, o.name as organisation_name from research_projects p join organisations o on o.id = p.organisation_id where p.id = $1 ${forUpdate ? 'for update of p' : ''}`,
    [id],
  );
  const p = rows[0];
  if (!p) throw notFound('project', id);
  const completers = await completersOf(ctx.db, id);
  const actor = ctx.actor;
  const reads = isOfficeOf(actor, p.organisation_id) || isOversight(actor) || completers.some((c) => c.user_id && c.user_id === actor?.userId);
  if (!reads) throw notFound('project', id);
  return { p, completers };
}

function requireOffice(actor: Actor | null, p: ProjectRow) {
  if (!isOfficeOf(actor, p.organisation_id)) throw forbidden();
}

function refuseStatus(p: ProjectRow, zh: string, en: string): never {
  const s = STATUS_LABELS[p.status];
  throw new AppError('CONFLICT', { params: { detail: `项目状态为“${s.zh}”，${zh}`, detailEn: `the project is ${s.en}; ${en}` } });
}

/** A business rule refused the request, naming the fields (422). */
function refuse(issues: readonly Issue[]): never {
  const errors: FieldError[] = issues.map((i) => ({ field: `body.${i.field}`, zh: i.zh, en: i.en }));
  throw new AppError('BUSINESS_RULE', { params: { detail: issues.map((i) => i.zh).join('；'), detailEn: issues.map((i) => i.en).join('; ') }, errors });
}

const feeRuleOf = (p: ProjectRow): FeeRule => (p.fee_kind === 'rate' ? { kind: 'rate', rate: trimRatio(p.fee_rate ?? '0') } : { kind: 'amount', amount: p.fee_amount ?? '0.00' });
const toCompleters = (cs: readonly CompleterRow[]): ProjectCompleter[] => cs.map((c) => ({ personId: c.id, name: c.name, share: trimShare(c.share), isHead: c.is_head }));

// ------------------------------------------------------------------------------------------
// Reading
// ------------------------------------------------------------------------------------------

async function entriesOf(db: Queryable, projectId: string): Promise<EntryRow[]> {
  const { rows } = await db.query<EntryRow>(
    'select id, kind, category, label, amount, on_date, evidence, recorded_at from research_project_entries where project_id = $1 order by on_date, recorded_at',
    [projectId],
  );
  return rows;
}

function summary(actor: Actor | null, p: ProjectRow, completers: CompleterRow[]): ProjectSummary {
  return {
    id: p.id,
    organisation: { id: p.organisation_id, name: p.organisation_name ?? '' },
    title: p.title,
    client: { name: p.client_name, creditCode: p.client_credit_code },
    contractNo: p.contract_no,
    contractId: p.contract_id,
    managementFee: p.fee_kind === 'rate' ? { kind: 'rate', rate: trimRatio(p.fee_rate ?? '0'), amount: null } : { kind: 'amount', rate: null, amount: p.fee_amount },
    allocationRatio: trimRatio(p.allocation_ratio),
    allocationFloor: { ratio: ALLOCATION_FLOOR, clause: ALLOCATION_FLOOR_CLAUSE },
    status: p.status,
    acceptedOn: p.accepted_on,
    surplus: p.surplus,
    completers: completers.map((c) => ({ id: c.id, name: c.name, userId: c.user_id, share: trimShare(c.share), isHead: c.is_head, isMe: !!c.user_id && c.user_id === actor?.userId })),
    canManage: isOfficeOf(actor, p.organisation_id),
    createdAt: p.created_at.toISOString(),
    updatedAt: p.updated_at.toISOString(),
    version: p.version,
  };
}

async function allocationOf(db: Queryable, actor: Actor | null, projectId: string, completers: CompleterRow[]): Promise<AllocationOut | null> {
  const { rows } = await db.query<{
    form: AllocationForm;
    pool: string;
    company_name: string | null;
    company_credit_code: string | null;
    tech_stake_formed_pct: string | null;
    tech_stake_team_pct: string | null;
    tech_stake_held_back_pct: string | null;
    allocated_on: string;
    explanation: Pick<Allocation, 'pool' | 'techStake' | 'totals'>;
  }>('select * from research_project_allocations where project_id = $1', [projectId]);
  const a = rows[0];
  if (!a) return null;
  const { rows: lines } = await db.query<{ completer_id: string; takes: 'cash' | 'shares'; cash_part: string; tech_part: string; explanation: AllocationLine['explanation'] }>(
    'select completer_id, takes, cash_part, tech_part, explanation from research_project_allocation_lines where project_id = $1',
    [projectId],
  );
  const byId = new Map(lines.map((l) => [l.completer_id, l]));
  return {
    form: a.form,
    allocatedOn: a.allocated_on,
    company: a.company_name ? { name: a.company_name, creditCode: a.company_credit_code ?? '' } : null,
    pool: a.explanation.pool,
    techStake: a.explanation.techStake,
    totals: a.explanation.totals,
    lines: completers.flatMap((c) => {
      const l = byId.get(c.id);
      if (!l) return [];
      return [
        {
          completerId: c.id,
          personId: c.user_id ?? c.id,
          userId: c.user_id,
          name: c.name,
          share: trimShare(c.share),
          isHead: c.is_head,
          isMe: !!c.user_id && c.user_id === actor?.userId,
          takes: l.takes,
          cashPart: l.cash_part,
          techPartPct: l.tech_part,
          explanation: l.explanation,
        },
      ];
    }),
  };
}

/** One project with its receipts, costs, the surplus (provisional until acceptance) and the allocation. */
export async function getProject(ctx: Ctx, id: string): Promise<Project> {
  const { p, completers } = await loadProject(ctx, id);
  const entries = await entriesOf(ctx.db, id);
  const present = (e: EntryRow): Entry => ({ id: e.id, category: e.category, label: e.label, amount: e.amount, on: e.on_date, evidence: e.evidence, recordedAt: e.recorded_at.toISOString() });
  const receipts = entries.filter((e) => e.kind === 'receipt');
  const costs = entries.filter((e) => e.kind === 'cost');
  const figures = p.figures ?? computeSurplus(receipts, costs, feeRuleOf(p));
  return {
    ...summary(ctx.actor, p, completers),
    acceptanceDocument: p.acceptance_document,
    finalAccountsDocument: p.final_accounts_document,
    receipts: receipts.map(present),
    costs: costs.map(present),
    figures,
    /** False before acceptance: the figures are a projection, not recognised income. */
    recognised: p.status !== 'active',
    allocation: await allocationOf(ctx.db, ctx.actor, id, completers),
  };
}
export type ProjectView = Project;

const LIST_ORDER: Record<ProjectSort, string> = {
  updatedAt: 'p.updated_at {o}, p.id {o}',
  createdAt: 'p.created_at {o}, p.id {o}',
  title: 'p.title {o}, p.id {o}',
};

/** Projects the caller may see: the office's own institution, a researcher's own projects, everything for oversight; a page at a time. */
export async function listProjects(ctx: Ctx, query: ProjectListQuery): Promise<Page<ProjectSummary>> {
  const actor = requireActor(ctx);
  // Another institution's id in the query is answered as unknown, like a project of theirs.
  if (query.orgId && !isOversight(actor) && !actor.memberships.some((m) => m.organisationId === query.orgId)) throw notFound('organisation', query.orgId);
  const offices = actor.memberships.filter((m) => holdsRole([m], ROLE_GROUPS.office)).map((m) => m.organisationId);
  const page = await queryPage<ProjectRow>(
    ctx.db,
    {
      select: 'p.*, o.name as organisation_name',
      from: `from research_projects p join organisations o on o.id = p.organisation_id
     where ($1::boolean or p.organisation_id = any($2::uuid[])
            or exists (select 1 from research_project_completers c where c.project_id = p.id and c.user_id = $3))
       and ($4::uuid is null or p.organisation_id = $4) and ($5::text is null or p.status = $5)`,
      values: [isOversight(actor), offices, actor.userId, query.orgId ?? null, query.status ?? null],
      orderBy: LIST_ORDER[query.sort].replaceAll('{o}', query.order),
    },
    query,
  );
  const { rows: cs } = await ctx.db.query<CompleterRow & { project_id: string }>(
    'select project_id, id, position, name, user_id, share, is_head from research_project_completers where project_id = any($1::uuid[]) order by position',
    [page.items.map((r) => r.id)],
  );
  return mapPage(page, (p) =>
    summary(
      actor,
      p,
      cs.filter((c) => c.project_id === p.id),
    ),
  );
}

// ------------------------------------------------------------------------------------------
// Creating
// ------------------------------------------------------------------------------------------

export interface NewProject {
  title: string;
  client: { name: string; creditCode: string };
  contractNo?: string | undefined;
  contractId?: string | null | undefined;
  managementFee: FeeRule;
  allocationRatio: string;
  completers: { name: string; userId?: string | null | undefined; share: string; isHead?: boolean | undefined }[];
}

export async function createProject(ctx: Ctx, orgId: string, input: NewProject): Promise<Project> {
  const actor = requireActor(ctx);
  if (!isOfficeOf(actor, orgId)) throw forbidden();
  const errors: Issue[] = [...checkShares(input.completers.map((c) => c.share)), ...checkAllocationRatio(input.allocationRatio)];
  const names = input.completers.map((c) => c.name);
  if (new Set(names).size !== names.length) errors.push({ field: 'completers', zh: '完成人姓名重复', en: 'a completer is listed twice' });
  let contractNo = input.contractNo?.trim() ?? '';
  if (input.contractId) {
    // The contracts module owns contracts: ask for its summary (the office decides for its own institution's contracts only).
    const contract = await contractSummary(ctx.db, input.contractId);
    if (!contract || contract.licensorOrgId !== orgId) errors.push({ field: 'contractId', zh: '未找到本单位作为一方的该合同', en: 'no such contract of this institution' });
    else if (!contractNo) contractNo = contract.number;
    else if (contractNo !== contract.number)
      errors.push({ field: 'contractNo', zh: `合同编号与所关联合同（${contract.number}）不一致`, en: `the contract number differs from the linked contract's (${contract.number})` });
  }
  if (!contractNo) errors.push({ field: 'contractNo', zh: '请填写合同编号', en: 'the contract number is required' });
  const userIds = input.completers.map((c) => c.userId).filter((u): u is string => !!u);
  if (userIds.length) {
    const { rows } = await ctx.db.query<{ user_id: string }>('select distinct user_id from memberships where organisation_id = $1 and user_id = any($2::uuid[])', [orgId, userIds]);
    const known = new Set(rows.map((r) => r.user_id));
    input.completers.forEach((c, i) => {
      if (c.userId && !known.has(c.userId)) errors.push({ field: `completers.${i}.userId`, zh: '该用户不是本单位人员', en: 'this user is not a member of the institution' });
    });
  }
  if (errors.some((e) => e.field === 'allocationRatio')) refuse(errors);
  if (errors.length) throw fieldErrors(errors.map((e) => ({ ...e, field: `body.${e.field}` })));

  const id = randomUUID();
  await inTransaction(ctx, async (tx) => {
    const fee = input.managementFee;
    await tx.db.query(
      `insert into research_projects (id, organisation_id, title, client_name, client_credit_code, contract_no, contract_id, fee_kind, fee_rate, fee_amount, allocation_ratio, created_by, created_at, updated_at)
       values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$13)`,
      [
        id,
        orgId,
        input.title,
        input.client.name,
        input.client.creditCode,
        contractNo,
        input.contractId ?? null,
        fee.kind,
        fee.kind === 'rate' ? fee.rate : null,
        fee.kind === 'amount' ? fee.amount : null,
        input.allocationRatio,
        actor.userId,
        tx.now,
      ],
    );
    const completerIds: string[] = [];
    for (const [i, c] of input.completers.entries()) {
      const cid = randomUUID();
      completerIds.push(cid);
      await tx.db.query('insert into research_project_completers (id, project_id, position, name, user_id, share, is_head) values ($1,$2,$3,$4,$5,$6,$7)', [
        cid,
        id,
        i + 1,
        c.name,
        c.userId ?? null,
        c.share,
        !!c.isHead,
      ]);
    }
    await appendEvent(tx, {
      stream: stream(id),
      type: 'project.created',
      payload: {
        organisationId: orgId,
        title: input.title,
        client: input.client,
        contractNo,
        contractId: input.contractId ?? null,
        managementFee: fee,
        allocationRatio: input.allocationRatio,
        completers: input.completers.map((c, i) => ({ id: completerIds[i]!, name: c.name, userId: c.userId ?? null, share: c.share, isHead: !!c.isHead })),
      },
    });
    await audit(tx, { action: 'project.create', entity: 'project', entityId: id, organisationId: orgId, after: input });
  });
  return getProject(ctx, id);
}

// ------------------------------------------------------------------------------------------
// Receipts and direct costs
// ------------------------------------------------------------------------------------------

export interface EntryInput {
  category?: CostCategory | undefined;
  label: string;
  amount: Money;
  on: string;
  evidence: string;
}

/** Records one receipt or one direct cost with its evidence, once per Idempotency-Key. */
export async function addEntry(ctx: Ctx, id: string, kind: 'receipt' | 'cost', input: EntryInput, idempotencyKey: string | undefined): Promise<EntryResult> {
  const field = kind === 'receipt' ? 'receivedOn' : 'incurredOn';
  const res = await runIdempotent(ctx, idempotencyKey, `POST /projects/${id}/${kind}s`, input, async (tx) => {
    const { p } = await loadProject(tx, id, true);
    requireOffice(tx.actor, p);
    if (p.status !== 'active')
      refuseStatus(p, kind === 'receipt' ? '结题验收后不能再记录到账经费' : '结题验收后不能再列支直接费用', kind === 'receipt' ? 'no receipts after acceptance' : 'no direct costs after acceptance');
    if (compareDates(input.on, businessDateOf(tx.now)) > 0) throw fieldErrors([{ field: `body.${field}`, zh: '日期不能晚于今天', en: 'the date cannot be in the future' }]);
    const entryId = randomUUID();
    const category = kind === 'receipt' ? 'receipt' : (input.category ?? 'other');
    await tx.db.query('insert into research_project_entries (id, project_id, kind, category, label, amount, on_date, evidence, recorded_by, recorded_at) values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)', [
      entryId,
      id,
      kind,
      category,
      input.label,
      input.amount,
      input.on,
      input.evidence,
      tx.actor?.userId ?? null,
      tx.now,
    ]);
    await tx.db.query('update research_projects set updated_at = $2, version = version + 1 where id = $1', [id, tx.now]);
    await appendEvent(tx, {
      stream: stream(id),
      type: kind === 'receipt' ? 'project.receipt' : 'project.cost',
      payload: { entryId, category, label: input.label, amount: input.amount, on: input.on, evidence: input.evidence },
    });
    await audit(tx, { action: `project.${kind}`, entity: 'project', entityId: id, organisationId: p.organisation_id, after: { entryId, ...input } });
    return { status: 201, body: { entryId } };
  });
  return { ...res.body, replayed: res.replayed, project: await getProject(ctx, id) };
}

// ------------------------------------------------------------------------------------------
// Acceptance and final accounts: the surplus is recognised
// ------------------------------------------------------------------------------------------

export async function acceptProject(ctx: Ctx, id: string, input: { acceptedOn: string; acceptanceDocument: string; finalAccountsDocument: string }): Promise<Project> {
  await inTransaction(ctx, async (tx) => {
    const { p } = await loadProject(tx, id, true);
    requireOffice(tx.actor, p);
    if (p.status !== 'active') refuseStatus(p, '已完成结题验收，不能重复验收', 'it was already accepted');
    if (compareDates(input.acceptedOn, businessDateOf(tx.now)) > 0) throw fieldErrors([{ field: 'body.acceptedOn', zh: '验收日期不能晚于今天', en: 'the acceptance date cannot be in the future' }]);
    const entries = await entriesOf(tx.db, id);
    const receipts = entries.filter((e) => e.kind === 'receipt');
    const costs = entries.filter((e) => e.kind === 'cost');
    if (!receipts.length) throw new AppError('CONFLICT', { params: { detail: '尚未记录任何到账经费，不能结题决算', detailEn: 'no receipts are recorded; final accounts need them' } });
    const late = entries.filter((e) => compareDates(e.on_date, input.acceptedOn) > 0);
    if (late.length) {
      throw fieldErrors([
        {
          field: 'body.acceptedOn',
          zh: `验收日期早于已记录的收支（最晚 ${late
            .map((e) => e.on_date)
            .sort()
            .at(-1)}）`,
          en: `the acceptance date is before recorded entries (latest ${late
            .map((e) => e.on_date)
            .sort()
            .at(-1)})`,
        },
      ]);
    }
    const figures = computeSurplus(receipts, costs, feeRuleOf(p));
    await tx.db.query(
      `update research_projects set status = 'accepted', accepted_on = $2, acceptance_document = $3, final_accounts_document = $4,
         receipts_total = $5, direct_costs_total = $6, management_fee = $7, surplus = $8, figures = $9::jsonb, updated_at = $10, version = version + 1 where id = $1`,
      [
        id,
        input.acceptedOn,
        input.acceptanceDocument,
        input.finalAccountsDocument,
        figures.receipts.value,
        figures.directCosts.value,
        figures.managementFee.value,
        figures.surplus.value,
        JSON.stringify(figures),
        tx.now,
      ],
    );
    await appendEvent(tx, {
      stream: stream(id),
      type: 'project.surplus_recognised',
      payload: {
        organisationId: p.organisation_id,
        incomeKind: 'transfer',
        acceptedOn: input.acceptedOn,
        acceptanceDocument: input.acceptanceDocument,
        finalAccountsDocument: input.finalAccountsDocument,
        receipts: figures.receipts.value,
        directCosts: figures.directCosts.value,
        managementFee: figures.managementFee.value,
        surplus: figures.surplus.value,
        allocationRatio: trimRatio(p.allocation_ratio),
        figures,
      },
    });
    await audit(tx, {
      action: 'project.accept',
      entity: 'project',
      entityId: id,
      organisationId: p.organisation_id,
      before: { status: p.status },
      after: { status: 'accepted', ...input, surplus: figures.surplus.value },
    });
  });
  return getProject(ctx, id);
}

// ------------------------------------------------------------------------------------------
// Allocation
// ------------------------------------------------------------------------------------------

export interface AllocationInput {
  form: AllocationForm;
  company?: { name: string; creditCode: string } | null | undefined;
  techStakeFormedPct?: string | undefined;
  /** Completer ids who take cash in a cash + technology allocation (heads must). */
  cashTakers?: string[] | undefined;
}

function compute(p: ProjectRow, completers: CompleterRow[], input: AllocationInput) {
  if (p.status === 'active') refuseStatus(p, '结余须在结题验收并完成决算后方可分配', 'the surplus can be allocated only after acceptance and final accounts');
  if (p.status === 'allocated') refuseStatus(p, '结余已经分配，不能重复分配', 'the surplus was already allocated');
  if (input.form === 'cash_and_technology' && !input.company)
    throw fieldErrors([{ field: 'body.company', zh: '现金入股+技术入股须填写入股公司名称和统一社会信用代码', en: 'cash + technology needs the company (name and credit code)' }]);
  if (input.form === 'cash' && input.company) throw fieldErrors([{ field: 'body.company', zh: '现金分配不涉及入股公司', en: 'a cash allocation has no company' }]);
  const result = allocateSurplus(p.surplus ?? '0.00', trimRatio(p.allocation_ratio), toCompleters(completers), {
    form: input.form,
    techStakeFormedPct: input.techStakeFormedPct,
    cashTakers: input.cashTakers,
  });
  if (!result.ok) refuse(result.issues);
  return result.allocation;
}

/** What an allocation would give, without recording anything. */
export async function previewAllocation(ctx: Ctx, id: string, input: AllocationInput): Promise<AllocationPreview> {
  const { p, completers } = await loadProject(ctx, id);
  requireOffice(ctx.actor, p);
  return { ...compute(p, completers, input), company: input.company ?? null, headClause: HEAD_CASH_ONLY_CLAUSE };
}

export async function allocateProject(ctx: Ctx, id: string, input: AllocationInput, idempotencyKey: string | undefined): Promise<Project & { replayed: boolean }> {
  const res = await runIdempotent(ctx, idempotencyKey, `POST /projects/${id}/allocation`, input, async (tx) => {
    const { p, completers } = await loadProject(tx, id, true);
    requireOffice(tx.actor, p);
    const a = compute(p, completers, input);
    const on = businessDateOf(tx.now);
    await tx.db.query(
      `insert into research_project_allocations (project_id, form, pool, company_name, company_credit_code, tech_stake_formed_pct, tech_stake_team_pct, tech_stake_held_back_pct, allocated_on, explanation, allocated_by, allocated_at)
       values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10::jsonb,$11,$12)`,
      [
        id,
        a.form,
        a.pool.value,
        input.company?.name ?? null,
        input.company?.creditCode ?? null,
        a.techStake?.formedPct ?? null,
        a.techStake?.teamPct ?? null,
        a.techStake?.heldBackPct ?? null,
        on,
        JSON.stringify({ pool: a.pool, techStake: a.techStake, totals: a.totals }),
        tx.actor?.userId ?? null,
        tx.now,
      ],
    );
    for (const l of a.lines) {
      await tx.db.query('insert into research_project_allocation_lines (project_id, completer_id, takes, cash_part, tech_part, explanation) values ($1,$2,$3,$4,$5,$6::jsonb)', [
        id,
        l.personId,
        l.takes,
        l.cashPart,
        l.techPartPct,
        JSON.stringify(l.explanation),
      ]);
    }
    await tx.db.query("update research_projects set status = 'allocated', updated_at = $2, version = version + 1 where id = $1", [id, tx.now]);
    const userOf = new Map(completers.map((c) => [c.id, c.user_id]));
    await appendEvent(tx, {
      stream: stream(id),
      type: 'project.allocated',
      payload: {
        organisationId: p.organisation_id,
        form: a.form,
        allocatedOn: on,
        surplus: p.surplus ?? '0.00',
        allocationRatio: trimRatio(p.allocation_ratio),
        pool: a.pool.value,
        company: input.company ?? null,
        techStake: a.techStake ? { formedPct: a.techStake.formedPct, teamPct: a.techStake.teamPct, heldBackPct: a.techStake.heldBackPct } : null,
        lines: a.lines.map((l) => ({
          completerId: l.personId,
          userId: userOf.get(l.personId) ?? null,
          name: l.name,
          share: l.share,
          takes: l.takes,
          cashPart: l.cashPart,
          techPartPct: l.techPartPct,
        })),
        totals: a.totals,
      },
    });
    await audit(tx, {
      action: 'project.allocate',
      entity: 'project',
      entityId: id,
      organisationId: p.organisation_id,
      before: { status: p.status },
      after: { status: 'allocated', ...input, pool: a.pool.value },
    });
    const users = completers.map((c) => c.user_id).filter((u): u is string => !!u);
    if (users.length) {
      await notify(tx, users, {
        kind: 'project.allocated',
        titleZh: `横向项目结余已分配：${p.title}`,
        titleEn: `Project surplus allocated: ${p.title}`,
        bodyZh: `结余 ${p.surplus} 元 × ${trimRatio(p.allocation_ratio)} = ${a.pool.value} 元按贡献比例分配给项目完成人。`,
        bodyEn: `Surplus ${p.surplus} × ${trimRatio(p.allocation_ratio)} = ${a.pool.value} allocated to the completers by contribution.`,
        link: `/projects/${id}`,
      });
    }
    return { status: 201, body: { projectId: id } };
  });
  return { ...(await getProject(ctx, id)), replayed: res.replayed };
}

export async function projectTimeline(ctx: Ctx, id: string): Promise<ProjectTimeline> {
  await loadProject(ctx, id);
  const events = await readStream(ctx.db, stream(id));
  return { items: events.map((e) => ({ seq: e.seq, type: e.type, at: e.occurredAt.toISOString(), actorUserId: e.actorUserId, reason: e.reason, payload: e.payload })) };
}

// ------------------------------------------------------------------------------------------
// For the distribution module's payroll export
// ------------------------------------------------------------------------------------------

export interface SurplusCashLine {
  /** The user id when the completer has an account, otherwise the completer's id in this module. */
  personId: string;
  userId: string | null;
  completerId: string;
  name: string;
  amount: Money;
  /** The acceptance date: when the surplus became transfer income (the three-year clock of 财税〔2018〕58号). */
  recognisedOn: string;
  /** When the allocation was decided (the period filter). */
  allocatedOn: string;
  projectId: string;
  projectTitle: string;
}

/**
 * Cash rewards from contract-research surplus decided in [fromDate, toDate] for one institution:
 * the lines paid in cash (cash allocations, and cash takers of cash + technology allocations).
 * Cash contributed to a company in a person's name (现金入股) is not payroll and is left out.
 */
export async function surplusCashRewards(tx: { db: Queryable }, orgId: string, fromDate: string, toDate: string): Promise<SurplusCashLine[]> {
  const { rows } = await tx.db.query<{ completer_id: string; user_id: string | null; name: string; cash_part: string; accepted_on: string; allocated_on: string; project_id: string; title: string }>(
    `select l.completer_id, c.user_id, c.name, l.cash_part, p.accepted_on, a.allocated_on, p.id as project_id, p.title
       from research_project_allocation_lines l
       join research_project_allocations a on a.project_id = l.project_id
       join research_projects p on p.id = l.project_id
       join research_project_completers c on c.id = l.completer_id
      where p.organisation_id = $1 and a.allocated_on between $2 and $3 and l.takes = 'cash' and l.cash_part > 0
      order by a.allocated_on, p.id, c.position`,
    [orgId, fromDate, toDate],
  );
  return rows.map((r) => ({
    personId: r.user_id ?? r.completer_id,
    userId: r.user_id,
    completerId: r.completer_id,
    name: r.name,
    amount: r.cash_part,
    recognisedOn: r.accepted_on,
    allocatedOn: r.allocated_on,
    projectId: r.project_id,
    projectTitle: r.title,
  }));
}
