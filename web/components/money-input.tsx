import { Input, type InputProps, Typography } from 'antd';
import type { Rule } from 'antd/es/form';
import { useEffect, useRef, useState } from 'react';
import { isNegative, isZero } from '../../common/money';
import { formatMoney, type MoneyUnit, moneyHint, readMoney } from '../lib/format';
import { useI18n } from '../lib/i18n';

export interface MoneyInputProps extends Omit<InputProps, 'value' | 'onChange' | 'suffix'> {
  /** The amount in 元 as a decimal string ("125000.00"), or the text as typed while it cannot be read. */
  value?: string | null;
  /** Called with the amount as a Money string once the text reads as one ("12.5万" → "125000.00"), else with the raw text. */
  onChange?: (value: string) => void;
}

/**
 * An amount in 元, typed as people type it ("125,000", "12.5万", "１２万元"), kept as a decimal
 * string (never a float). The form value is the normalised Money string, or the raw text when it
 * cannot be read (so `moneyRule` can name the problem). Beside the field: the amount in the
 * other unit (万元 for large amounts, 元 when typed in 万).
 */
export function MoneyInput({ value, onChange, ...rest }: MoneyInputProps) {
  const { t, locale } = useI18n();
  const [text, setText] = useState(value ?? '');
  const emitted = useRef<string | null | undefined>(value);
  useEffect(() => {
    // A value set from outside (initial values, reset): show it; our own echo is left alone.
    if (value !== emitted.current) {
      emitted.current = value;
      setText(value ?? '');
    }
  }, [value]);
  const hint = moneyHint(text, locale);
  return (
    <Input
      inputMode="decimal"
      autoComplete="off"
      {...rest}
      value={text}
      onChange={(e) => {
        const raw = e.target.value;
        setText(raw);
        const out = raw.trim() === '' ? '' : (readMoney(raw) ?? raw);
        emitted.current = out;
        onChange?.(out);
      }}
      suffix={
        <span>
          {hint && (
            <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineEnd: 4 }} data-testid="money-hint">
              ≈ {hint}
            </Typography.Text>
          )}
          {t('components.money.yuan')}
        </span>
      }
    />
  );
}

export interface MoneyRuleOptions {
  required?: boolean;
  /** Allow amounts below zero (refunds, corrections). Default false. */
  allowNegative?: boolean;
  /** Refuse zero. Default false. */
  positive?: boolean;
  /** The message; default `components.money.invalid`. */
  message?: string;
}

/** The form rule of a MoneyInput: the value must be a Money string (optionally required, non-negative, positive). */
export function useMoneyRule(options: MoneyRuleOptions = {}): Rule {
  const { t } = useI18n();
  return moneyRule(options, { invalid: options.message ?? t('components.money.invalid'), required: options.message ?? t('components.money.required') });
}

/** The rule itself, for callers that build rules outside components. */
export function moneyRule(options: MoneyRuleOptions, messages: { invalid: string; required: string }): Rule {
  return {
    validator: (_: unknown, value: string | null | undefined) => {
      if (value === null || value === undefined || value === '') return options.required ? Promise.reject(new Error(messages.required)) : Promise.resolve();
      const amount = readMoney(value);
      if (amount === null) return Promise.reject(new Error(messages.invalid));
      if (!options.allowNegative && isNegative(amount)) return Promise.reject(new Error(messages.invalid));
      if (options.positive && isZero(amount)) return Promise.reject(new Error(messages.invalid));
      return Promise.resolve();
    },
  };
}

/** An amount for reading: formatted by the one rule, the exact 元 figure as the tooltip. */
export function Money({ value, unit = 'auto', empty, testId }: { value: string | null | undefined; unit?: MoneyUnit; empty?: string; testId?: string }) {
  const { locale } = useI18n();
  return (
    <span title={value ? formatMoney(value, locale, { unit: 'yuan' }) : undefined} data-testid={testId} data-value={value ?? undefined}>
      {formatMoney(value, locale, { unit, empty })}
    </span>
  );
}
