import { randomUUID } from 'node:crypto';
import { addDays, businessDateOf, compareDates } from '../../../common/calendar.js';
import type { Agreement, AgreementListQuery, AgreementPage, CorporateEventResult } from '../../../common/api/rights.js';
import { cmp, fenToMoney, type Money, type Ratio } from '../../../common/money.js';
import type { Queryable } from '../../db/client.js';
import { audit } from '../../lib/audit.js';
import { type Ctx, inTransaction, isOfficeOf, type TxCtx } from '../../lib/context.js';
import { fieldErrors, forbidden, notFound, ruleViolation } from '../../lib/errors.js';
import { runIdempotent } from '../../lib/idempotency.js';
import { appendEvent } from '../../lib/ledger.js';
import { queryPage } from '../../lib/pagination.js';
import { loadRow } from '../achievements/index.js';
import { addFixedObligation, contractNumbers, openCollectionContract } from '../contracts/index.js';
import { ensureCompanyOrg } from '../orgs/index.js';
import { type AgreementTerms, applyEvent, CORPORATE_EVENT_LABELS, type CorporateEvent, type CorporateEventKind, eventIssues, type Position, replay, trackedSharesOf } from './proceeds.js';
import { recordedGrant, rightsPolicyOn, trimRatio } from './rights.service.js';
import { readsOfficeRecords } from './rights.access.js';

export { agreedProceedsTriggerReward } from './rights.service.js';

/**
 * Agreed proceeds (约定收益, measure 2): an agreement per granted achievement invested in a
 * company, the corporate events recorded with evidence, and the institution's dues, which become
 * fixed obligations of a collection contract in the contracts module (linked here). Each
 * agreement is the ledger stream `proceeds:<id>`.
 */

export const proceedsStream = (id: string) => `proceeds:${id}`;
/** Dues are payable within this many days of the event being recorded. */
export const DUE_DAYS = 30;

interface AgreementRow {
  id: string;
  organisation_id: string;
  achievement_id: string;
  grant_id: string | null;
  rectification_case_id: string | null;
  company_org_id: string;
  company_name: string;
  company_credit_code: string;
  equity_shares: string;
  held_shares: string;
  institution_share: string;
  agreed_on: string;
  policy_version: number;
  status: 'active' | 'closed';
  created_at: Date;
  updated_at: Date;
}

interface EventRow {
  id: string;
  agreement_id: string;
  kind: CorporateEventKind;
  occurred_on: string;
  evidence: string;
  inputs: Record<string, string>;
  due: string;
  held_before: string;
  held_after: string;
  explanation: Record<string, unknown>;
  obligation_key: string | null;
  recorded_at: Date;
}

/** For the distribution module: whether a contract collects agreed proceeds (its receipts are not ordinary licence income). */
export async function isAgreedProceedsContract(tx: { db: Queryable }, contractId: string): Promise<boolean> {
  const { rows } = await tx.db.query('select 1 from agreed_proceeds_contracts where contract_id = $1', [contractId]);
  return rows.length > 0;
}

/** The institution's office decides; oversight (the bureau, administrators) reads. */

const termsOf = (a: AgreementRow): AgreementTerms => ({
  institutionShare: trimRatio(a.institution_share),
  equityShares: BigInt(String(a.equity_shares)),
  agreedOn: a.agreed_on,
  policyVersion: a.policy_version,
});

function toEvent(e: EventRow): CorporateEvent {
  const i = e.inputs;
  switch (e.kind) {
    case 'bonus_shares':
      return { kind: e.kind, on: e.occurred_on, shares: BigInt(i.shares!) };
    case 'dividend':
      return { kind: e.kind, on: e.occurred_on, amount: i.amount! };
    case 'partial_sale':
      return { kind: e.kind, on: e.occurred_on, sharesSold: BigInt(i.sharesSold!), pricePerShare: i.pricePerShare! };
    case 'ipo':
      return { kind: e.kind, on: e.occurred_on, listingPrice: i.listingPrice! };
    case 'full_transfer':
      return { kind: e.kind, on: e.occurred_on, pricePerShare: i.pricePerShare! };
  }
}

async function eventsOf(db: Queryable, id: string): Promise<EventRow[]> {
  const { rows } = await db.query<EventRow>('select * from agreed_proceeds_events where agreement_id = $1 order by occurred_on, recorded_at', [id]);
  return rows;
}

async function contractOf(db: Queryable, id: string): Promise<{ contract_id: string; number: string } | null> {
  const { rows } = await db.query<{ contract_id: string }>('select contract_id from agreed_proceeds_contracts where agreement_id = $1', [id]);
  const link = rows[0];
  if (!link) return null;
  const number = (await contractNumbers(db, [link.contract_id])).get(link.contract_id);
  return number === undefined ? null : { contract_id: link.contract_id, number };
}

async function loadAgreement(ctx: Ctx | TxCtx, id: string, forUpdate = false): Promise<AgreementRow> {
  const { rows } = await ctx.db.query<AgreementRow>(`select * from agreed_proceeds where id = $1 ${forUpdate ? 'for update' : ''}`, [id]);
  const a = rows[0];
  if (!a || !readsOfficeRecords(ctx.actor, a.organisation_id)) throw notFound('agreedProceeds', id);
  return a;
}

async function present(db: Queryable, a: AgreementRow): Promise<Agreement> {
  const events = await eventsOf(db, a.id);
  const terms = termsOf(a);
  const { position, results } = replay(terms, events.map(toEvent));
  const achievement = await loadRow(db, a.achievement_id);
  const contract = await contractOf(db, a.id);
  return {
    id: a.id,
    organisationId: a.organisation_id,
    achievement: { id: a.achievement_id, number: achievement?.number ?? '', title: achievement?.title ?? '' },
    grantId: a.grant_id,
    rectificationCaseId: a.rectification_case_id,
    company: { organisationId: a.company_org_id, name: a.company_name, creditCode: a.company_credit_code },
    equityShares: String(a.equity_shares),
    institutionShare: terms.institutionShare,
    agreedOn: a.agreed_on,
    policyVersion: a.policy_version,
    status: a.status,
    contract: contract ? { id: contract.contract_id, number: contract.number } : null,
    position: presentPosition(terms, position),
    events: events.map((e, i) => ({
      id: e.id,
      kind: e.kind,
      label: CORPORATE_EVENT_LABELS[e.kind],
      occurredOn: e.occurred_on,
      evidence: e.evidence,
      inputs: results[i]!.inputs,
      proceeds: results[i]!.proceeds,
      due: results[i]!.due,
      teamPart: results[i]!.teamPart,
      heldBefore: results[i]!.heldBefore,
      heldAfter: results[i]!.heldAfter,
      trackedShares: results[i]!.trackedShares,
      trackedValue: results[i]!.trackedValue,
      rule: results[i]!.rule,
      explanation: results[i]!.explanation,
      policyVersion: results[i]!.policyVersion,
      obligationKey: e.obligation_key,
      recordedAt: e.recorded_at.toISOString(),
    })),
  };
}
export type AgreementView = Agreement;

function presentPosition(terms: AgreementTerms, p: Position) {
  return {
    heldShares: p.heldShares.toString(),
    trackedShares: trackedSharesOf(terms.institutionShare, p.heldShares),
    proceedsToDate: fenToMoney(p.proceedsFen),
    dueToDate: fenToMoney(p.dueFen),
    lastPrice: p.lastPrice,
    listed: p.listed,
    closed: p.closed,
  };
}

export async function getAgreement(ctx: Ctx, id: string): Promise<AgreementView> {
  return present(ctx.db, await loadAgreement(ctx, id));
}

/** A page of the institution's agreements, most recently changed first. */
export async function listAgreements(ctx: Ctx, orgId: string, query: AgreementListQuery): Promise<AgreementPage> {
  if (!readsOfficeRecords(ctx.actor, orgId)) throw forbidden();
  const page = await queryPage<AgreementRow>(
    ctx.db,
    { select: '*', from: 'from agreed_proceeds where organisation_id = $1', values: [orgId], orderBy: `updated_at ${query.order}, id ${query.order}` },
    query,
  );
  const items: Agreement[] = [];
  for (const a of page.items) items.push(await present(ctx.db, a));
  return { ...page, items };
}

export interface NewAgreement {
  achievementId: string;
  companyName: string;
  companyCreditCode: string;
  equityShares: string;
  institutionShare: Ratio;
  agreedOn: string;
  evidence: string;
}

/** Records an agreement and opens its collection contract; runs in the caller's transaction. */
export async function insertAgreement(tx: TxCtx, orgId: string, input: NewAgreement, options: { rectificationCaseId?: string } = {}): Promise<string> {
  if (!isOfficeOf(tx.actor, orgId)) throw forbidden();
  const a = await loadRow(tx.db, input.achievementId);
  if (!a || a.organisation_id !== orgId) throw fieldErrors([{ field: 'body.achievementId', zh: '该成果不属于本单位', en: 'the achievement does not belong to this institution' }]);
  const grant = await recordedGrant(tx.db, a.id);
  if (!grant && !options.rectificationCaseId) {
    throw ruleViolation('约定收益适用于已完成赋权（权属变更已登记）的成果，请先完成赋权', 'Agreed proceeds apply to an achievement whose grant is recorded; complete the grant first');
  }
  const unitShare = grant ? trimRatio(grant.unit_share) : '1';
  if (cmp(input.institutionShare, '0') <= 0 || cmp(input.institutionShare, unitShare) > 0) {
    throw fieldErrors([
      {
        field: 'body.institutionShare',
        zh: `单位约定份额须大于 0 且不超过赋权后单位保留的份额 ${unitShare}`,
        en: `the institution's agreed share must be above 0 and at most its share after the grant, ${unitShare}`,
      },
    ]);
  }
  if (compareDates(input.agreedOn, businessDateOf(tx.now)) > 0) throw fieldErrors([{ field: 'body.agreedOn', zh: '约定日期不能晚于今天', en: 'the agreement cannot be dated in the future' }]);
  const companyOrgId = await ensureCompanyOrg(tx, { name: input.companyName, creditCode: input.companyCreditCode });
  const policy = await rightsPolicyOn(tx.db, orgId, input.agreedOn);
  const id = randomUUID();
  await tx.db.query(
    `insert into agreed_proceeds (id, organisation_id, achievement_id, grant_id, rectification_case_id, company_org_id, company_name, company_credit_code,
       equity_shares, held_shares, institution_share, agreed_on, policy_version, created_at, updated_at)
     values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$9,$10,$11,$12,$13,$13)`,
    [
      id,
      orgId,
      a.id,
      grant?.grant_id ?? null,
      options.rectificationCaseId ?? null,
      companyOrgId,
      input.companyName.trim(),
      input.companyCreditCode,
      input.equityShares,
      input.institutionShare,
      input.agreedOn,
      policy.version,
      tx.now,
    ],
  );
  const contractId = await openCollectionContract(tx, {
    licensorOrgId: orgId,
    counterpartyOrgId: companyOrgId,
    title: `${a.title}（赋权+约定收益）`,
    achievementIds: [a.id],
    effectiveOn: input.agreedOn,
    origin: { module: 'rights', agreedProceedsId: id },
  });
  await tx.db.query('insert into agreed_proceeds_contracts (agreement_id, contract_id) values ($1, $2)', [id, contractId]);
  await appendEvent(tx, {
    stream: proceedsStream(id),
    type: 'proceeds.agreed',
    payload: {
      achievementId: a.id,
      grantId: grant?.grant_id ?? null,
      rectificationCaseId: options.rectificationCaseId ?? null,
      company: { name: input.companyName, creditCode: input.companyCreditCode },
      equityShares: input.equityShares,
      institutionShare: input.institutionShare,
      agreedOn: input.agreedOn,
      evidence: input.evidence,
      contractId,
      policyVersion: policy.version,
    },
  });
  await audit(tx, { action: 'rights.proceeds_agreed', entity: 'agreed_proceeds', entityId: id, organisationId: orgId, after: { ...input, contractId } });
  return id;
}

export async function createAgreement(ctx: Ctx, orgId: string, input: NewAgreement): Promise<Agreement> {
  const id = await inTransaction(ctx, (tx) => insertAgreement(tx, orgId, input));
  return getAgreement(ctx, id);
}

export interface CorporateEventInput {
  companyCreditCode: string;
  agreementId?: string | undefined;
  kind: CorporateEventKind;
  occurredOn: string;
  evidence: string;
  shares?: string | undefined;
  amount?: Money | undefined;
  sharesSold?: string | undefined;
  pricePerShare?: string | undefined;
  listingPrice?: string | undefined;
}

function eventOf(input: CorporateEventInput): CorporateEvent {
  const need = (v: string | undefined, field: string, zh: string, en: string) => {
    if (v === undefined || v === '') throw fieldErrors([{ field: `body.${field}`, zh, en }]);
    return v;
  };
  switch (input.kind) {
    case 'bonus_shares':
      return { kind: 'bonus_shares', on: input.occurredOn, shares: BigInt(need(input.shares, 'shares', '请填写送转股数', 'give the number of bonus shares')) };
    case 'dividend':
      return { kind: 'dividend', on: input.occurredOn, amount: need(input.amount, 'amount', '请填写分红金额', 'give the dividend amount') };
    case 'partial_sale':
      return {
        kind: 'partial_sale',
        on: input.occurredOn,
        sharesSold: BigInt(need(input.sharesSold, 'sharesSold', '请填写转让股数', 'give the shares sold')),
        pricePerShare: need(input.pricePerShare, 'pricePerShare', '请填写每股价格', 'give the price per share'),
      };
    case 'ipo':
      return { kind: 'ipo', on: input.occurredOn, listingPrice: need(input.listingPrice, 'listingPrice', '请填写发行价', 'give the listing price') };
    case 'full_transfer':
      return { kind: 'full_transfer', on: input.occurredOn, pricePerShare: need(input.pricePerShare, 'pricePerShare', '请填写每股价格', 'give the price per share') };
  }
}

/**
 * A corporate event of a company the institution has an agreement with, recorded with evidence:
 * the due is computed and, when positive, becomes a fixed obligation of the collection contract.
 * An event for a company without an agreement is refused and nothing is written.
 */
export async function recordCorporateEvent(ctx: Ctx, orgId: string, input: CorporateEventInput, idempotencyKey: string | undefined): Promise<CorporateEventResult> {
  if (!isOfficeOf(ctx.actor, orgId)) throw forbidden();
  const res = await runIdempotent(ctx, idempotencyKey, `POST /orgs/${orgId}/agreed-proceeds/corporate-events`, input, async (tx) => {
    const { rows } = await tx.db.query<AgreementRow>('select * from agreed_proceeds where organisation_id = $1 and company_credit_code = $2 order by created_at for update', [
      orgId,
      input.companyCreditCode,
    ]);
    if (!rows.length) {
      throw ruleViolation(
        `本单位与统一社会信用代码为 ${input.companyCreditCode} 的公司没有约定收益协议，不能记录其公司事件`,
        `The institution has no agreed-proceeds agreement with the company ${input.companyCreditCode}; its corporate events cannot be recorded`,
      );
    }
    const a = input.agreementId ? rows.find((r) => r.id === input.agreementId) : rows.length === 1 ? rows[0] : undefined;
    if (!a) {
      throw fieldErrors([
        input.agreementId
          ? { field: 'body.agreementId', zh: '该协议不是与此公司订立的', en: 'that agreement is not with this company' }
          : { field: 'body.agreementId', zh: `本单位与该公司有 ${rows.length} 份约定收益协议，请指明是哪一份`, en: `there are ${rows.length} agreements with this company; name one` },
      ]);
    }
    const terms = termsOf(a);
    const prior = await eventsOf(tx.db, a.id);
    const { position } = replay(terms, prior.map(toEvent));
    const event = eventOf(input);
    const today = businessDateOf(tx.now);
    const issues = eventIssues(terms, position, event, today);
    if (issues.length) throw fieldErrors(issues.map((i) => ({ field: `body.${i.field}`, zh: i.zh, en: i.en })));
    const r = applyEvent(terms, position, event);
    const eventId = randomUUID();
    let obligationKey: string | null = null;
    let dueOn: string | null = null;
    const link = await contractOf(tx.db, a.id);
    if (cmp(r.due, '0') > 0 && link) {
      dueOn = addDays(today, DUE_DAYS);
      obligationKey = await addFixedObligation(tx, link.contract_id, {
        // One contract per agreement: the event's position in it is a stable, ordered key.
        key: `ap-${String(prior.length + 1).padStart(4, '0')}`,
        label: `约定收益：${CORPORATE_EVENT_LABELS[event.kind].zh} ${event.on}`,
        amount: r.due,
        dueOn,
        note: r.explanation.zh,
      });
    }
    await tx.db.query(
      `insert into agreed_proceeds_events (id, agreement_id, kind, occurred_on, evidence, inputs, due, held_before, held_after, explanation, obligation_key, recorded_by, recorded_at)
       values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13)`,
      [
        eventId,
        a.id,
        event.kind,
        event.on,
        input.evidence,
        JSON.stringify(r.inputs),
        r.due,
        r.heldBefore,
        r.heldAfter,
        JSON.stringify({ rule: r.rule, explanation: r.explanation }),
        obligationKey,
        tx.actor?.userId ?? null,
        tx.now,
      ],
    );
    await tx.db.query('update agreed_proceeds set held_shares = $2, status = $3, updated_at = $4 where id = $1', [a.id, r.heldAfter, r.position.closed ? 'closed' : 'active', tx.now]);
    await appendEvent(tx, {
      stream: proceedsStream(a.id),
      type: 'proceeds.corporate_event',
      payload: {
        eventId,
        kind: event.kind,
        occurredOn: event.on,
        evidence: input.evidence,
        inputs: r.inputs,
        proceeds: r.proceeds,
        due: r.due,
        heldBefore: r.heldBefore,
        heldAfter: r.heldAfter,
        trackedShares: r.trackedShares,
        contractId: link?.contract_id ?? null,
        obligationKey,
        dueOn,
        explanation: r.explanation,
        policyVersion: r.policyVersion,
      },
    });
    await audit(tx, { action: 'rights.corporate_event', entity: 'agreed_proceeds', entityId: a.id, organisationId: orgId, after: { eventId, ...input, due: r.due } });
    return {
      status: 201,
      body: {
        agreementId: a.id,
        eventId,
        due: r.due,
        dueOn,
        proceeds: r.proceeds,
        teamPart: r.teamPart,
        trackedShares: r.trackedShares,
        contractId: link?.contract_id ?? null,
        obligationKey,
        rule: r.rule,
        explanation: r.explanation,
        policyVersion: r.policyVersion,
      },
    };
  });
  return { ...res.body, replayed: res.replayed };
}
