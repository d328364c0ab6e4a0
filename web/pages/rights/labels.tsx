import { Tag } from 'antd';
import type { Locale } from '../../../common/locale';
import { formatWan, formatYuan } from '../../../common/money';
import type { Bilingual, GrantStatus } from './service';

export const pick = (l: Bilingual, locale: Locale) => (locale === 'zh-CN' ? l.zh : l.en);

/** 元 below a million, 万元 above (Chinese first). */
export function yuan(amount: string | null | undefined, locale: Locale): string {
  if (amount == null || amount === '') return '';
  try {
    return Math.abs(Number(amount)) >= 1_000_000 ? formatWan(amount, locale) : formatYuan(amount, locale);
  } catch {
    return amount;
  }
}

/** "0.8" → "80%" without floats. */
export function percentOfRatio(ratio: string | null | undefined): string {
  if (!ratio) return '';
  const [i = '0', f = ''] = ratio.split('.');
  const digits = `${f}000000`;
  const whole = `${i === '0' ? '' : i}${digits.slice(0, 2)}`.replace(/^0+(?=\d)/, '');
  const rest = digits.slice(2).replace(/0+$/, '');
  return `${whole || '0'}${rest ? `.${rest}` : ''}%`;
}

const COLORS: Record<GrantStatus, string> = {
  submitted: 'blue',
  dept_checked: 'cyan',
  in_publicity: 'gold',
  approved: 'geekblue',
  agreement_signed: 'purple',
  recorded: 'green',
  returned: 'orange',
  rejected: 'red',
  withdrawn: 'default',
};

export function GrantStatusTag({ status, label }: { status: GrantStatus; label: string }) {
  return (
    <Tag color={COLORS[status]} data-testid="grant-status" data-status={status}>
      {label}
    </Tag>
  );
}
