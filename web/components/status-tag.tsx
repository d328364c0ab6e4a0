import { Tag, type TagProps } from 'antd';
import { useCallback } from 'react';
import { useI18n } from '../lib/i18n';
import { type StatusKindName, type StatusValue, STATUS_KINDS, statusColor, statusLabel, statusValues } from '../lib/statuses';

export type { StatusKindName, StatusValue } from '../lib/statuses';

export interface StatusTagProps<K extends StatusKindName> extends Omit<TagProps, 'color' | 'children'> {
  kind: K;
  value: StatusValue<K>;
  /** Overrides the kind's data-testid (default e.g. `contract-status`). */
  testId?: string;
}

/**
 * A status as a coloured tag, from the one map in web/lib/statuses.ts:
 * `<StatusTag kind="contract" value={c.status} />`. Carries data-testid="<kind>-status" and
 * data-status={value}.
 */
export function StatusTag<K extends StatusKindName>({ kind, value, testId, ...rest }: StatusTagProps<K>) {
  const { locale, tOr } = useI18n();
  return (
    <Tag color={statusColor(kind, value)} data-testid={testId ?? STATUS_KINDS[kind].testId} data-status={value} {...rest}>
      {statusLabel(kind, value, locale, tOr)}
    </Tag>
  );
}

/** The label of a status in the interface language: `const label = useStatusLabel(); label('contract', s)`. */
export function useStatusLabel() {
  const { locale, tOr } = useI18n();
  return useCallback(<K extends StatusKindName>(kind: K, value: StatusValue<K> | string) => statusLabel(kind, value, locale, tOr), [locale, tOr]);
}

/** Select options for a status filter: `<Select options={useStatusOptions('contract')} />`. */
export function useStatusOptions<K extends StatusKindName>(kind: K): Array<{ value: StatusValue<K>; label: string }> {
  const label = useStatusLabel();
  return statusValues(kind).map((value) => ({ value, label: label(kind, value) }));
}
