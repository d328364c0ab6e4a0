import { randomUUID } from 'node:crypto';
import type { HoldingStatus } from '../../../common/achievements.js';
import type { Disposal, Holding, HoldingList, Preservation } from '../../../common/api/achievements.js';
import type { Money } from '../../../common/money.js';
import type { PageParams } from '../../../common/page.js';
import { toFen } from '../../../common/money.js';
import type { Queryable } from '../../db/client.js';
import { audit } from '../../lib/audit.js';
import { type Ctx, inTransaction, isOfficeOf, type TxCtx } from '../../lib/context.js';
import { AppError, fieldError, fieldErrors, forbidden } from '../../lib/errors.js';
import { appendEvent } from '../../lib/ledger.js';
import { groupBy } from '../../lib/rows.js';
import { queryPage } from '../../lib/pagination.js';
import { loadRow } from './achievements.service.js';
import { checkDisposal, DISPOSAL_KIND_LABELS, type DisposalKind, holdingStatus, type PreservationHolding, preservationReport, remainingOf } from './achievements.equity.rules.js';

/**
 * The equity sub-ledger (股权子台账, DOMAIN §3): holdings formed by 作价入股 and their disposals
 * (划转 / 转让 / 退出 / 损失核销), decided by the institution itself on its own decision document
 * (Qingdao measure 1: no outside approval step). Each holding is a ledger stream `equity:<id>`;
 * every change is audited in the same transaction. Achievement-derived equity is always kept out
 * of the value-preservation assessment.
 */

export const equityStream = (id: string) => `equity:${id}`;

export interface HoldingRow {
  id: string;
  organisation_id: string;
  achievement_id: string | null;
  company_name: string;
  company_credit_code: string;
  shares_pct: string;
  book_value: string;
  acquired_on: string;
  excluded_from_preservation: boolean;
  status: HoldingStatus;
  created_at: Date;
}

interface DisposalRow {
  id: string;
  holding_id: string;
  kind: DisposalKind;
  shares_pct: string;
  book_value: string;
  proceeds: string;
  decision_doc_no: string;
  decision_date: string;
  disposed_on: string;
  note: string;
  created_at: Date;
}

/** numeric(9,6) comes back as "12.500000": drop the trailing zeros. */
const shares = (s: string) => (s.includes('.') ? s.replace(/\.?0+$/, '') : s);

const holdingNotFound = (id: string) => new AppError('NOT_FOUND', { params: { entity: `股权持有记录 ${id}`, entityEn: `Equity holding ${id}` } });

function requireOffice(ctx: Ctx | TxCtx, organisationId: string) {
  if (!isOfficeOf(ctx.actor, organisationId)) throw forbidden();
}

function presentDisposal(d: DisposalRow): Disposal {
  return {
    id: d.id,
    kind: d.kind,
    kindLabel: DISPOSAL_KIND_LABELS[d.kind].zh,
    sharesPct: shares(d.shares_pct),
    bookValue: d.book_value,
    proceeds: d.proceeds,
    decisionDocNo: d.decision_doc_no,
    decisionDate: d.decision_date,
    disposedOn: d.disposed_on,
    note: d.note,
    createdAt: d.created_at.toISOString(),
  };
}

function presentHolding(h: HoldingRow, disposals: readonly DisposalRow[]): Holding {
  const original = { sharesPct: shares(h.shares_pct), bookValue: h.book_value };
  const remaining = remainingOf(
    original,
    disposals.map((d) => ({ sharesPct: shares(d.shares_pct), bookValue: d.book_value })),
  );
  return {
    id: h.id,
    organisationId: h.organisation_id,
    achievementId: h.achievement_id,
    companyName: h.company_name,
    companyCreditCode: h.company_credit_code,
    sharesPct: original.sharesPct,
    bookValue: h.book_value,
    acquiredOn: h.acquired_on,
    excludedFromPreservation: h.excluded_from_preservation,
    status: h.status,
    remaining,
    disposals: disposals.map(presentDisposal),
    createdAt: h.created_at.toISOString(),
  };
}
export type HoldingView = Holding;

async function loadDisposals(db: Queryable, holdingIds: readonly string[]): Promise<Map<string, DisposalRow[]>> {
  if (!holdingIds.length) return new Map();
  const { rows } = await db.query<DisposalRow>('select * from equity_disposals where holding_id = any($1) order by disposed_on, created_at, id', [holdingIds]);
  return groupBy(rows, (r) => r.holding_id);
}

export async function loadHolding(db: Queryable, organisationId: string, id: string, forUpdate = false): Promise<HoldingRow> {
  const { rows } = await db.query<HoldingRow>(`select * from equity_holdings where id = $1 and organisation_id = $2 ${forUpdate ? 'for update' : ''}`, [id, organisationId]);
  if (!rows[0]) throw holdingNotFound(id);
  return rows[0];
}

export interface NewHolding {
  companyName: string;
  companyCreditCode: string;
  sharesPct: string;
  bookValue: Money;
  acquiredOn: string;
  achievementId?: string | null | undefined;
}

export async function createHolding(ctx: Ctx, organisationId: string, input: NewHolding): Promise<HoldingView> {
  requireOffice(ctx, organisationId);
  const id = randomUUID();
  await inTransaction(ctx, async (tx) => {
    if (input.achievementId) {
      const a = await loadRow(tx.db, input.achievementId);
      if (!a || a.organisation_id !== organisationId) {
        throw fieldError('body.achievementId', '成果不存在或不属于本单位', 'no such achievement in this institution');
      }
    }
    const bookValue = toFen(input.bookValue);
    await tx.db.query(
      `insert into equity_holdings (id, organisation_id, achievement_id, company_name, company_credit_code, shares_pct, book_value, acquired_on, excluded_from_preservation, status, created_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, true, 'held', $9)`,
      [id, organisationId, input.achievementId ?? null, input.companyName, input.companyCreditCode, input.sharesPct, bookValue, input.acquiredOn, tx.now],
    );
    const payload = {
      organisationId,
      achievementId: input.achievementId ?? null,
      companyName: input.companyName,
      companyCreditCode: input.companyCreditCode,
      sharesPct: input.sharesPct,
      bookValue,
      acquiredOn: input.acquiredOn,
      excludedFromPreservation: true,
    };
    await appendEvent(tx, { stream: equityStream(id), type: 'equity.acquired', payload });
    await audit(tx, { action: 'equity.acquire', entity: 'equityHolding', entityId: id, organisationId, after: payload });
  });
  return getHolding(ctx, organisationId, id);
}

export async function getHolding(ctx: Ctx, organisationId: string, id: string): Promise<HoldingView> {
  requireOffice(ctx, organisationId);
  const h = await loadHolding(ctx.db, organisationId, id);
  return presentHolding(h, (await loadDisposals(ctx.db, [id])).get(id) ?? []);
}

/** The institution's holdings, by acquisition date (oldest first by default). */
export async function listHoldings(ctx: Ctx, organisationId: string, query: PageParams & { order: 'asc' | 'desc' }): Promise<HoldingList> {
  requireOffice(ctx, organisationId);
  const o = query.order;
  const page = await queryPage<HoldingRow>(
    ctx.db,
    { select: '*', from: 'from equity_holdings where organisation_id = $1', values: [organisationId], orderBy: `acquired_on ${o}, created_at ${o}, id ${o}` },
    query,
  );
  const disposals = await loadDisposals(
    ctx.db,
    page.items.map((r) => r.id),
  );
  return { ...page, items: page.items.map((h) => presentHolding(h, disposals.get(h.id) ?? [])) };
}

/** An institution's holdings as the annual report reads them: company, date, achievement. */
export async function holdingsOfOrganisation(db: Queryable, organisationId: string): Promise<{ achievementId: string | null; companyName: string; companyCreditCode: string; acquiredOn: string }[]> {
  const { rows } = await db.query<Pick<HoldingRow, 'achievement_id' | 'company_name' | 'company_credit_code' | 'acquired_on'>>(
    'select achievement_id, company_name, company_credit_code, acquired_on from equity_holdings where organisation_id = $1 order by acquired_on, id',
    [organisationId],
  );
  return rows.map((h) => ({ achievementId: h.achievement_id, companyName: h.company_name, companyCreditCode: h.company_credit_code, acquiredOn: h.acquired_on }));
}

export interface NewDisposal {
  kind: DisposalKind;
  sharesPct: string;
  bookValue: Money;
  proceeds?: Money | undefined;
  decisionDocNo: string;
  decisionDate: string;
  disposedOn?: string | undefined;
  note?: string | undefined;
}

/** Records a disposal decided by the institution; partial disposals are allowed, never more than is held. */
export async function disposeHolding(ctx: Ctx, organisationId: string, id: string, input: NewDisposal): Promise<HoldingView> {
  requireOffice(ctx, organisationId);
  await inTransaction(ctx, (tx) => recordDisposal(tx, organisationId, id, input));
  return getHolding(ctx, organisationId, id);
}

/** The disposal itself, inside the caller's transaction (equity rewards record their 划转 here). */
export async function recordDisposal(tx: TxCtx, organisationId: string, id: string, input: NewDisposal): Promise<void> {
  const h = await loadHolding(tx.db, organisationId, id, true);
  const before = (await loadDisposals(tx.db, [id])).get(id) ?? [];
  const original = { sharesPct: shares(h.shares_pct), bookValue: h.book_value };
  const remaining = remainingOf(
    original,
    before.map((d) => ({ sharesPct: shares(d.shares_pct), bookValue: d.book_value })),
  );
  const bookValue = toFen(input.bookValue);
  const problems = checkDisposal(remaining, { sharesPct: input.sharesPct, bookValue });
  if (problems.length) throw fieldErrors(problems.map((p) => ({ field: `body.${p.field}`, zh: p.zh, en: p.en })));
  const disposedOn = input.disposedOn ?? input.decisionDate;
  if (disposedOn < h.acquired_on) throw fieldError('body.disposedOn', `处置日期不能早于取得日期 ${h.acquired_on}`, `the disposal cannot precede the acquisition on ${h.acquired_on}`);
  if (input.decisionDate > disposedOn) throw fieldError('body.decisionDate', '决策日期不能晚于处置日期', 'the decision cannot come after the disposal');
  const proceeds = toFen(input.proceeds ?? '0');
  const disposalId = randomUUID();
  await tx.db.query(
    `insert into equity_disposals (id, holding_id, kind, shares_pct, book_value, proceeds, decision_doc_no, decision_date, disposed_on, note, created_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [disposalId, id, input.kind, input.sharesPct, bookValue, proceeds, input.decisionDocNo, input.decisionDate, disposedOn, input.note ?? '', tx.now],
  );
  const after = remainingOf(remaining, [{ sharesPct: input.sharesPct, bookValue }]);
  const status = holdingStatus(original, after);
  await tx.db.query('update equity_holdings set status = $2 where id = $1', [id, status]);
  const payload = {
    disposalId,
    kind: input.kind,
    sharesPct: input.sharesPct,
    bookValue,
    proceeds,
    decisionDocNo: input.decisionDocNo,
    decisionDate: input.decisionDate,
    disposedOn,
    remainingSharesPct: after.sharesPct,
    remainingBookValue: after.bookValue,
    status,
  };
  await appendEvent(tx, { stream: equityStream(id), type: 'equity.disposed', payload, reason: input.note || null });
  await audit(tx, { action: `equity.${input.kind}`, entity: 'equityHolding', entityId: id, organisationId, before: { status: h.status, remaining }, after: payload });
}

export interface PreservationQuery {
  from: string;
  to: string;
  openingEquity: Money;
  closingEquity: Money;
}

/** The preservation report of a period: the ratio as booked and with achievement-derived equity excluded. */
export async function preservation(ctx: Ctx, organisationId: string, q: PreservationQuery): Promise<Preservation> {
  if (q.from > q.to) throw fieldError('query.to', '期末日期不能早于期初日期', 'the end of the period cannot precede its start');
  const { rows } = await ctx.db.query<HoldingRow>('select * from equity_holdings where organisation_id = $1 order by acquired_on, id', [organisationId]);
  const disposals = await loadDisposals(
    ctx.db,
    rows.map((r) => r.id),
  );
  const holdings: PreservationHolding[] = rows.map((h) => ({
    id: h.id,
    companyName: h.company_name,
    bookValue: h.book_value,
    acquiredOn: h.acquired_on,
    excludedFromPreservation: h.excluded_from_preservation,
    disposals: (disposals.get(h.id) ?? []).map((d) => ({ kind: d.kind, bookValue: d.book_value, disposedOn: d.disposed_on })),
  }));
  const report = preservationReport({ ...q, holdings });
  return {
    organisationId,
    ...report,
    holdings: holdings.filter((h) => h.excludedFromPreservation).map((h) => ({ id: h.id, companyName: h.companyName, bookValue: h.bookValue, acquiredOn: h.acquiredOn })),
  };
}
