import { Tag } from 'antd';
import { STATUS_LABELS, type Status, VISIBILITY_LABELS, type Visibility } from '../../../common/achievements';
import type { Locale } from '../../../common/locale';
import { formatWan, formatYuan } from '../../../common/money';
import { fieldName } from '../../../common/taxonomy';
import { labelOf, parseHeadline } from './helpers';

const STATUS_COLORS: Record<Status, string> = {
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
};

export function StatusTag({ status, locale }: { status: Status; locale: Locale }) {
  return (
    <Tag color={STATUS_COLORS[status]} data-testid="achievement-status" data-status={status}>
      {labelOf(STATUS_LABELS[status], locale, status)}
    </Tag>
  );
}

export function VisibilityTag({ visibility, locale }: { visibility: Visibility; locale: Locale }) {
  return <Tag color={visibility === 'public' ? 'green' : visibility === 'confidential' ? 'red' : 'default'}>{labelOf(VISIBILITY_LABELS[visibility], locale, visibility)}</Tag>;
}

/** Money in 元, with 万元 alongside for large amounts (zh-CN); "—" when absent. */
export function money(amount: string | null | undefined, locale: Locale): string {
  if (amount === null || amount === undefined || amount === '') return '—';
  const yuan = formatYuan(amount, locale);
  const abs = amount.replace(/^-/, '');
  const large = Number(abs.split('.')[0]) >= 10_000;
  return large ? `${yuan}（${formatWan(amount, locale)}）` : yuan;
}

/** Short money for tables: 万元 when large, else 元. */
export function moneyShort(amount: string | null | undefined, locale: Locale): string {
  if (amount === null || amount === undefined || amount === '') return '—';
  const large = Number(amount.replace(/^-/, '').split('.')[0]) >= 10_000;
  return large ? formatWan(amount, locale) : formatYuan(amount, locale);
}

export function fieldLabel(fieldCode: string, subfieldCode: string | null | undefined, locale: Locale): string {
  const f = fieldName(fieldCode, locale);
  return subfieldCode ? `${f} / ${fieldName(subfieldCode, locale)}` : f;
}

/** The search headline with the server's 【】 matches shown as <mark>. */
export function Headline({ text }: { text: string | null | undefined }) {
  const parts = parseHeadline(text);
  if (parts.length === 0) return null;
  return (
    <span data-testid="achievement-headline" style={{ color: 'rgba(0,0,0,0.55)', fontSize: 12 }}>
      {parts.map((p, i) =>
        p.match ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: parts of one fixed string
          <mark key={i}>{p.text}</mark>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: parts of one fixed string
          <span key={i}>{p.text}</span>
        ),
      )}
    </span>
  );
}
