import { createHash, randomUUID } from 'node:crypto';
import { businessDateOf, compareDates } from '../../../common/calendar.js';
import { PUBLICITY_MIN_DAYS } from '../../../common/achievements.js';
import {
  type FunnelCounts,
  type MessagePage,
  type InquiryInput,
  type OfferInput,
  type Offer,
  type PackAccessPage,
  type PackFile,
  type PackOverview,
  type PackUploadInput,
  ROOM_LATEST_MESSAGES,
  type Room,
  type RoomPage,
  type RoomReplay,
  type RoomSummary,
} from '../../../common/api/deals.js';
import { CURRENT_NDA, NDA_TEXTS, OFFER_KIND_LABELS, type OfferKind, type OfferStatus, type RoomStatus } from '../../../common/deals.js';
import { formatYuan } from '../../../common/money.js';
import type { PageParams } from '../../../common/page.js';
import { holdsRole, ROLE_GROUPS } from '../../../common/roles.js';
import type { Queryable } from '../../db/client.js';
import { audit } from '../../lib/audit.js';
import { type Actor, type Ctx, hasRole, hasRoleIn, inTransaction, isOfficeOf, requireActor, type TxCtx } from '../../lib/context.js';
import { AppError, fieldError, forbidden, notFound, ruleViolation } from '../../lib/errors.js';
import { runIdempotent } from '../../lib/idempotency.js';
import { mapPage, queryPage } from '../../lib/pagination.js';
import { appendEvent } from '../../lib/ledger.js';
import { decodeUpload, insertFile, sha256Hex } from '../../lib/files.js';
import { achievementSummaries, loadRow } from '../achievements/index.js';
import { insertContract } from '../contracts/index.js';
import { notify } from '../notifications/index.js';
import { officePeople, peopleHolding } from '../orgs/index.js';

/**
 * Inquiries and the deal room (measure 10): a firm asks about a public achievement or asks for its
 * confidential pack, accepts the click-through NDA, reads the pack (every access logged for the
 * holder), exchanges messages and offers with the holder's office; an accepted offer becomes a
 * draft contract in the contracts module. Each room is the ledger stream `deal:<id>`.
 */

type Side = 'firm' | 'holder';

interface RoomRow {
  id: string;
  achievement_id: string;
  holder_org_id: string;
  firm_org_id: string;
  holder_name: string;
  firm_name: string;
  opened_by: string | null;
  pack_requested: boolean;
  status: RoomStatus;
  nda_version: string | null;
  nda_text_sha256: string | null;
  nda_accepted_by: string | null;
  nda_accepted_by_name: string | null;
  nda_accepted_at: Date | null;
  nda_ip: string | null;
  contract_id: string | null;
  created_at: Date;
  updated_at: Date;
}

interface OfferRow {
  id: string;
  room_id: string;
  seq: number;
  side: Side;
  kind: OfferKind;
  amount: string | null;
  currency: string;
  terms: string;
  valid_until: string;
  status: OfferStatus;
  responds_to: string | null;
  contract_id: string | null;
  created_by: string | null;
  created_at: Date;
  decided_by: string | null;
  decided_at: Date | null;
}

const stream = (id: string) => `deal:${id}`;
const ndaHash = (n: { zh: string; en: string }) => createHash('sha256').update(`${n.zh}\n---\n${n.en}`).digest('hex');
const MAX_PACK_BYTES = 10 * 1024 * 1024;

/**
 * A price agreed in the deal room is 协议定价: the holder publicises the achievement's name and the
 * price for at least 15 days before signing (DOMAIN §2.2, 国发〔2016〕16号; decision 15). The
 * contracts module holds signing while the achievement's publicity runs; the notice says so.
 */
const AGREED_PRICE_NOTICE = {
  method: 'agreement' as const,
  publicityMinDays: PUBLICITY_MIN_DAYS,
  zh: `洽谈成交属协议定价：持有单位须将成果名称和拟交易价格在本单位公示不少于 ${PUBLICITY_MIN_DAYS} 日并公布异议渠道（在成果台账“定价”“公示”中办理），公示期满且异议处理完毕后方可签约。挂牌竞价成交的，以公开竞价结果定价。`,
  en: `A price agreed here is 协议定价 (agreed pricing): the holder publicises the achievement's name and the price internally for at least ${PUBLICITY_MIN_DAYS} days with an objection channel (the ledger's "price" and "publicity" steps); sign after the window ends and objections are resolved. Listing and auction prices come from the open bidding.`,
};

// ------------------------------------------------------------------------------------------
// Who is who
// ------------------------------------------------------------------------------------------

const isFirm = (actor: Actor | null, r: Pick<RoomRow, 'firm_org_id'>) => hasRoleIn(actor, r.firm_org_id, ...ROLE_GROUPS.firm);
const isHolder = (actor: Actor | null, r: Pick<RoomRow, 'holder_org_id'>) => isOfficeOf(actor, r.holder_org_id);
const sideOf = (actor: Actor | null, r: RoomRow): Side | null => (isFirm(actor, r) ? 'firm' : isHolder(actor, r) ? 'holder' : null);
const other = (s: Side): Side => (s === 'firm' ? 'holder' : 'firm');

async function loadRoom(db: Queryable, actor: Actor | null, id: string, forUpdate = false): Promise<RoomRow & { side: Side }> {
  const { rows } = await db.query<RoomRow>(
    `select r.*, h.name as holder_name, f.name as firm_name, u.name as nda_accepted_by_name
       from deal_rooms r join organisations h on h.id = r.holder_org_id join organisations f on f.id = r.firm_org_id
       left join users u on u.id = r.nda_accepted_by
      where r.id = $1 ${forUpdate ? 'for update of r' : ''}`,
    [id],
  );
  const r = rows[0];
  const side = r ? sideOf(actor, r) : null;
  if (!r || !side) throw notFound('dealRoom', id);
  return { ...r, side };
}

/** People to tell: the holder's office or the firm's people. */
async function usersOf(db: Queryable, r: Pick<RoomRow, 'holder_org_id' | 'firm_org_id'>, side: Side): Promise<string[]> {
  const people = side === 'holder' ? await officePeople(db, r.holder_org_id) : await peopleHolding(db, ROLE_GROUPS.firm, r.firm_org_id);
  return people.map((p) => p.userId);
}

async function tellOtherSide(tx: TxCtx, r: RoomRow, from: Side, n: { kind: string; titleZh: string; titleEn: string; bodyZh?: string }) {
  const ids = (await usersOf(tx.db, r, other(from))).filter((u) => u !== tx.actor?.userId);
  await notify(tx, ids, { ...n, link: `/deals/${r.id}` });
}

async function touchRoom(tx: TxCtx, id: string, sets: Record<string, unknown> = {}) {
  const cols = Object.keys(sets);
  await tx.db.query(`update deal_rooms set ${cols.map((c, i) => `${c} = $${i + 2}, `).join('')}updated_at = $${cols.length + 2} where id = $1`, [id, ...cols.map((c) => sets[c]), tx.now]);
}

async function achievementTitle(db: Queryable, id: string): Promise<{ title: string; number: string }> {
  const a = await loadRow(db, id);
  return { title: a?.title ?? '', number: a?.number ?? '' };
}

// ------------------------------------------------------------------------------------------
// Reading
// ------------------------------------------------------------------------------------------

const presentOffer = (o: OfferRow): Offer => ({
  id: o.id,
  seq: o.seq,
  side: o.side,
  kind: o.kind,
  amount: o.amount,
  currency: o.currency,
  negotiable: o.amount === null,
  terms: o.terms,
  validUntil: o.valid_until,
  status: o.status,
  respondsTo: o.responds_to,
  contractId: o.contract_id,
  createdAt: o.created_at.toISOString(),
  decidedAt: o.decided_at?.toISOString() ?? null,
});

async function packFiles(db: Queryable, achievementId: string): Promise<PackFile[]> {
  const { rows } = await db.query<{ id: string; filename: string; content_type: string; size_bytes: number; sha256: string; uploaded_at: Date }>(
    'select id, filename, content_type, size_bytes, sha256, uploaded_at from deal_pack_files where achievement_id = $1 order by uploaded_at, id',
    [achievementId],
  );
  return rows.map((f) => ({ id: f.id, filename: f.filename, contentType: f.content_type, sizeBytes: f.size_bytes, sha256: f.sha256, uploadedAt: f.uploaded_at.toISOString() }));
}

interface MessageRow {
  id: string;
  side: Side;
  author_name: string | null;
  body: string;
  created_at: Date;
}
const MESSAGE_COLUMNS = 'm.id, m.side, u.name as author_name, m.body, m.created_at';
const MESSAGE_FROM = 'from deal_messages m left join users u on u.id = m.author_user_id where m.room_id = $1';
const presentMessage = (m: MessageRow) => ({ id: m.id, side: m.side, author: m.author_name ?? '', body: m.body, at: m.created_at.toISOString() });

async function presentRoom(db: Queryable, r: RoomRow & { side: Side }, today: string): Promise<Room> {
  const a = await achievementTitle(db, r.achievement_id);
  const ndaAccepted = !!r.nda_accepted_at;
  // The latest messages, shown oldest first; the whole conversation is paged by listMessages.
  const messages = await db.query<MessageRow>(`select ${MESSAGE_COLUMNS} ${MESSAGE_FROM} order by m.seq desc limit ${ROOM_LATEST_MESSAGES}`, [r.id]);
  const counts = await db.query<{ messages: number; accesses: number }>(
    `select (select count(*) from deal_messages where room_id = $1)::int as messages, (select count(*) from deal_pack_access where room_id = $1)::int as accesses`,
    [r.id],
  );
  const offers = await db.query<OfferRow>('select * from deal_offers where room_id = $1 order by seq', [r.id]);
  const seesPack = r.side === 'holder' || ndaAccepted;
  const nda = NDA_TEXTS.find((n) => n.version === r.nda_version) ?? CURRENT_NDA;
  return {
    id: r.id,
    achievement: { id: r.achievement_id, title: a.title, number: a.number },
    holder: { id: r.holder_org_id, name: r.holder_name },
    firm: { id: r.firm_org_id, name: r.firm_name },
    mySide: r.side,
    status: r.status,
    packRequested: r.pack_requested,
    nda: {
      accepted: ndaAccepted,
      version: ndaAccepted ? r.nda_version : CURRENT_NDA.version,
      textZh: nda.zh,
      textEn: nda.en,
      textSha256: ndaAccepted ? r.nda_text_sha256 : ndaHash(CURRENT_NDA),
      acceptedBy: r.nda_accepted_by_name,
      acceptedAt: r.nda_accepted_at?.toISOString() ?? null,
      acceptedIp: r.side === 'holder' || ndaAccepted ? r.nda_ip : null,
    },
    packFiles: seesPack ? await packFiles(db, r.achievement_id) : [],
    packAccesses: r.side === 'holder' ? counts.rows[0]!.accesses : 0,
    messages: messages.rows.reverse().map(presentMessage),
    messagesTotal: counts.rows[0]!.messages,
    offers: offers.rows.map(presentOffer),
    openOfferExpired: offers.rows.some((o) => o.status === 'open' && compareDates(o.valid_until, today) < 0),
    contractId: r.contract_id,
    pricing: AGREED_PRICE_NOTICE,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}
export type RoomView = Room;

export async function getRoom(ctx: Ctx, id: string): Promise<RoomView> {
  const r = await loadRoom(ctx.db, ctx.actor, id);
  return presentRoom(ctx.db, r, businessDateOf(ctx.now));
}

/** A room's messages, newest first by default (the room object carries only the latest). */
export async function listMessages(ctx: Ctx, roomId: string, q: PageParams & { order?: 'asc' | 'desc' | undefined }): Promise<MessagePage> {
  await loadRoom(ctx.db, ctx.actor, roomId);
  const dir = q.order === 'asc' ? 'asc' : 'desc';
  const page = await queryPage<MessageRow>(ctx.db, { select: MESSAGE_COLUMNS, from: MESSAGE_FROM, values: [roomId], orderBy: `m.seq ${dir}` }, q);
  return mapPage(page, presentMessage);
}

/** Who opened which pack file of the room, newest first by default: the holder's office sees it; the firm gets an empty page. */
export async function listPackAccess(ctx: Ctx, roomId: string, q: PageParams & { order?: 'asc' | 'desc' | undefined }): Promise<PackAccessPage> {
  const r = await loadRoom(ctx.db, ctx.actor, roomId);
  const dir = q.order === 'asc' ? 'asc' : 'desc';
  const page = await queryPage<{ id: string; filename: string; user_name: string | null; accessed_at: Date; ip: string | null }>(
    ctx.db,
    {
      select: 'x.id, f.filename, u.name as user_name, x.accessed_at, x.ip',
      from: `from deal_pack_access x join deal_pack_files f on f.id = x.file_id left join users u on u.id = x.user_id where x.room_id = $1 and $2::boolean`,
      values: [roomId, r.side === 'holder'],
      orderBy: `x.seq ${dir}`,
    },
    q,
  );
  return mapPage(page, (x) => ({ id: x.id, filename: x.filename, user: x.user_name ?? '', at: x.accessed_at.toISOString(), ip: x.ip }));
}

/** Rooms where the caller is the firm or the holder's office, optionally of one achievement: a page, latest activity first by default. */
export async function listRooms(ctx: Ctx, query: PageParams & { achievementId?: string | undefined; order?: 'asc' | 'desc' | undefined }): Promise<RoomPage> {
  const actor = requireActor(ctx);
  const firmOrgs = actor.memberships.filter((m) => holdsRole([m], ROLE_GROUPS.firm)).map((m) => m.organisationId);
  const officeOrgs = actor.memberships.filter((m) => holdsRole([m], ROLE_GROUPS.office)).map((m) => m.organisationId);
  const dir = query.order === 'asc' ? 'asc' : 'desc';
  const page = await queryPage<RoomRow & { messages: number; offers: number; open_offers: number; accesses: number }>(
    ctx.db,
    {
      select: `r.*, h.name as holder_name, f.name as firm_name, null as nda_accepted_by_name,
            (select count(*) from deal_messages m where m.room_id = r.id)::int as messages,
            (select count(*) from deal_offers o where o.room_id = r.id)::int as offers,
            (select count(*) from deal_offers o where o.room_id = r.id and o.status = 'open')::int as open_offers,
            (select count(*) from deal_pack_access x where x.room_id = r.id)::int as accesses`,
      from: `from deal_rooms r join organisations h on h.id = r.holder_org_id join organisations f on f.id = r.firm_org_id
      where ($1::boolean or r.firm_org_id = any($2::uuid[]) or r.holder_org_id = any($3::uuid[]))
        and ($4::uuid is null or r.achievement_id = $4)`,
      values: [hasRole(actor, 'admin'), firmOrgs, officeOrgs, query.achievementId ?? null],
      orderBy: `r.updated_at ${dir}, r.id ${dir}`,
    },
    query,
  );
  const achievements = await achievementSummaries(ctx.db, [...new Set(page.items.map((r) => r.achievement_id))]);
  const items: RoomSummary[] = [];
  for (const r of page.items) {
    // The where clause returns only rooms where the caller has a side (an administrator acts as the holder's office).
    const side = sideOf(actor, r) ?? 'holder';
    const a = achievements.get(r.achievement_id);
    items.push({
      id: r.id,
      achievement: { id: r.achievement_id, title: a?.title ?? '', number: a?.number ?? '' },
      holder: { id: r.holder_org_id, name: r.holder_name },
      firm: { id: r.firm_org_id, name: r.firm_name },
      mySide: side,
      status: r.status,
      packRequested: r.pack_requested,
      ndaAccepted: !!r.nda_accepted_at,
      messages: r.messages,
      offers: r.offers,
      openOffers: r.open_offers,
      packAccesses: r.accesses,
      contractId: r.contract_id,
      updatedAt: r.updated_at.toISOString(),
    });
  }
  return { ...page, items };
}

/** The market listing's funnel: inquiries (rooms), NDAs accepted, offers made, deals (contracts drafted). */
export async function dealFunnelCounts(tx: { db: Queryable }, achievementId: string): Promise<FunnelCounts> {
  const { rows } = await tx.db.query<{ inquiries: number; ndas: number; offers: number; deals: number }>(
    `select count(*)::int as inquiries,
            count(r.nda_accepted_at)::int as ndas,
            coalesce(sum((select count(*) from deal_offers o where o.room_id = r.id)), 0)::int as offers,
            count(r.contract_id)::int as deals
       from deal_rooms r where r.achievement_id = $1`,
    [achievementId],
  );
  return rows[0] ?? { inquiries: 0, ndas: 0, offers: 0, deals: 0 };
}

// ------------------------------------------------------------------------------------------
// Inquiry and NDA
// ------------------------------------------------------------------------------------------

/** A firm asks a question or requests the confidential pack; the room is opened once per firm and achievement. */
export async function openInquiry(ctx: Ctx, achievementId: string, input: InquiryInput): Promise<RoomView> {
  const actor = requireActor(ctx);
  const firms = actor.memberships.filter((m) => m.role === 'enterprise');
  const firmOrgId = input.firmOrgId ?? firms[0]?.organisationId;
  if (!firmOrgId || !firms.some((f) => f.organisationId === firmOrgId)) throw forbidden();
  const question = input.question?.trim() ?? '';
  if (!question && !input.requestPack) throw fieldError('body.question', '请填写问题，或申请查看保密资料', 'ask a question or request the confidential pack');
  const id = await inTransaction(ctx, async (tx) => {
    const a = await loadRow(tx.db, achievementId);
    if (a?.visibility !== 'public' || a.status === 'withdrawn') throw notFound('achievement', achievementId);
    if (a.organisation_id === firmOrgId) throw ruleViolation('不能就本单位的成果发起询价', 'You cannot inquire about your own organisation’s achievement');
    const created = await tx.db.query<{ id: string }>(
      `insert into deal_rooms (id, achievement_id, holder_org_id, firm_org_id, opened_by, created_at, updated_at) values ($1,$2,$3,$4,$5,$6,$6)
       on conflict (achievement_id, firm_org_id) do nothing returning id`,
      [randomUUID(), achievementId, a.organisation_id, firmOrgId, actor.userId, tx.now],
    );
    const { rows } = await tx.db.query<{ id: string }>('select id from deal_rooms where achievement_id = $1 and firm_org_id = $2', [achievementId, firmOrgId]);
    const roomId = rows[0]!.id;
    const room = await loadRoom(tx.db, tx.actor, roomId, true);
    if (created.rows.length) {
      await appendEvent(tx, { stream: stream(roomId), type: 'deal.inquiry_opened', payload: { achievementId, holderOrgId: a.organisation_id, firmOrgId } });
      await audit(tx, { action: 'deal.inquiry', entity: 'dealRoom', entityId: roomId, organisationId: firmOrgId, after: { achievementId } });
    }
    if (input.requestPack && !room.pack_requested) {
      await touchRoom(tx, roomId, { pack_requested: true });
      await appendEvent(tx, { stream: stream(roomId), type: 'deal.pack_requested', payload: { firmOrgId } });
    }
    if (question) await insertMessage(tx, room, 'firm', question);
    else await touchRoom(tx, roomId);
    await tellOtherSide(tx, room, 'firm', {
      kind: 'deal.inquiry',
      titleZh: `${room.firm_name} 咨询成果“${a.title}”${input.requestPack ? '（申请保密资料）' : ''}`,
      titleEn: `${room.firm_name} asks about "${a.title}"${input.requestPack ? ' (confidential pack requested)' : ''}`,
      ...(question ? { bodyZh: question.slice(0, 500) } : {}),
    });
    return roomId;
  });
  return getRoom(ctx, id);
}

/** The firm accepts the NDA shown to it (the version it read); recorded with who, when, IP and the text's hash. */
export async function acceptNda(ctx: Ctx, roomId: string, input: { version: string }): Promise<RoomView> {
  await inTransaction(ctx, async (tx) => {
    const r = await loadRoom(tx.db, tx.actor, roomId, true);
    if (r.side !== 'firm') throw ruleViolation('保密协议由询价企业确认', 'The inquiring firm accepts the NDA');
    if (r.nda_accepted_at) return; // accepted once; a second click changes nothing
    if (input.version !== CURRENT_NDA.version) {
      throw new AppError('CONFLICT', {
        params: { detail: `保密协议已更新为 ${CURRENT_NDA.version} 版，请阅读新版本后确认`, detailEn: `the NDA is now version ${CURRENT_NDA.version}; read it and accept again` },
      });
    }
    const sha = ndaHash(CURRENT_NDA);
    await touchRoom(tx, roomId, { nda_version: CURRENT_NDA.version, nda_text_sha256: sha, nda_accepted_by: tx.actor!.userId, nda_accepted_at: tx.now, nda_ip: tx.ip });
    await appendEvent(tx, { stream: stream(roomId), type: 'deal.nda_accepted', payload: { version: CURRENT_NDA.version, textSha256: sha, firmOrgId: r.firm_org_id, ip: tx.ip ?? '' } });
    await audit(tx, { action: 'deal.nda', entity: 'dealRoom', entityId: roomId, organisationId: r.firm_org_id, after: { version: CURRENT_NDA.version, textSha256: sha } });
    await tellOtherSide(tx, r, 'firm', { kind: 'deal.nda', titleZh: `${r.firm_name} 已签署保密协议`, titleEn: `${r.firm_name} accepted the NDA` });
  });
  return getRoom(ctx, roomId);
}

// ------------------------------------------------------------------------------------------
// The confidential pack
// ------------------------------------------------------------------------------------------

async function officeAchievement(ctx: Ctx | TxCtx, achievementId: string) {
  const a = await loadRow(ctx.db, achievementId);
  if (!a || !isOfficeOf(ctx.actor, a.organisation_id)) throw notFound('achievement', achievementId);
  return a;
}

export async function uploadPackFile(ctx: Ctx, achievementId: string, file: PackUploadInput): Promise<PackFile> {
  const data = decodeUpload(file.dataBase64, { maxBytes: MAX_PACK_BYTES, zh: '文件不能超过 10 MB', en: 'files are limited to 10 MB' });
  const sha256 = sha256Hex(data);
  const id = randomUUID();
  await inTransaction(ctx, async (tx) => {
    const a = await officeAchievement(tx, achievementId);
    await insertFile(tx, { table: 'deal_pack_files', ownerColumn: 'achievement_id', ownerId: achievementId }, { id, filename: file.filename, contentType: file.contentType, sha256, data });
    await appendEvent(tx, { stream: `deal-pack:${achievementId}`, type: 'deal.pack_file_added', payload: { fileId: id, filename: file.filename, sizeBytes: data.length, sha256 } });
    await audit(tx, { action: 'deal.pack_file', entity: 'achievement', entityId: achievementId, organisationId: a.organisation_id, after: { fileId: id, filename: file.filename, sha256 } });
  });
  return { id, filename: file.filename, contentType: file.contentType, sizeBytes: data.length, sha256, uploadedAt: ctx.now.toISOString() };
}

/** The holder's office: the pack of an achievement, how often each file was opened, and the rooms. */
export async function packOverview(ctx: Ctx, achievementId: string): Promise<PackOverview> {
  await officeAchievement(ctx, achievementId);
  const files = await packFiles(ctx.db, achievementId);
  const { rows } = await ctx.db.query<{ file_id: string; n: number }>(
    'select x.file_id, count(*)::int as n from deal_pack_access x join deal_pack_files f on f.id = x.file_id where f.achievement_id = $1 group by x.file_id',
    [achievementId],
  );
  const counts = new Map(rows.map((r) => [r.file_id, r.n]));
  return { items: files.map((f) => ({ ...f, accesses: counts.get(f.id) ?? 0 })), funnel: await dealFunnelCounts(ctx, achievementId) };
}

/** One file of the pack, for the firm after its NDA (every access logged) or for the holder's office. */
export async function readPackFile(ctx: Ctx, roomId: string, fileId: string) {
  return inTransaction(ctx, async (tx) => {
    const r = await loadRoom(tx.db, tx.actor, roomId);
    if (r.side === 'firm' && !r.nda_accepted_at) throw ruleViolation('请先阅读并确认保密协议，再查看保密资料', 'Accept the NDA before opening the confidential pack');
    const { rows } = await tx.db.query<{ filename: string; content_type: string; data: Uint8Array }>('select filename, content_type, data from deal_pack_files where id = $1 and achievement_id = $2', [
      fileId,
      r.achievement_id,
    ]);
    const f = rows[0];
    if (!f) throw notFound('packFile', fileId);
    await tx.db.query('insert into deal_pack_access (id, room_id, file_id, user_id, accessed_at, ip) values ($1,$2,$3,$4,$5,$6)', [
      randomUUID(),
      roomId,
      fileId,
      tx.actor?.userId ?? null,
      tx.now,
      tx.ip,
    ]);
    await audit(tx, { action: 'deal.pack_access', entity: 'dealRoom', entityId: roomId, organisationId: r.firm_org_id, after: { fileId, filename: f.filename, side: r.side } });
    return f;
  });
}

// ------------------------------------------------------------------------------------------
// Messages
// ------------------------------------------------------------------------------------------

async function insertMessage(tx: TxCtx, r: RoomRow, side: Side, body: string) {
  await tx.db.query('insert into deal_messages (id, room_id, side, author_user_id, body, created_at) values ($1,$2,$3,$4,$5,$6)', [randomUUID(), r.id, side, tx.actor?.userId ?? null, body, tx.now]);
  await touchRoom(tx, r.id);
}

export async function postMessage(ctx: Ctx, roomId: string, input: { body: string }): Promise<RoomView> {
  await inTransaction(ctx, async (tx) => {
    const r = await loadRoom(tx.db, tx.actor, roomId, true);
    if (r.status === 'closed') throw new AppError('CONFLICT', { params: { detail: '洽谈已关闭', detailEn: 'the deal room is closed' } });
    await insertMessage(tx, r, r.side, input.body);
    await audit(tx, { action: 'deal.message', entity: 'dealRoom', entityId: roomId, organisationId: r.side === 'firm' ? r.firm_org_id : r.holder_org_id });
    await tellOtherSide(tx, r, r.side, {
      kind: 'deal.message',
      titleZh: `“${(await achievementTitle(tx.db, r.achievement_id)).title}”洽谈有新消息`,
      titleEn: 'New message in a deal room',
      bodyZh: input.body.slice(0, 500),
    });
  });
  return getRoom(ctx, roomId);
}

// ------------------------------------------------------------------------------------------
// Offers
// ------------------------------------------------------------------------------------------

function checkOffer(tx: TxCtx, input: OfferInput) {
  if (compareDates(input.validUntil, businessDateOf(tx.now)) < 0) throw fieldError('body.validUntil', '有效期不能早于今天', 'the validity must not end before today');
  if (input.amount === null && (input.terms ?? '').trim().length < 2) {
    throw fieldError('body.terms', '面议时请写明条件（如分成方式、付款安排）', 'with a negotiable price (面议) describe the terms');
  }
  if (input.amount !== null && !(Number(input.amount) > 0)) throw fieldError('body.amount', '金额须大于零', 'the amount must be positive');
}

async function insertOffer(tx: TxCtx, r: RoomRow, side: Side, input: OfferInput, respondsTo: string | null) {
  const { rows } = await tx.db.query<{ n: number }>('select coalesce(max(seq), 0)::int as n from deal_offers where room_id = $1', [r.id]);
  const id = randomUUID();
  const seq = rows[0]!.n + 1;
  await tx.db.query(`insert into deal_offers (id, room_id, seq, side, kind, amount, terms, valid_until, responds_to, created_by, created_at) values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11)`, [
    id,
    r.id,
    seq,
    side,
    input.kind,
    input.amount,
    input.terms?.trim() ?? '',
    input.validUntil,
    respondsTo,
    tx.actor?.userId ?? null,
    tx.now,
  ]);
  await touchRoom(tx, r.id);
  return { id, seq };
}

const priceText = (input: { amount: string | null }) => (input.amount === null ? '面议' : `${formatYuan(input.amount)}`);

async function lockOpenRoom(tx: TxCtx, roomId: string) {
  const r = await loadRoom(tx.db, tx.actor, roomId, true);
  if (r.status !== 'open') {
    throw new AppError('CONFLICT', {
      params: { detail: r.status === 'deal' ? '已成交，合同草拟中' : '洽谈已关闭', detailEn: r.status === 'deal' ? 'the deal is done; the contract is being drafted' : 'the deal room is closed' },
    });
  }
  return r;
}

async function openOffer(tx: TxCtx, roomId: string): Promise<OfferRow | null> {
  const { rows } = await tx.db.query<OfferRow>("select * from deal_offers where room_id = $1 and status = 'open'", [roomId]);
  return rows[0] ?? null;
}

/** Loads an offer the other side made and that is still open and valid. */
async function answerable(tx: TxCtx, r: RoomRow & { side: Side }, offerId: string): Promise<OfferRow> {
  const { rows } = await tx.db.query<OfferRow>('select * from deal_offers where id = $1 and room_id = $2 for update', [offerId, r.id]);
  const o = rows[0];
  if (!o) throw notFound('offer', offerId);
  if (o.status !== 'open') throw new AppError('CONFLICT', { params: { detail: '该报价已答复', detailEn: 'this offer has already been answered' } });
  if (o.side === r.side) throw ruleViolation('报价须由对方答复', 'The other side answers an offer');
  if (compareDates(o.valid_until, businessDateOf(tx.now)) < 0) throw ruleViolation(`该报价已于 ${o.valid_until} 过期，请重新报价`, `This offer expired on ${o.valid_until}; make a new one`);
  return o;
}

export async function makeOffer(ctx: Ctx, roomId: string, input: OfferInput, key: string | undefined): Promise<RoomReplay> {
  const res = await runIdempotent(ctx, key, `deal.offer:${roomId}`, input, async (tx) => {
    const r = await lockOpenRoom(tx, roomId);
    checkOffer(tx, input);
    const open = await openOffer(tx, roomId);
    if (open) {
      if (open.side === r.side || compareDates(open.valid_until, businessDateOf(tx.now)) >= 0) {
        throw new AppError('CONFLICT', { params: { detail: `第 ${open.seq} 号报价尚待答复，请先答复或还价`, detailEn: `offer ${open.seq} is still open; answer or counter it first` } });
      }
      // An expired open offer of the other side lapses when a new one is made.
      await tx.db.query("update deal_offers set status = 'declined', decided_at = $2 where id = $1", [open.id, tx.now]);
    }
    const o = await insertOffer(tx, r, r.side, input, null);
    await appendEvent(tx, {
      stream: stream(roomId),
      type: 'deal.offer_made',
      payload: { offerId: o.id, seq: o.seq, side: r.side, kind: input.kind, amount: input.amount, validUntil: input.validUntil },
    });
    await audit(tx, { action: 'deal.offer', entity: 'dealRoom', entityId: roomId, organisationId: r.holder_org_id, after: { ...input, offerId: o.id } });
    await tellOtherSide(tx, r, r.side, {
      kind: 'deal.offer',
      titleZh: `收到新的报价：${OFFER_KIND_LABELS[input.kind].zh}，${priceText(input)}`,
      titleEn: `New offer: ${OFFER_KIND_LABELS[input.kind].en}, ${input.amount ?? 'negotiable'}`,
    });
    return { status: 201, body: { offerId: o.id } };
  });
  return { ...(await getRoom(ctx, roomId)), replayed: res.replayed };
}

export async function counterOffer(ctx: Ctx, roomId: string, offerId: string, input: OfferInput, key: string | undefined): Promise<RoomReplay> {
  const res = await runIdempotent(ctx, key, `deal.counter:${offerId}`, input, async (tx) => {
    const r = await lockOpenRoom(tx, roomId);
    const prev = await answerable(tx, r, offerId);
    checkOffer(tx, input);
    await tx.db.query("update deal_offers set status = 'countered', decided_by = $2, decided_at = $3 where id = $1", [prev.id, tx.actor?.userId ?? null, tx.now]);
    const o = await insertOffer(tx, r, r.side, input, prev.id);
    await appendEvent(tx, {
      stream: stream(roomId),
      type: 'deal.offer_countered',
      payload: { offerId: o.id, seq: o.seq, respondsTo: prev.id, side: r.side, kind: input.kind, amount: input.amount, validUntil: input.validUntil },
    });
    await audit(tx, { action: 'deal.counter', entity: 'dealRoom', entityId: roomId, organisationId: r.holder_org_id, after: { ...input, offerId: o.id, respondsTo: prev.id } });
    await tellOtherSide(tx, r, r.side, {
      kind: 'deal.offer',
      titleZh: `对方还价：${OFFER_KIND_LABELS[input.kind].zh}，${priceText(input)}`,
      titleEn: `Counter-offer: ${OFFER_KIND_LABELS[input.kind].en}, ${input.amount ?? 'negotiable'}`,
    });
    return { status: 201, body: { offerId: o.id } };
  });
  return { ...(await getRoom(ctx, roomId)), replayed: res.replayed };
}

/** The other side accepts an open offer: the contracts module drafts the contract in the same transaction. */
export async function acceptOffer(ctx: Ctx, roomId: string, offerId: string, key: string | undefined): Promise<RoomReplay> {
  const res = await runIdempotent(ctx, key, `deal.accept:${offerId}`, {}, async (tx) => {
    const r = await lockOpenRoom(tx, roomId);
    const o = await answerable(tx, r, offerId);
    const a = await loadRow(tx.db, r.achievement_id);
    if (!a) throw notFound('achievement', r.achievement_id);
    const label = OFFER_KIND_LABELS[o.kind].zh;
    const contractId = await insertContract(
      tx,
      r.holder_org_id,
      {
        kind: o.kind,
        title: `${a.title}（${label}，${o.amount === null ? '价格面议' : `成交价 ${o.amount} 元`}）`.slice(0, 200),
        licenseeOrgId: r.firm_org_id,
        achievementIds: [a.id],
        licenseType: o.kind === 'license' || o.kind === 'ufpl_license' ? 'ordinary' : null,
        fieldOfUse: o.terms.slice(0, 500),
      },
      null,
    );
    await tx.db.query("update deal_offers set status = 'accepted', decided_by = $2, decided_at = $3, contract_id = $4 where id = $1", [o.id, tx.actor?.userId ?? null, tx.now, contractId]);
    await touchRoom(tx, roomId, { status: 'deal', contract_id: contractId });
    await appendEvent(tx, { stream: stream(roomId), type: 'deal.offer_accepted', payload: { offerId: o.id, seq: o.seq, kind: o.kind, amount: o.amount, contractId } });
    await audit(tx, { action: 'deal.accept', entity: 'dealRoom', entityId: roomId, organisationId: r.holder_org_id, after: { offerId: o.id, contractId } });
    const everyone = [...(await usersOf(tx.db, r, 'firm')), ...(await usersOf(tx.db, r, 'holder'))].filter((u) => u !== tx.actor?.userId);
    await notify(tx, everyone, {
      kind: 'deal.accepted',
      titleZh: `报价已接受：“${a.title}”，合同草案已生成`,
      titleEn: `Offer accepted for "${a.title}"; a draft contract was created`,
      link: `/contracts/${contractId}`,
    });
    return { status: 200, body: { contractId } };
  });
  return { ...(await getRoom(ctx, roomId)), replayed: res.replayed };
}

export async function declineOffer(ctx: Ctx, roomId: string, offerId: string, input: { reason?: string | undefined }): Promise<Room> {
  await inTransaction(ctx, async (tx) => {
    const r = await lockOpenRoom(tx, roomId);
    const o = await answerable(tx, r, offerId);
    await tx.db.query("update deal_offers set status = 'declined', decided_by = $2, decided_at = $3 where id = $1", [o.id, tx.actor?.userId ?? null, tx.now]);
    await touchRoom(tx, roomId);
    await appendEvent(tx, { stream: stream(roomId), type: 'deal.offer_declined', payload: { offerId: o.id, seq: o.seq }, reason: input.reason?.trim() || null });
    await audit(tx, { action: 'deal.decline', entity: 'dealRoom', entityId: roomId, organisationId: r.holder_org_id, after: { offerId: o.id, reason: input.reason ?? '' } });
    if (input.reason?.trim()) await insertMessage(tx, r, r.side, input.reason.trim());
    await tellOtherSide(tx, r, r.side, { kind: 'deal.offer', titleZh: `第 ${o.seq} 号报价被拒绝`, titleEn: `Offer ${o.seq} was declined` });
  });
  return getRoom(ctx, roomId);
}
