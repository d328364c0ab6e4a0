import { randomUUID } from 'node:crypto';
import type { CaseListQuery, CasePage, RectificationCase, RightsTimeline } from '../../../common/api/rights.js';
import { businessDateOf, compareDates } from '../../../common/calendar.js';
import { audit } from '../../lib/audit.js';
import { type Ctx, inTransaction, isOfficeOf, type TxCtx } from '../../lib/context.js';
import { AppError, fieldErrors, forbidden, notFound } from '../../lib/errors.js';
import { appendEvent } from '../../lib/ledger.js';
import { reserveYearlySequence } from '../../lib/numbers.js';
import { queryPage } from '../../lib/pagination.js';
import { streamTimeline } from '../../lib/timeline.js';
import { renderRectificationDecision } from './grant-pdf.js';
import { insertAgreement, type NewAgreement } from './proceeds.service.js';
import type { RectificationStatus } from '../../../common/rights.js';
import { readsOfficeRecords } from './rights.access.js';

/**
 * Rectification of past spin-offs (历史衍生企业合规整改, measure 2, DOMAIN §4.4): a case records
 * the company and its original holdings and the findings; a decision document (uploaded or
 * generated) decides it; the resulting ownership grant or agreed-proceeds arrangement is linked.
 * open → decided → arranged. Each case is the ledger stream `rectification:<id>`.
 */

export { RECTIFICATION_STATUSES, type RectificationStatus } from '../../../common/rights.js';
export const RECTIFICATION_STATUS_LABELS: Record<RectificationStatus, { zh: string; en: string }> = {
  open: { zh: '核查中', en: 'Under review' },
  decided: { zh: '已作出整改决定', en: 'Decided' },
  arranged: { zh: '已落实赋权或约定收益安排', en: 'Arrangement in place' },
};

const caseStream = (id: string) => `rectification:${id}`;

interface CaseRow {
  id: string;
  number: string;
  organisation_id: string;
  company_name: string;
  company_credit_code: string;
  founded_on: string | null;
  original_holdings: { holder: string; shares: string; note?: string }[];
  findings: string;
  status: RectificationStatus;
  decision_no: string | null;
  decided_on: string | null;
  decision_summary: string | null;
  decision_doc_name: string | null;
  decision_generated: boolean;
  grant_id: string | null;
  agreement_id: string | null;
  created_at: Date;
  updated_at: Date;
}

/** The institution's office decides; oversight (the bureau, administrators) reads. */

async function loadCase(ctx: Ctx | TxCtx, id: string, forUpdate = false): Promise<CaseRow> {
  const { rows } = await ctx.db.query<CaseRow>(
    `select id, number, organisation_id, company_name, company_credit_code, founded_on, original_holdings, findings, status, decision_no, decided_on,
            decision_summary, decision_doc_name, decision_generated, grant_id, agreement_id, created_at, updated_at
       from rectification_cases where id = $1 ${forUpdate ? 'for update' : ''}`,
    [id],
  );
  const c = rows[0];
  if (!c || !readsOfficeRecords(ctx.actor, c.organisation_id)) throw notFound('rectificationCase', id);
  return c;
}

const present = (c: CaseRow): RectificationCase => ({
  id: c.id,
  number: c.number,
  organisationId: c.organisation_id,
  company: { name: c.company_name, creditCode: c.company_credit_code },
  foundedOn: c.founded_on,
  originalHoldings: c.original_holdings.map((h) => ({ holder: h.holder, shares: h.shares, note: h.note ?? '' })),
  findings: c.findings,
  status: c.status,
  statusLabel: RECTIFICATION_STATUS_LABELS[c.status],
  decision: c.decision_no ? { number: c.decision_no, decidedOn: c.decided_on!, summary: c.decision_summary ?? '', documentName: c.decision_doc_name ?? '', generated: c.decision_generated } : null,
  grantId: c.grant_id,
  agreementId: c.agreement_id,
  createdAt: c.created_at.toISOString(),
  updatedAt: c.updated_at.toISOString(),
});
export type CaseView = RectificationCase;

export async function getCase(ctx: Ctx, id: string): Promise<CaseView> {
  return present(await loadCase(ctx, id));
}

const CASE_ORDER: Record<CaseListQuery['sort'], string> = { updatedAt: 'updated_at', number: 'number' };

/** A page of the institution's cases. */
export async function listCases(ctx: Ctx, orgId: string, query: CaseListQuery): Promise<CasePage> {
  if (!readsOfficeRecords(ctx.actor, orgId)) throw forbidden();
  const page = await queryPage<{ id: string }>(
    ctx.db,
    { select: 'id', from: 'from rectification_cases where organisation_id = $1', values: [orgId], orderBy: `${CASE_ORDER[query.sort]} ${query.order}, id ${query.order}` },
    query,
  );
  const items: RectificationCase[] = [];
  for (const r of page.items) items.push(present(await loadCase(ctx, r.id)));
  return { ...page, items };
}

export interface NewCase {
  companyName: string;
  companyCreditCode: string;
  foundedOn?: string | undefined;
  originalHoldings: { holder: string; shares: string; note?: string | undefined }[];
  findings: string;
}

export async function openCase(ctx: Ctx, orgId: string, input: NewCase): Promise<RectificationCase> {
  if (!isOfficeOf(ctx.actor, orgId)) throw forbidden();
  if (input.foundedOn && compareDates(input.foundedOn, businessDateOf(ctx.now)) > 0)
    throw fieldErrors([{ field: 'body.foundedOn', zh: '成立日期不能晚于今天', en: 'the company cannot be founded in the future' }]);
  const holders = input.originalHoldings.map((h) => h.holder.trim());
  const dup = holders.find((h, i) => holders.indexOf(h) !== i);
  if (dup) throw fieldErrors([{ field: 'body.originalHoldings', zh: `持股人“${dup}”重复`, en: `holder "${dup}" is listed twice` }]);
  const id = await inTransaction(ctx, async (tx) => {
    const { year, first } = await reserveYearlySequence(tx, 'rectification_counters');
    const number = `ZG-${year}-${String(first).padStart(6, '0')}`;
    const caseId = randomUUID();
    await tx.db.query(
      `insert into rectification_cases (id, number, organisation_id, company_name, company_credit_code, founded_on, original_holdings, findings, status, created_by, created_at, updated_at)
       values ($1,$2,$3,$4,$5,$6,$7,$8,'open',$9,$10,$10)`,
      [caseId, number, orgId, input.companyName.trim(), input.companyCreditCode, input.foundedOn ?? null, JSON.stringify(input.originalHoldings), input.findings, tx.actor?.userId ?? null, tx.now],
    );
    await appendEvent(tx, {
      stream: caseStream(caseId),
      type: 'rectification.opened',
      payload: { number, company: { name: input.companyName, creditCode: input.companyCreditCode }, originalHoldings: input.originalHoldings, findings: input.findings },
    });
    await audit(tx, { action: 'rights.rectification_open', entity: 'rectification_case', entityId: caseId, organisationId: orgId, after: { number, ...input } });
    return caseId;
  });
  return getCase(ctx, id);
}

function refuse(c: CaseRow, zh: string, en: string): never {
  const s = RECTIFICATION_STATUS_LABELS[c.status];
  throw new AppError('CONFLICT', { params: { detail: `整改案件状态为“${s.zh}”，${zh}`, detailEn: `the case is "${s.en}"; ${en}` } });
}

export interface DecisionInput {
  decisionNo: string;
  decidedOn: string;
  summary: string;
  document?: { filename: string; dataBase64: string } | undefined;
}

/** The decision: an uploaded document, or one generated from the case (PDF). */
export async function decideCase(ctx: Ctx, id: string, input: DecisionInput): Promise<RectificationCase> {
  let upload: Buffer | null = null;
  if (input.document) {
    upload = Buffer.from(input.document.dataBase64, 'base64');
    if (!upload.length || upload.length > 10 * 1024 * 1024) throw fieldErrors([{ field: 'body.document.dataBase64', zh: '决定书文件须为 1 字节至 10 MB', en: 'the document must be 1 byte to 10 MB' }]);
  }
  await inTransaction(ctx, async (tx) => {
    const c = await loadCase(tx, id, true);
    if (!isOfficeOf(tx.actor, c.organisation_id)) throw forbidden();
    if (c.status !== 'open') refuse(c, '已作出决定', 'it is already decided');
    if (compareDates(input.decidedOn, businessDateOf(tx.now)) > 0) throw fieldErrors([{ field: 'body.decidedOn', zh: '决定日期不能晚于今天', en: 'the decision cannot be dated in the future' }]);
    let doc = upload;
    let name = input.document?.filename ?? '';
    if (!doc) {
      const { rows } = await tx.db.query<{ name: string }>('select name from organisations where id = $1', [c.organisation_id]);
      doc = await renderRectificationDecision({
        caseNumber: c.number,
        decisionNo: input.decisionNo,
        decidedOn: input.decidedOn,
        institution: rows[0]?.name ?? '',
        company: { name: c.company_name, creditCode: c.company_credit_code },
        originalHoldings: c.original_holdings,
        findings: c.findings,
        summary: input.summary,
      });
      name = `${c.number}-整改决定书.pdf`;
    }
    await tx.db.query(
      `update rectification_cases set status = 'decided', decision_no = $2, decided_on = $3, decision_summary = $4, decision_doc = $5, decision_doc_name = $6,
         decision_generated = $7, updated_at = $8 where id = $1`,
      [id, input.decisionNo, input.decidedOn, input.summary, doc, name, !upload, tx.now],
    );
    await appendEvent(tx, {
      stream: caseStream(id),
      type: 'rectification.decided',
      payload: { decisionNo: input.decisionNo, decidedOn: input.decidedOn, summary: input.summary, document: name, generated: !upload, sizeBytes: doc.length },
    });
    await audit(tx, {
      action: 'rights.rectification_decide',
      entity: 'rectification_case',
      entityId: id,
      organisationId: c.organisation_id,
      after: { decisionNo: input.decisionNo, decidedOn: input.decidedOn, document: name },
    });
  });
  return getCase(ctx, id);
}

export async function decisionDocument(ctx: Ctx, id: string): Promise<{ filename: string; data: Buffer }> {
  const c = await loadCase(ctx, id);
  const { rows } = await ctx.db.query<{ decision_doc: Buffer | Uint8Array | null }>('select decision_doc from rectification_cases where id = $1', [id]);
  const doc = rows[0]?.decision_doc;
  if (!doc || !c.decision_doc_name) refuse(c, '尚无决定书', 'there is no decision document yet');
  return { filename: c.decision_doc_name, data: Buffer.from(doc) };
}

export type ArrangementInput = { kind: 'grant'; grantId: string } | { kind: 'agreed_proceeds'; agreement: NewAgreement };

/** Links the resulting grant (an application for the company's achievement) or records the agreed-proceeds arrangement. */
export async function arrangeCase(ctx: Ctx, id: string, input: ArrangementInput): Promise<RectificationCase> {
  await inTransaction(ctx, async (tx) => {
    const c = await loadCase(tx, id, true);
    if (!isOfficeOf(tx.actor, c.organisation_id)) throw forbidden();
    if (c.status !== 'decided') refuse(c, c.status === 'open' ? '须先作出整改决定' : '安排已落实', c.status === 'open' ? 'decide it first' : 'the arrangement is already in place');
    let payload: Record<string, unknown>;
    if (input.kind === 'grant') {
      const { rows } = await tx.db.query<{ organisation_id: string; status: string; number: string; rectification_case_id: string | null }>(
        'select organisation_id, status, number, rectification_case_id from rights_grants where id = $1 for update',
        [input.grantId],
      );
      const g = rows[0];
      if (!g || g.organisation_id !== c.organisation_id) throw fieldErrors([{ field: 'body.grantId', zh: '本单位没有该赋权申请', en: 'no such grant application of this institution' }]);
      if (['rejected', 'withdrawn'].includes(g.status))
        throw fieldErrors([{ field: 'body.grantId', zh: `赋权申请 ${g.number} 已${g.status === 'rejected' ? '被拒绝' : '撤回'}`, en: `grant ${g.number} was ${g.status}` }]);
      if (g.rectification_case_id && g.rectification_case_id !== id)
        throw fieldErrors([{ field: 'body.grantId', zh: `赋权申请 ${g.number} 已关联其他整改案件`, en: `grant ${g.number} belongs to another case` }]);
      await tx.db.query('update rights_grants set rectification_case_id = $2 where id = $1', [input.grantId, id]);
      await tx.db.query("update rectification_cases set status = 'arranged', grant_id = $2, updated_at = $3 where id = $1", [id, input.grantId, tx.now]);
      await appendEvent(tx, { stream: `rights:${input.grantId}`, type: 'rights.rectification_linked', payload: { rectificationCaseId: id, caseNumber: c.number } });
      payload = { kind: 'grant', grantId: input.grantId, grantNumber: g.number };
    } else {
      if (input.agreement.companyCreditCode !== c.company_credit_code) {
        throw fieldErrors([
          { field: 'body.agreement.companyCreditCode', zh: `约定收益须与本案公司（${c.company_credit_code}）订立`, en: `the agreement must be with the case's company (${c.company_credit_code})` },
        ]);
      }
      const agreementId = await insertAgreement(tx, c.organisation_id, input.agreement, { rectificationCaseId: id });
      await tx.db.query("update rectification_cases set status = 'arranged', agreement_id = $2, updated_at = $3 where id = $1", [id, agreementId, tx.now]);
      payload = { kind: 'agreed_proceeds', agreementId };
    }
    await appendEvent(tx, { stream: caseStream(id), type: 'rectification.arranged', payload });
    await audit(tx, { action: 'rights.rectification_arrange', entity: 'rectification_case', entityId: id, organisationId: c.organisation_id, after: payload });
  });
  return getCase(ctx, id);
}

export async function caseTimeline(ctx: Ctx, id: string): Promise<RightsTimeline> {
  await loadCase(ctx, id);
  return streamTimeline(ctx.db, caseStream(id));
}
