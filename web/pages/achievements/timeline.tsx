import { Empty, Typography } from 'antd';
import {
  PRICING_METHOD_LABELS,
  type PricingMethod,
  STATUS_LABELS,
  type Status,
  TRANSFORMATION_MODE_LABELS,
  type TransformationMode,
  VISIBILITY_LABELS,
  type Visibility,
} from '../../../common/achievements';
import type { Locale } from '../../../common/locale';
import { LedgerTimeline, shortType } from '../../components/ledger-timeline';
import { formatMoney } from '../../lib/format';
import { type I18n, useI18n } from '../../lib/i18n';
import { labelOf } from './helpers';
import { useTimeline } from './service';
import type { TimelineEntry } from '../../../common/api/achievements';

const MONEY_KEYS = new Set(['agreedPrice', 'askingPrice', 'contractAmount', 'price']);
const SHOWN_KEYS = [
  'from',
  'to',
  'trl',
  'notes',
  'pricingMethod',
  'agreedPrice',
  'askingPrice',
  'startsOn',
  'endsOn',
  'days',
  'transformationMode',
  'contractAmount',
  'techContractRegNo',
  'applicationNo',
  'nextAnnuityDue',
  'filename',
  'content',
  'resolution',
  'note',
  'fields',
  'visibility',
] as const;

/** One payload value in the page's language: statuses, methods and modes by label, money in 元, dates as is. */
function valueText(key: string, value: unknown, i18n: I18n, locale: Locale): string | null {
  if (value === null || value === undefined || value === '') return null;
  switch (key) {
    case 'from':
    case 'to':
      return labelOf(STATUS_LABELS[value as Status], locale, String(value));
    case 'pricingMethod':
      return labelOf(PRICING_METHOD_LABELS[value as PricingMethod], locale, String(value));
    case 'transformationMode':
      return labelOf(TRANSFORMATION_MODE_LABELS[value as TransformationMode], locale, String(value));
    case 'visibility':
      return labelOf(VISIBILITY_LABELS[value as Visibility], locale, String(value));
    case 'trl':
      return i18n.t('achievements.actionForm.trlLevel', { level: Number(value) });
    case 'resolution':
      return value === 'upheld' ? i18n.t('achievements.publicity.upheld') : i18n.t('achievements.publicity.dismissed');
    case 'fields':
      if (value && typeof value === 'object') {
        return Object.keys(value)
          .map((k) => i18n.tOr(`achievements.fields.${k}`, k))
          .join(locale === 'zh-CN' ? '、' : ', ');
      }
      return null;
    default:
      if (MONEY_KEYS.has(key)) return formatMoney(String(value), locale, { unit: 'full' });
      return typeof value === 'object' ? null : String(value);
  }
}

/** The key facts of an event's payload (a filing's are nested under `filing`). */
export function payloadLines(entry: Pick<TimelineEntry, 'payload'>, i18n: I18n, locale: Locale): Array<{ key: string; label: string; text: string }> {
  const flat: Record<string, unknown> = { ...entry.payload };
  const filing = entry.payload.filing;
  if (filing && typeof filing === 'object') {
    const f = filing as Record<string, unknown>;
    Object.assign(flat, { applicationNo: f.applicationNo, nextAnnuityDue: f.nextAnnuityDue });
  }
  const lines: Array<{ key: string; label: string; text: string }> = [];
  for (const key of SHOWN_KEYS) {
    const text = valueText(key, flat[key], i18n, locale);
    if (text) lines.push({ key, label: i18n.t(`achievements.timeline.payload.${key}`), text });
  }
  return lines;
}

export function eventLabel(type: string, i18n: I18n): string {
  const short = type.replace(/^achievement\./, '');
  return i18n.tOr(`achievements.timeline.types.${short}`, short);
}

/** The ledger events of one achievement, oldest first: step, actor, time (Asia/Shanghai), reason, key facts. */
export function AchievementTimeline({ id }: { id: string }) {
  const i18n = useI18n();
  const { t, locale } = i18n;
  const q = useTimeline(id);
  const sep = locale === 'zh-CN' ? '：' : ': ';
  return (
    <LedgerTimeline
      testId="achievement-timeline"
      events={q.data?.items.map((e) => ({ ...e, occurredAt: e.at }))}
      loading={q.isPending}
      showHash={false}
      empty={<Empty description={t('achievements.timeline.empty')} />}
      typeLabel={(type) => eventLabel(type, i18n)}
      color={(e) => {
        const short = shortType(e.type);
        return short === 'dispose' || short === 'withdraw' || short === 'return' ? 'red' : short === 'complete' || short === 'published' ? 'green' : 'blue';
      }}
      details={(e) =>
        payloadLines(e, i18n, locale).map((l) => (
          <div key={l.key} style={{ fontSize: 13 }}>
            <Typography.Text type="secondary">
              {l.label}
              {sep}
            </Typography.Text>
            {l.text}
          </div>
        ))
      }
    />
  );
}
