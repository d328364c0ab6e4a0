import { randomUUID } from 'node:crypto';
import { fenToMoney, moneyToFen } from '../../../common/money.js';
import { audit } from '../../lib/audit.js';
import { type Ctx, inTransaction, isOfficeOf } from '../../lib/context.js';
import { AppError, fieldErrors, forbidden, ruleViolation } from '../../lib/errors.js';
import { appendEvent } from '../../lib/ledger.js';
import { microsToShares, sharesToMicros } from '../../../common/splits.js';
import { equityStream, loadHolding, recordDisposal } from '../achievements/index.js';
import type { EquityReward } from '../../../common/api/distribution.js';
import { policyInForce } from './distribution.policies.js';
import { checkCompleters, completersOf, type DistributionCompleter } from './distribution.service.js';
import { equityRewards } from './rules.js';

/**
 * Equity rewards for 作价入股 (Art. 45(1)(ii)): the shares the achievement formed × the team
 * share of the policy in force when they were acquired, split by contribution, recorded in the
 * equity sub-ledger as an allocation (划转) from the institution's holding to the people.
 */

export interface EquityRewardInput {
  decisionDocNo: string;
  decisionDate: string;
  completers?: DistributionCompleter[] | undefined;
  /** A head of the institution takes no equity; the office confirms their part stays with the institution. */
  confirmHeadsExcluded?: boolean | undefined;
}

const HEAD_CLAUSE = {
  zh: '国发〔2016〕16号：单位正职领导原则上不得获得股权奖励，只能获得现金奖励',
  en: 'State Council [2016] No. 16: the head of the institution may take cash rewards only, not equity',
};

interface RewardRow {
  id: string;
  holding_id: string;
  policy_version: number;
  team_pct: string;
  held_back_pct: string;
  result: ReturnType<typeof equityRewards>;
  created_at: Date;
}

export async function getEquityReward(ctx: Ctx, organisationId: string, holdingId: string): Promise<EquityReward> {
  if (!isOfficeOf(ctx.actor, organisationId)) throw forbidden();
  await loadHolding(ctx.db, organisationId, holdingId);
  const { rows } = await ctx.db.query<RewardRow>('select * from equity_rewards where holding_id = $1', [holdingId]);
  const r = rows[0];
  if (!r) return { holdingId, reward: null };
  const { rows: people } = await ctx.db.query<{ position: number; user_id: string | null; name: string; shares_pct: string }>(
    'select position, user_id, name, shares_pct from equity_reward_allocations where equity_reward_id = $1 order by position',
    [r.id],
  );
  return {
    holdingId,
    reward: {
      id: r.id,
      policyVersion: r.policy_version,
      teamPct: microsToShares(sharesToMicros(r.team_pct)),
      heldBackForHeadsPct: microsToShares(sharesToMicros(r.held_back_pct)),
      people: people.map((p) => ({ name: p.name, userId: p.user_id, sharesPct: microsToShares(sharesToMicros(p.shares_pct)) })),
      rule: r.result.rule,
      clause: r.result.clause,
      createdAt: r.created_at.toISOString(),
    },
  };
}

export async function rewardEquity(ctx: Ctx, organisationId: string, holdingId: string, input: EquityRewardInput): Promise<EquityReward> {
  if (!isOfficeOf(ctx.actor, organisationId)) throw forbidden();
  await inTransaction(ctx, async (tx) => {
    const h = await loadHolding(tx.db, organisationId, holdingId, true);
    const { rows: done } = await tx.db.query('select 1 from equity_rewards where holding_id = $1', [holdingId]);
    if (done.length) throw new AppError('CONFLICT', { params: { detail: '该股权的团队奖励已经记录', detailEn: 'the team reward of this holding is already recorded' } });
    if (!h.achievement_id && !input.completers)
      throw fieldErrors([{ field: 'body.completers', zh: '该股权未关联成果，请列出完成人及贡献比例', en: 'the holding has no achievement: list the completers and their shares' }]);
    const completers = input.completers ?? (await completersOf(tx.db, h.achievement_id ? [h.achievement_id] : []));
    const problems = checkCompleters(completers);
    if (problems.length) throw fieldErrors(problems);
    const heads = completers.filter((c) => c.isHead);
    if (heads.length && !input.confirmHeadsExcluded) {
      throw ruleViolation(
        `${heads.map((c) => c.name).join('、')} 为单位正职领导，不得获得股权奖励（${HEAD_CLAUSE.zh}）。可改为现金奖励；确认其份额由单位持有后再提交`,
        `${heads.map((c) => c.name).join(', ')} head the institution and may not take equity (${HEAD_CLAUSE.en}); confirm that their part stays with the institution`,
      );
    }
    const policy = await policyInForce(tx.db, organisationId, h.acquired_on);
    const result = equityRewards(
      policy,
      microsToShares(sharesToMicros(h.shares_pct)),
      completers.map((c, i) => ({ personId: String(i), name: c.name, share: c.share, isMainContributor: c.isMainContributor, isHead: c.isHead })),
    );
    const allocated = sharesToMicros(result.teamPct) - sharesToMicros(result.heldBackForHeadsPct);
    // The book value follows the shares: book × allocated / held, to the fen.
    const held = sharesToMicros(h.shares_pct);
    const bookValue = fenToMoney((moneyToFen(h.book_value) * allocated * 2n + held) / (2n * held));
    if (allocated > 0n) {
      await recordDisposal(tx, organisationId, holdingId, {
        kind: 'allocation',
        sharesPct: microsToShares(allocated),
        bookValue,
        decisionDocNo: input.decisionDocNo,
        decisionDate: input.decisionDate,
        note: `科技成果转化股权奖励：${result.people.map((p) => `${p.name} ${p.sharesPct}%`).join('，')}`,
      });
    }
    const id = randomUUID();
    await tx.db.query(
      'insert into equity_rewards (id, organisation_id, holding_id, policy_version, team_pct, held_back_pct, book_value, result, created_by, created_at) values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)',
      [id, organisationId, holdingId, policy.version, result.teamPct, result.heldBackForHeadsPct, bookValue, JSON.stringify(result), tx.actor?.userId ?? null, tx.now],
    );
    for (const p of result.people) {
      const c = completers[Number(p.personId)]!;
      await tx.db.query('insert into equity_reward_allocations (equity_reward_id, position, user_id, name, shares_pct) values ($1,$2,$3,$4,$5)', [
        id,
        Number(p.personId),
        c.userId,
        c.name,
        p.sharesPct,
      ]);
    }
    const payload = {
      rewardId: id,
      policyVersion: policy.version,
      teamPct: result.teamPct,
      heldBackForHeadsPct: result.heldBackForHeadsPct,
      people: result.people.map((p) => ({ name: p.name, sharesPct: p.sharesPct })),
    };
    await appendEvent(tx, { stream: equityStream(holdingId), type: 'equity.rewarded', payload });
    await audit(tx, { action: 'distribution.equity_reward', entity: 'equityHolding', entityId: holdingId, organisationId, after: payload });
  });
  return getEquityReward(ctx, organisationId, holdingId);
}
