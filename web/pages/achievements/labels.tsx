import { Tag } from 'antd';
import { VISIBILITY_LABELS, type Visibility } from '../../../common/achievements';
import type { Locale } from '../../../common/locale';
import { fieldName } from '../../../common/taxonomy';
import { labelOf, parseHeadline } from './helpers';

export function VisibilityTag({ visibility, locale }: { visibility: Visibility; locale: Locale }) {
  return <Tag color={visibility === 'public' ? 'green' : visibility === 'confidential' ? 'red' : 'default'}>{labelOf(VISIBILITY_LABELS[visibility], locale, visibility)}</Tag>;
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
