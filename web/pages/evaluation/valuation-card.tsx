import { Alert, Button, Card, Col, Descriptions, Input, Radio, Row, Select, Space, Table, Typography } from 'antd';
import { type ReactNode, useMemo } from 'react';
import type { Locale } from '../../../common/locale';
import { APPROACH_LABELS, FACTOR_KINDS, FACTOR_LABELS, type IncomeYear, type MarketRow, type Protection, type ValuationResult, type ValuationStep, valuate } from '../../../common/valuation';
import { MoneyInput } from '../../components/money-input';
import { formatMoney } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { type CostForm, DISCOUNT_KEYS, type IncomeForm, type MarketForm, toInput, type ValuationForm } from './form';

const pick = (pair: { zh: string; en: string }, locale: Locale) => (locale === 'zh-CN' ? pair.zh : pair.en);

function Field({ label, children, span = 8 }: { label: ReactNode; children: ReactNode; span?: number }) {
  return (
    <Col xs={24} sm={12} md={span}>
      <div style={{ marginBottom: 10 }}>
        <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12, marginBottom: 2 }}>
          {label}
        </Typography.Text>
        {children}
      </div>
    </Col>
  );
}

/** The working of one valuation: value, each step with its formula, the year or comparable table, the rule. */
export function ResultView({ result, locale, testid }: { result: ValuationResult; locale: Locale; testid: string }) {
  const { t } = useI18n();
  return (
    <div data-testid={`${testid}-result`}>
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2 }}
        items={[
          {
            key: 'v',
            label: t('evaluation.valuations.value'),
            children: (
              <Typography.Text strong data-testid={`${testid}-value`} data-value={result.value}>
                {formatMoney(result.value, locale)}（{formatMoney(result.value, locale, { unit: 'wan' })}）
              </Typography.Text>
            ),
          },
          ...(result.approach === 'market' ? [{ key: 'r', label: t('evaluation.valuations.range'), children: `${formatMoney(result.low, locale)} – ${formatMoney(result.high, locale)}` }] : []),
        ]}
      />
      <Table<ValuationStep>
        size="small"
        rowKey="key"
        pagination={false}
        style={{ marginTop: 8 }}
        data-testid={`${testid}-steps`}
        columns={[
          { title: t('evaluation.valuations.step'), key: 'label', width: '34%', render: (_, s) => pick(s.label, locale) },
          { title: t('evaluation.valuations.formula'), dataIndex: 'formula', render: (f: string) => <Typography.Text style={{ fontFamily: 'monospace', fontSize: 12 }}>{f}</Typography.Text> },
          { title: t('evaluation.valuations.result'), dataIndex: 'value', width: 130, align: 'right' },
        ]}
        dataSource={result.steps}
      />
      {result.years && (
        <Table<IncomeYear>
          size="small"
          rowKey="year"
          pagination={false}
          style={{ marginTop: 8 }}
          data-testid={`${testid}-years`}
          columns={[
            { title: t('evaluation.income.tYear'), dataIndex: 'year', width: 70 },
            { title: t('evaluation.income.amount'), dataIndex: 'amount', align: 'right' },
            { title: t('evaluation.income.share'), dataIndex: 'share', align: 'right' },
            { title: t('evaluation.income.factor'), dataIndex: 'discountFactor', align: 'right' },
            { title: t('evaluation.income.pvExact'), dataIndex: 'presentValueExact', align: 'right' },
            { title: t('evaluation.income.pv'), dataIndex: 'presentValue', align: 'right' },
          ]}
          dataSource={result.years}
          summary={() => (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0} colSpan={5}>
                {t('evaluation.income.total')}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={5} align="right">
                <Typography.Text strong>{result.value}</Typography.Text>
              </Table.Summary.Cell>
            </Table.Summary.Row>
          )}
        />
      )}
      {result.comparables && (
        <Table<MarketRow>
          size="small"
          rowKey={(r) => r.name + r.formula}
          pagination={false}
          style={{ marginTop: 8 }}
          columns={[
            { title: t('evaluation.market.name'), dataIndex: 'name' },
            { title: t('evaluation.market.price'), dataIndex: 'price', align: 'right' },
            { title: t('evaluation.market.factors'), key: 'f', render: (_, r) => r.factors.map((f) => `${f.label} ${f.value}`).join('；') },
            { title: t('evaluation.market.adjusted'), dataIndex: 'adjustedPrice', align: 'right' },
          ]}
          dataSource={result.comparables}
        />
      )}
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 8, marginBottom: 0 }}>
        {t('evaluation.valuations.rule')}：{pick(result.rule, locale)}
        <br />
        {t('evaluation.valuations.standard')}：{pick(result.standard, locale)}
        <br />
        {t('evaluation.valuations.precision')}：{pick(result.precision, locale)}
      </Typography.Paragraph>
    </div>
  );
}

function IncomeFields({ f, set, disabled }: { f: IncomeForm; set: (p: Partial<IncomeForm>) => void; disabled: boolean }) {
  const { t } = useI18n();
  const pctInput = (value: string, onChange: (v: string) => void, testid: string) => (
    <Input value={value} disabled={disabled} suffix="%" onChange={(e) => onChange(e.target.value)} data-testid={testid} />
  );
  const yuanInput = (value: string, onChange: (v: string) => void, testid: string) => <MoneyInput value={value} disabled={disabled} onChange={onChange} data-testid={testid} />;
  return (
    <>
      <Row gutter={12}>
        <Field label={t('evaluation.income.base')} span={12}>
          <Radio.Group value={f.base} disabled={disabled} onChange={(e) => set({ base: e.target.value })} optionType="button" size="small">
            <Radio.Button value="revenue">{t('evaluation.income.revenue')}</Radio.Button>
            <Radio.Button value="profit">{t('evaluation.income.profit')}</Radio.Button>
          </Radio.Group>
        </Field>
        <Field label={t('evaluation.income.shareMethod')} span={12}>
          <Select
            value={f.shareMethod}
            disabled={disabled}
            style={{ width: '100%' }}
            onChange={(v) => set({ shareMethod: v })}
            data-testid="income-share-method"
            options={[
              { value: 'given', label: t('evaluation.income.given') },
              { value: 'profit_to_revenue', label: t('evaluation.income.profitToRevenue') },
              { value: 'equivalent_investment', label: t('evaluation.income.equivalent') },
            ]}
          />
        </Field>
      </Row>
      <Row gutter={12}>
        {f.shareMethod === 'given' && <Field label={t('evaluation.income.rate')}>{pctInput(f.rate, (rate) => set({ rate }), 'income-rate')}</Field>}
        {f.shareMethod === 'profit_to_revenue' && (
          <>
            <Field label={t('evaluation.income.profitRate')}>{pctInput(f.profitRate, (profitRate) => set({ profitRate }), 'income-profit-rate')}</Field>
            <Field label={t('evaluation.income.margin')}>{pctInput(f.margin, (margin) => set({ margin }), 'income-margin')}</Field>
          </>
        )}
        {f.shareMethod === 'equivalent_investment' && (
          <>
            <Field label={t('evaluation.income.techCost')} span={6}>
              {yuanInput(f.techCost, (techCost) => set({ techCost }), 'income-tech-cost')}
            </Field>
            <Field label={t('evaluation.income.techReturn')} span={6}>
              {pctInput(f.techReturn, (techReturn) => set({ techReturn }), 'income-tech-return')}
            </Field>
            <Field label={t('evaluation.income.assetCost')} span={6}>
              {yuanInput(f.assetCost, (assetCost) => set({ assetCost }), 'income-asset-cost')}
            </Field>
            <Field label={t('evaluation.income.assetReturn')} span={6}>
              {pctInput(f.assetReturn, (assetReturn) => set({ assetReturn }), 'income-asset-return')}
            </Field>
            {f.base === 'revenue' && <Field label={t('evaluation.income.margin')}>{pctInput(f.margin, (margin) => set({ margin }), 'income-margin')}</Field>}
          </>
        )}
      </Row>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('evaluation.income.discount')}
      </Typography.Text>
      <Row gutter={12}>
        {DISCOUNT_KEYS.map((k) => (
          <Field key={k} label={t(`evaluation.income.${k}`)} span={4}>
            {pctInput(f.discount[k], (v) => set({ discount: { ...f.discount, [k]: v } }), `income-discount-${k}`)}
          </Field>
        ))}
      </Row>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('evaluation.income.years')}
      </Typography.Text>
      <Row gutter={12}>
        {f.amounts.map((a, i) => (
          // Years are positions: the index is the year.
          // biome-ignore lint/suspicious/noArrayIndexKey: the year number is the identity
          <Field key={i} label={t('evaluation.income.year', { n: i + 1 })} span={4}>
            {yuanInput(a, (v) => set({ amounts: f.amounts.map((x, j) => (j === i ? v : x)) }), `income-year-${i + 1}`)}
          </Field>
        ))}
      </Row>
      {!disabled && (
        <Space style={{ marginBottom: 8 }}>
          <Button size="small" onClick={() => set({ amounts: [...f.amounts, ''] })} data-testid="income-add-year">
            {t('evaluation.income.addYear')}
          </Button>
          <Button size="small" disabled={f.amounts.length <= 1} onClick={() => set({ amounts: f.amounts.slice(0, -1) })}>
            {t('evaluation.income.removeYear')}
          </Button>
        </Space>
      )}
    </>
  );
}

function MarketFields({ f, set, disabled }: { f: MarketForm; set: (p: Partial<MarketForm>) => void; disabled: boolean }) {
  const { t, locale } = useI18n();
  const setComparable = (i: number, p: Partial<MarketForm['comparables'][number]>) => set({ comparables: f.comparables.map((c, j) => (j === i ? { ...c, ...p } : c)) });
  return (
    <>
      {f.comparables.map((c, i) => (
        <Card
          // biome-ignore lint/suspicious/noArrayIndexKey: comparables are numbered by position
          key={i}
          size="small"
          style={{ marginBottom: 8 }}
          title={`${t('evaluation.market.comparables')} ${i + 1}`}
          extra={
            !disabled &&
            f.comparables.length > 1 && (
              <Button size="small" type="link" danger onClick={() => set({ comparables: f.comparables.filter((_, j) => j !== i) })}>
                {t('evaluation.valuations.remove')}
              </Button>
            )
          }
        >
          <Row gutter={12}>
            <Field label={t('evaluation.market.name')} span={10}>
              <Input value={c.name} disabled={disabled} onChange={(e) => setComparable(i, { name: e.target.value })} data-testid={`market-${i}-name`} />
            </Field>
            <Field label={t('evaluation.market.price')} span={7}>
              <MoneyInput value={c.price} disabled={disabled} onChange={(price) => setComparable(i, { price })} data-testid={`market-${i}-price`} />
            </Field>
            <Field label={t('evaluation.market.dealDate')} span={7}>
              <Input value={c.dealDate} disabled={disabled} placeholder="YYYY-MM-DD" onChange={(e) => setComparable(i, { dealDate: e.target.value })} />
            </Field>
          </Row>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('evaluation.market.factors')}
          </Typography.Text>
          {c.factors.map((x, j) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: factors are edited in place
            <Space key={j} style={{ display: 'flex', marginTop: 4 }} wrap>
              <Select
                value={x.kind}
                disabled={disabled}
                style={{ width: 150 }}
                onChange={(kind) => setComparable(i, { factors: c.factors.map((y, k) => (k === j ? { ...y, kind } : y)) })}
                options={FACTOR_KINDS.map((k) => ({ value: k, label: pick(FACTOR_LABELS[k], locale) }))}
              />
              <Input
                value={x.label}
                disabled={disabled}
                placeholder={t('evaluation.market.factorLabel')}
                style={{ width: 200 }}
                onChange={(e) => setComparable(i, { factors: c.factors.map((y, k) => (k === j ? { ...y, label: e.target.value } : y)) })}
              />
              <Input
                value={x.value}
                disabled={disabled}
                style={{ width: 100 }}
                onChange={(e) => setComparable(i, { factors: c.factors.map((y, k) => (k === j ? { ...y, value: e.target.value } : y)) })}
                data-testid={`market-${i}-factor-${j}`}
              />
              {!disabled && (
                <Button size="small" type="link" danger onClick={() => setComparable(i, { factors: c.factors.filter((_, k) => k !== j) })}>
                  {t('evaluation.valuations.remove')}
                </Button>
              )}
            </Space>
          ))}
          {!disabled && (
            <Button size="small" style={{ marginTop: 6 }} onClick={() => setComparable(i, { factors: [...c.factors, { kind: 'time', label: '', value: '1' }] })}>
              {t('evaluation.market.addFactor')}
            </Button>
          )}
        </Card>
      ))}
      <Row gutter={12}>
        <Field label={t('evaluation.market.selection')} span={12}>
          <Select
            value={f.selection}
            disabled={disabled}
            style={{ width: '100%' }}
            onChange={(selection) => set({ selection })}
            options={(['mean', 'median', 'min', 'max', 'comparable'] as const).map((s) => ({ value: s, label: t(`evaluation.market.${s}`) }))}
          />
        </Field>
        {f.selection === 'comparable' && (
          <Field label={t('evaluation.market.comparableIndex')} span={12}>
            <Select
              value={f.comparableIndex}
              disabled={disabled}
              style={{ width: '100%' }}
              onChange={(comparableIndex) => set({ comparableIndex })}
              options={f.comparables.map((c, i) => ({ value: i, label: `${i + 1}. ${c.name}` }))}
            />
          </Field>
        )}
      </Row>
      {!disabled && (
        <Button
          size="small"
          onClick={() => set({ comparables: [...f.comparables, { name: '', price: '', dealDate: '', factors: [{ kind: 'technology', label: '', value: '1' }] }] })}
          data-testid="market-add-comparable"
        >
          {t('evaluation.market.addComparable')}
        </Button>
      )}
    </>
  );
}

function CostFields({ f, set, disabled }: { f: CostForm; set: (p: Partial<CostForm>) => void; disabled: boolean }) {
  const { t } = useI18n();
  const yuan = (k: 'direct' | 'indirect' | 'profit' | 'taxes' | 'replacementCost') => (
    <Field key={k} label={t(`evaluation.cost.${k}`)} span={6}>
      <MoneyInput value={f[k]} disabled={disabled} onChange={(v) => set({ [k]: v })} data-testid={`cost-${k}`} />
    </Field>
  );
  return (
    <>
      <Row gutter={12}>
        <Field label={t('evaluation.cost.basis')} span={12}>
          <Radio.Group value={f.basis} disabled={disabled} optionType="button" size="small" onChange={(e) => set({ basis: e.target.value })}>
            <Radio.Button value="components">{t('evaluation.cost.components')}</Radio.Button>
            <Radio.Button value="replacement">{t('evaluation.cost.replacement')}</Radio.Button>
          </Radio.Group>
        </Field>
        <Field label={t('evaluation.cost.depreciation')} span={12}>
          <Radio.Group value={f.depMethod} disabled={disabled} optionType="button" size="small" onChange={(e) => set({ depMethod: e.target.value })}>
            <Radio.Button value="rate">{t('evaluation.cost.byRate')}</Radio.Button>
            <Radio.Button value="life">{t('evaluation.cost.byLife')}</Radio.Button>
          </Radio.Group>
        </Field>
      </Row>
      <Row gutter={12}>{f.basis === 'components' ? (['direct', 'indirect', 'profit', 'taxes'] as const).map(yuan) : yuan('replacementCost')}</Row>
      <Row gutter={12}>
        {f.depMethod === 'rate' ? (
          <Field label={t('evaluation.cost.rate')} span={6}>
            <Input value={f.depRate} disabled={disabled} suffix="%" onChange={(e) => set({ depRate: e.target.value })} data-testid="cost-dep-rate" />
          </Field>
        ) : (
          <>
            <Field label={t('evaluation.cost.usedYears')} span={6}>
              <Input value={f.usedYears} disabled={disabled} onChange={(e) => set({ usedYears: e.target.value })} />
            </Field>
            <Field label={t('evaluation.cost.remainingYears')} span={6}>
              <Input value={f.remainingYears} disabled={disabled} onChange={(e) => set({ remainingYears: e.target.value })} />
            </Field>
          </>
        )}
      </Row>
    </>
  );
}

/**
 * One valuation: its inputs and, live while typing, the working computed by the same pure rules
 * the server runs (common/valuation.ts). A finalised version shows the results saved with it.
 */
export function ValuationCard(props: {
  index: number;
  form: ValuationForm;
  onChange: (next: ValuationForm) => void;
  onRemove: () => void;
  onUseValue: (value: string) => void;
  editable: boolean;
  valuationDate: string;
  protection: Protection | null;
  saved: ValuationResult | undefined;
}) {
  const { t, locale } = useI18n();
  const { form: f, editable } = props;
  const outcome = useMemo(() => (editable ? valuate(toInput(f, props.valuationDate, props.protection)) : null), [editable, f, props.valuationDate, props.protection]);
  const result = editable ? (outcome?.ok ? outcome.result : null) : (props.saved ?? null);
  const testid = `valuation-${props.index}`;
  const set = (p: Partial<ValuationForm>) => props.onChange({ ...f, ...p } as ValuationForm);
  return (
    <Card
      size="small"
      style={{ marginBottom: 12 }}
      data-testid={testid}
      title={`${props.index + 1}. ${pick(APPROACH_LABELS[f.approach], locale)}`}
      extra={
        <Space>
          {result && editable && (
            <Button size="small" onClick={() => props.onUseValue(result.value)}>
              {t('evaluation.conclusion.fromValuation')}
            </Button>
          )}
          {editable && (
            <Button size="small" danger onClick={props.onRemove}>
              {t('evaluation.valuations.remove')}
            </Button>
          )}
        </Space>
      }
    >
      {f.approach === 'income' && <IncomeFields f={f} set={set} disabled={!editable} />}
      {f.approach === 'market' && <MarketFields f={f} set={set} disabled={!editable} />}
      {f.approach === 'cost' && <CostFields f={f} set={set} disabled={!editable} />}
      <Row gutter={12}>
        <Field label={t('evaluation.valuations.note')} span={24}>
          <Input.TextArea value={f.note} disabled={!editable} autoSize={{ minRows: 1, maxRows: 4 }} onChange={(e) => set({ note: e.target.value })} />
        </Field>
      </Row>
      {outcome && !outcome.ok && (
        <Alert
          type="warning"
          showIcon
          data-testid={`${testid}-issues`}
          message={t('evaluation.valuations.issues')}
          description={
            <ul style={{ margin: 0, paddingLeft: 18 }}>
              {outcome.issues.map((i) => (
                <li key={i.field + i.zh}>{pick(i, locale)}</li>
              ))}
            </ul>
          }
        />
      )}
      {result && <ResultView result={result} locale={locale} testid={testid} />}
    </Card>
  );
}
