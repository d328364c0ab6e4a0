import { Empty, Spin, Timeline, Typography } from 'antd';
import type { ReactNode } from 'react';
import { formatInstant } from '../lib/format';
import { useI18n } from '../lib/i18n';

/** One event of a record's ledger, as any module's timeline endpoint gives it. */
export interface LedgerEvent {
  /** The event type, e.g. `contract.signed`. */
  type: string;
  /** ISO instant; shown in Asia/Shanghai. */
  occurredAt: string;
  /** Who did it; null or absent for the system. */
  actorName?: string | null;
  /** The key facts in words (already in the interface language). */
  summary?: ReactNode;
  reason?: string | null;
  /** Ledger sequence number and hash, shown small when present. */
  seq?: number;
  hash?: string;
}

export interface LedgerTimelineProps<E extends LedgerEvent> {
  events: readonly E[] | undefined;
  loading?: boolean;
  /** The event type in words; default: the type without its module prefix. */
  typeLabel?: (type: string, event: E) => string;
  /** The dot colour; default blue. */
  color?: (event: E) => string | undefined;
  /** More lines under the summary. */
  details?: (event: E) => ReactNode;
  /** Shown when there are no events; default `components.timeline.empty`. */
  empty?: ReactNode;
  /** data-testid of the timeline. Each item carries data-testid="timeline-item" and data-type (the type without its prefix). */
  testId?: string;
  /** Show seq and hash when the events carry them. Default true. */
  showHash?: boolean;
}

/** The type without its module prefix: `achievement.disclose` → `disclose`. */
export function shortType(type: string): string {
  const dot = type.indexOf('.');
  return dot < 0 ? type : type.slice(dot + 1);
}

/**
 * The ledger events of one record, in the order given (oldest first): what happened, who, when
 * (Asia/Shanghai), the reason and the key facts.
 *
 *   <LedgerTimeline events={q.data?.items} loading={q.isPending} typeLabel={(type) => tOr(`contracts.events.${shortType(type)}`, type)} />
 */
export function LedgerTimeline<E extends LedgerEvent>({ events, loading, typeLabel, color, details, empty, testId, showHash = true }: LedgerTimelineProps<E>) {
  const { t, locale } = useI18n();
  if (loading) return <Spin />;
  if (!events || events.length === 0) return <>{empty ?? <Empty description={t('components.timeline.empty')} />}</>;
  const sep = locale === 'zh-CN' ? '：' : ': ';
  return (
    <Timeline
      data-testid={testId}
      items={events.map((e, i) => ({
        key: e.seq ?? i,
        color: color?.(e) ?? 'blue',
        content: (
          <div data-testid="timeline-item" data-type={shortType(e.type)}>
            <Typography.Text strong>{typeLabel ? typeLabel(e.type, e) : shortType(e.type)}</Typography.Text>
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {e.actorName ?? t('components.timeline.system')} · {formatInstant(e.occurredAt, locale)}
              </Typography.Text>
            </div>
            {e.reason && (
              <div>
                {t('components.timeline.reason')}
                {sep}
                {e.reason}
              </div>
            )}
            {e.summary && <div style={{ fontSize: 13 }}>{e.summary}</div>}
            {details?.(e)}
            {showHash && e.hash && (
              <Typography.Text type="secondary" style={{ display: 'block', fontSize: 11, fontFamily: 'monospace' }}>
                {e.seq !== undefined ? `#${e.seq} ` : ''}
                {e.hash.slice(0, 16)}
              </Typography.Text>
            )}
          </div>
        ),
      }))}
    />
  );
}
