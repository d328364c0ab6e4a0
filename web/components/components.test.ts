import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createElement as h, type ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { PAGE_TOTAL_CAP } from '../../common/page';
import { formatMoney, isLargeAmount, moneyHint, readMoney } from '../lib/format';
import { I18nProvider } from '../lib/i18n';
import { STATUS_KINDS, statusLabel, statusValues } from '../lib/statuses';
import { LedgerTimeline, shortType } from './ledger-timeline';
import { Money, MoneyInput, moneyRule } from './money-input';
import { PagedTable, pageRequest, sortOf } from './paged-table';
import { StatusTag } from './status-tag';

/** Server-side rendering of a component inside the app's providers (zh-CN, the default language). */
function render(node: ReactNode, data?: { key: unknown[]; value: unknown }): string {
  const client = new QueryClient();
  if (data) client.setQueryData(data.key, data.value);
  return renderToStaticMarkup(h(QueryClientProvider, { client }, h(I18nProvider, null, node)));
}

describe('money: one rule for 元 and 万元', () => {
  it('formats by unit without floating point', () => {
    expect(formatMoney('12345678901234567.85', 'zh-CN')).toBe('¥12,345,678,901,234,567.85');
    expect(formatMoney('480000', 'zh-CN', { unit: 'auto' })).toBe('¥480,000.00');
    expect(formatMoney('1234567.89', 'zh-CN', { unit: 'auto' })).toBe('123.46万元');
    expect(formatMoney('-1000000', 'zh-CN', { unit: 'auto' })).toBe('-100.00万元');
    expect(formatMoney('1234567.89', 'en-US', { unit: 'auto' })).toBe('CNY 1.23 million');
    expect(formatMoney('50000', 'zh-CN', { unit: 'wan' })).toBe('5.00万元');
    expect(formatMoney('1234567.89', 'zh-CN', { unit: 'full' })).toBe('¥1,234,567.89（123.46万元）');
    expect(formatMoney('999999.99', 'zh-CN', { unit: 'full' })).toBe('¥999,999.99');
    expect(formatMoney('1000', 'zh-CN', { currency: 'USD', unit: 'wan' })).toBe('US$1,000.00');
    expect(formatMoney(null, 'zh-CN')).toBe('—');
    expect(formatMoney('', 'zh-CN', { empty: '' })).toBe('');
    expect(formatMoney('abc', 'zh-CN')).toBe('abc');
    expect(isLargeAmount('999999.99')).toBe(false);
    expect(isLargeAmount('1000000.00')).toBe(true);
  });

  it('reads typed amounts and hints the other unit', () => {
    expect(readMoney('12.5万')).toBe('125000.00');
    expect(readMoney('1,234.5')).toBe('1234.50');
    expect(readMoney('1,5')).toBeNull();
    expect(readMoney('')).toBeNull();
    expect(moneyHint('12.5万', 'zh-CN')).toBe('¥125,000.00');
    expect(moneyHint('125000', 'zh-CN')).toBe('12.50万元');
    expect(moneyHint('9999', 'zh-CN')).toBeNull();
    expect(moneyHint('125000', 'en-US')).toBeNull();
    expect(moneyHint('2500000', 'en-US')).toBe('CNY 2.50 million');
  });

  it('validates MoneyInput values with moneyRule', async () => {
    const messages = { invalid: 'invalid', required: 'required' };
    const check = (options: Parameters<typeof moneyRule>[0], value: string | undefined) => {
      const rule = moneyRule(options, messages) as { validator: (r: unknown, v: string | undefined) => Promise<void> };
      return rule.validator({}, value).then(
        () => 'ok',
        (e: Error) => e.message,
      );
    };
    expect(await check({}, undefined)).toBe('ok');
    expect(await check({ required: true }, '')).toBe('required');
    expect(await check({}, '125000.00')).toBe('ok');
    expect(await check({}, '12.5x')).toBe('invalid');
    expect(await check({}, '-5.00')).toBe('invalid');
    expect(await check({ allowNegative: true }, '-5.00')).toBe('ok');
    expect(await check({ positive: true }, '0.00')).toBe('invalid');
  });

  it('renders the input with its 万元 hint and the amount with its exact title', () => {
    const input = render(h(MoneyInput, { value: '125000.00', 'data-testid': 'amount' } as never));
    expect(input).toContain('data-testid="amount"');
    expect(input).toContain('value="125000.00"');
    expect(input).toContain('12.50万元');
    expect(input).toContain('元');
    const shown = render(h(Money, { value: '1234567.89', testId: 'm' }));
    expect(shown).toContain('123.46万元');
    expect(shown).toContain('title="¥1,234,567.89"');
  });
});

describe('status tags from one map', () => {
  it('labels every value of every kind in both languages', () => {
    for (const kind of Object.keys(STATUS_KINDS) as Array<keyof typeof STATUS_KINDS>) {
      for (const value of statusValues(kind)) {
        for (const locale of ['zh-CN', 'en-US'] as const) {
          const missing: string[] = [];
          const label = statusLabel(kind, value, locale, (key, fallback) => {
            missing.push(key);
            return fallback;
          });
          // Locale-backed kinds are checked by rendering below; common-map kinds must have a label.
          if (typeof STATUS_KINDS[kind].labels !== 'string') expect(label, `${kind}.${value}`).not.toBe(value);
          else expect(missing).toHaveLength(1);
        }
      }
    }
  });

  it('renders colour, label and test id', () => {
    const contract = render(h(StatusTag<'contract'>, { kind: 'contract', value: 'in_force' }));
    expect(contract).toContain('data-testid="contract-status"');
    expect(contract).toContain('data-status="in_force"');
    expect(contract).toContain('ant-tag-green');
    expect(contract).toContain('履行中');
    for (const kind of Object.keys(STATUS_KINDS) as Array<keyof typeof STATUS_KINDS>) {
      const values = statusValues(kind);
      for (const value of values) {
        const html = render(h(StatusTag, { kind, value } as never));
        // A locale-backed label that is missing would show the bare value.
        expect(html, `${kind}.${value}`).not.toContain(`>${value}<`);
      }
    }
  });
});

describe('ledger timeline', () => {
  it('shows type, actor, time, reason and hash of each event', () => {
    const html = render(
      h(LedgerTimeline, {
        events: [
          { type: 'contract.signed', occurredAt: '2026-01-31T16:30:00Z', actorName: '王老师', summary: '金额 ¥1.00', seq: 7, hash: 'abcdef0123456789abcdef' },
          { type: 'contract.terminated', occurredAt: '2026-02-01T01:00:00Z', reason: '违约' },
        ],
        typeLabel: (type: string) => `T:${shortType(type)}`,
        testId: 'tl',
      }),
    );
    expect(html).toContain('data-testid="tl"');
    expect(html).toContain('data-type="signed"');
    expect(html).toContain('T:signed');
    expect(html).toContain('王老师 · 2026/02/01 00:30');
    expect(html).toContain('系统');
    expect(html).toContain('违约');
    expect(html).toContain('#7 abcdef0123456789');
    expect(render(h(LedgerTimeline, { events: [] }))).toContain('暂无记录');
  });
});

describe('paged table (common/page.ts)', () => {
  it('builds the request from filters, page and sort', () => {
    expect(pageRequest({ status: 'signed', q: '', orgId: undefined }, { page: 2, pageSize: 50, sort: 'signedOn', order: 'asc' })).toEqual({
      status: 'signed',
      page: 2,
      pageSize: 50,
      sort: 'signedOn',
      order: 'asc',
    });
    expect(pageRequest({}, { page: 1, pageSize: 999 })).toEqual({ page: 1, pageSize: 200 });
    expect(sortOf({ columnKey: 'amount', order: 'ascend' })).toEqual({ sort: 'amount', order: 'asc' });
    expect(sortOf({ field: 'title', order: 'descend' })).toEqual({ sort: 'title', order: 'desc' });
    expect(sortOf({ columnKey: 'amount', order: undefined })).toBeUndefined();
  });

  it('shows the items and "10,000+ — narrow the filters" when the count was capped', () => {
    const filters = { status: 'signed' };
    const request = { status: 'signed', page: 1, pageSize: 20, sort: 'updatedAt', order: 'desc' };
    const html = render(
      h(PagedTable<{ id: string; title: string }, typeof filters>, {
        rowKey: 'id',
        queryKey: ['things'],
        filters,
        defaultSort: { sort: 'updatedAt', order: 'desc' },
        fetch: async () => {
          throw new Error('not called: the page is in the cache');
        },
        columns: [{ title: 'Title', dataIndex: 'title', key: 'title', sorter: true }],
      }),
      { key: ['things', request], value: { items: [{ id: 'a', title: '第一项' }], total: PAGE_TOTAL_CAP, totalCapped: true, page: 1, pageSize: 20 } },
    );
    expect(html).toContain('第一项');
    expect(html).toContain('10,000+ 条，请缩小筛选条件');
    expect(html).toContain('data-capped="true"');
  });
});
