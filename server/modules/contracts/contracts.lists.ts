import type { Contract, ContractListQuery, Timeline } from '../../../common/api/contracts.js';
import type { Page } from '../../../common/page.js';
import { ROLE_GROUPS } from '../../../common/roles.js';
import { type Ctx, hasRole, requireActor } from '../../lib/context.js';
import { readStream } from '../../lib/ledger.js';
import { mapPage, queryPage } from '../../lib/pagination.js';
import { present } from './contracts.present.js';
import { type ContractRow, loadContract, stream } from './contracts.service.js';

/** Lists of contracts and of a contract's events. */

const SORT_COLUMNS: Record<ContractListQuery['sort'], string> = { updatedAt: 'c.updated_at', number: 'c.number', createdAt: 'c.created_at' };

/**
 * The contracts where the caller's organisation is a party, a page at a time: as licensor
 * through its office, as licensee through the firm's people (administrators see all).
 */
export async function listContracts(ctx: Ctx, query: ContractListQuery): Promise<Page<Contract>> {
  const actor = requireActor(ctx);
  const orgsAs = (roles: readonly string[]) => actor.memberships.filter((m) => roles.includes(m.role)).map((m) => m.organisationId);
  const page = await queryPage<ContractRow>(
    ctx.db,
    {
      select: 'c.*, lo.name as licensor_name, le.name as licensee_name',
      from: `from contracts c
       join organisations lo on lo.id = c.licensor_org_id join organisations le on le.id = c.licensee_org_id
       where ($1::boolean or c.licensor_org_id = any($2::uuid[]) or c.licensee_org_id = any($3::uuid[])) and ($4::text is null or c.status = $4)`,
      values: [hasRole(actor, 'admin'), orgsAs(ROLE_GROUPS.office), orgsAs(ROLE_GROUPS.firm), query.status ?? null],
      orderBy: `${SORT_COLUMNS[query.sort]} ${query.order === 'asc' ? 'asc' : 'desc'}, c.id`,
    },
    query,
  );
  return mapPage(page, (c) => present(actor, c, []));
}

/** Every ledger event of the contract, oldest first. */
export async function contractTimeline(ctx: Ctx, id: string): Promise<Timeline> {
  await loadContract(ctx, id);
  const events = await readStream(ctx.db, stream(id));
  return { items: events.map((e) => ({ seq: e.seq, type: e.type, at: e.occurredAt.toISOString(), actorUserId: e.actorUserId, reason: e.reason, payload: e.payload })) };
}
