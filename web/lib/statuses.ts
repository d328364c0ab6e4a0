import { STATUS_LABELS as ACHIEVEMENT_STATUS_LABELS, TRANSFORMATION_STATUS_LABELS } from '../../common/achievements';
import { CONTRACT_STATUS_LABELS } from '../../common/contracts';
import { OFFER_STATUS_LABELS, ROOM_STATUS_LABELS } from '../../common/deals';
import { EVALUATION_STATUS_LABELS } from '../../common/evaluation';
import type { Locale } from '../../common/locale';
import type { BilingualText } from '../../common/schemas';

/**
 * Every module's statuses in one place: the tag colour and the zh/en label of each value.
 * Labels come from the common/*.ts label maps where a module has one, else from the locale
 * texts at `labels` (a key prefix, `<prefix>.<value>`). <StatusTag> and the status filters read this.
 */
type Bilingual = BilingualText;

interface StatusKind<V extends string> {
  /** antd Tag colour per value. */
  colors: Record<V, string>;
  /** zh/en labels per value, or the locale key prefix under which they stand. */
  labels: Record<V, Bilingual> | string;
  /** The tag's data-testid (pages and browser tests find tags by it). */
  testId: string;
}

const kind = <V extends string>(k: StatusKind<V>) => k;

export const STATUS_KINDS = {
  achievement: kind({
    colors: {
      draft: 'default',
      disclosed: 'processing',
      returned: 'warning',
      accepted: 'blue',
      assessed: 'cyan',
      protected: 'geekblue',
      priced: 'purple',
      in_publicity: 'orange',
      transforming: 'gold',
      transformed: 'green',
      disposed: 'default',
      withdrawn: 'default',
    },
    labels: ACHIEVEMENT_STATUS_LABELS,
    testId: 'achievement-status',
  }),
  transformation: kind({
    colors: {
      not_transformed: 'default',
      listed: 'blue',
      under_negotiation: 'gold',
      transferred: 'green',
      licensed: 'green',
      invested: 'green',
      self_implemented: 'cyan',
      abandoned: 'default',
    },
    labels: TRANSFORMATION_STATUS_LABELS,
    testId: 'transformation-status',
  }),
  publicity: kind({ colors: { running: 'orange', passed: 'green', cancelled: 'default' }, labels: 'achievements.publicity.status', testId: 'publicity-status' }),
  contract: kind({
    colors: { draft: 'default', in_publicity: 'gold', signed: 'blue', registered: 'cyan', in_force: 'green', completed: 'purple', terminated: 'red' },
    labels: CONTRACT_STATUS_LABELS,
    testId: 'contract-status',
  }),
  distribution: kind({
    colors: { computed: 'blue', approved: 'cyan', publicity: 'gold', confirmed: 'green', paid: 'purple', excluded: 'default' },
    labels: 'distribution.statuses',
    testId: 'distribution-status',
  }),
  project: kind({ colors: { active: 'blue', accepted: 'gold', allocated: 'green' }, labels: 'projects.statuses', testId: 'project-status' }),
  grant: kind({
    colors: {
      submitted: 'blue',
      dept_checked: 'cyan',
      in_publicity: 'gold',
      approved: 'geekblue',
      agreement_signed: 'purple',
      recorded: 'green',
      returned: 'orange',
      rejected: 'red',
      withdrawn: 'default',
    },
    labels: 'rights.status',
    testId: 'grant-status',
  }),
  rectification: kind({ colors: { open: 'gold', decided: 'blue', arranged: 'green' }, labels: 'rights.rectification.status', testId: 'rectification-status' }),
  evaluation: kind({ colors: { draft: 'blue', finalised: 'green', superseded: 'default' }, labels: EVALUATION_STATUS_LABELS, testId: 'evaluation-status' }),
  room: kind({ colors: { open: 'blue', deal: 'green', closed: 'default' }, labels: ROOM_STATUS_LABELS, testId: 'room-status' }),
  offer: kind({ colors: { open: 'blue', countered: 'gold', accepted: 'green', declined: 'red', withdrawn: 'default' }, labels: OFFER_STATUS_LABELS, testId: 'offer-status' }),
  demand: kind({ colors: { open: 'green', closed: 'default' }, labels: 'market.demand', testId: 'demand-status' }),
  auction: kind({
    colors: { publicity: 'gold', upcoming: 'blue', open: 'red', ended: 'orange', closed_won: 'green', closed_unsold: 'default', cancelled: 'default' },
    labels: 'deals.auctions.phase',
    testId: 'auction-phase',
  }),
  token: kind({ colors: { active: 'green', revoked: 'red', expired: 'default' }, labels: 'tokens.status', testId: 'token-status' }),
  importJob: kind({
    colors: { pending: 'blue', validating: 'blue', importing: 'blue', completed: 'green', failed: 'red', rejected: 'red' },
    labels: 'achievements.exchange.status',
    testId: 'import-status',
  }),
} as const;

export type StatusKindName = keyof typeof STATUS_KINDS;
/** The values of one kind, e.g. StatusValue<'contract'> = 'draft' | 'in_publicity' | … */
export type StatusValue<K extends StatusKindName> = keyof (typeof STATUS_KINDS)[K]['colors'] & string;

/** The values of a kind in the map's order (for filters). */
export function statusValues<K extends StatusKindName>(k: K): StatusValue<K>[] {
  return Object.keys(STATUS_KINDS[k].colors) as StatusValue<K>[];
}

export function statusColor<K extends StatusKindName>(k: K, value: StatusValue<K> | string): string {
  return (STATUS_KINDS[k].colors as Record<string, string>)[value] ?? 'default';
}

/**
 * The label of a status in the locale. `lookup` resolves locale keys (i18n.tOr); a value the map
 * does not know is shown as it came.
 */
export function statusLabel<K extends StatusKindName>(k: K, value: StatusValue<K> | string, locale: Locale, lookup: (key: string, fallback: string) => string): string {
  const labels = STATUS_KINDS[k].labels as Record<string, Bilingual> | string;
  if (typeof labels === 'string') return lookup(`${labels}.${value}`, value);
  const pair = labels[value];
  return pair ? (locale === 'zh-CN' ? pair.zh : pair.en) : value;
}
