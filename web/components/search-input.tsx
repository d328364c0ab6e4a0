import { Input } from 'antd';

/** The search box above a list: the trimmed text on Enter or the search button ('' when cleared). */
export function SearchInput({ placeholder, onSearch, width = 320, label, testId }: { placeholder: string; onSearch: (text: string) => void; width?: number; label?: string; testId?: string }) {
  return <Input.Search allowClear placeholder={placeholder} aria-label={label} style={{ width, maxWidth: '100%' }} onSearch={(value) => onSearch(value.trim())} data-testid={testId} />;
}
