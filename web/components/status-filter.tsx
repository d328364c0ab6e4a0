import { Select } from 'antd';
import type { ReactNode } from 'react';
import { type StatusKindName, type StatusValue, useStatusOptions } from './status-tag';

export interface StatusFilterProps<K extends StatusKindName> {
  kind: K;
  value: StatusValue<K> | undefined;
  onChange: (value: StatusValue<K> | undefined) => void;
  /** Shown while no status is chosen ("all statuses"). */
  placeholder: ReactNode;
  testId?: string;
}

/**
 * The status filter above a list: one status of the kind or none, labels from web/lib/statuses.ts.
 *
 *   <StatusFilter kind="project" value={status} onChange={setStatus} placeholder={t('projects.allStatuses')} testId="project-status-filter" />
 */
export function StatusFilter<K extends StatusKindName>({ kind, value, onChange, placeholder, testId }: StatusFilterProps<K>) {
  const options = useStatusOptions(kind);
  return <Select allowClear placeholder={placeholder} style={{ width: 180 }} value={value} onChange={onChange} options={options} data-testid={testId} />;
}
