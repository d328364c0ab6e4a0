import { Button, Card, DatePicker, Descriptions, Empty, Form, Input, Pagination, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { pageFetcher } from '../../api/client';
import { FormModal } from '../../components/form-modal';
import { Money, MoneyInput, useMoneyRule } from '../../components/money-input';
import { usePagedQuery } from '../../components/paged-table';
import { useCreditCodeRule } from '../../lib/credit-code-rule';
import { formatMoney } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { percentOfRatio, pick } from './labels';
import { type Agreement, type CorporateEventKind, rightsApi, rightsLists, useAgreements, useGrants, useRightsMutation } from './service';

const KINDS: readonly CorporateEventKind[] = ['dividend', 'bonus_shares', 'partial_sale', 'ipo', 'full_transfer'];

function AgreementCard({ a }: { a: Agreement }) {
  const { t, locale } = useI18n();
  return (
    <Card
      size="small"
      style={{ marginBottom: 16 }}
      data-testid={`agreement-${a.id}`}
      title={
        <Space wrap>
          <span>{a.company.name}</span>
          <Typography.Text type="secondary">{a.company.creditCode}</Typography.Text>
          {a.status === 'closed' && <Tag>{t('rights.proceeds.closed')}</Tag>}
        </Space>
      }
      extra={a.contract && <Link to={`/contracts/${a.contract.id}?tab=statement`}>{`${t('rights.proceeds.contract')} ${a.contract.number}`}</Link>}
    >
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2, lg: 4 }}
        items={[
          { key: 'a', label: t('rights.proceeds.achievement'), children: `${a.achievement.number} ${a.achievement.title}` },
          { key: 'su', label: t('rights.proceeds.institutionShare'), children: percentOfRatio(a.institutionShare) },
          { key: 'e', label: t('rights.proceeds.equityShares'), children: a.equityShares },
          { key: 'on', label: t('rights.proceeds.agreedOn'), children: a.agreedOn },
          { key: 'held', label: t('rights.proceeds.held'), children: a.position.heldShares },
          { key: 'tracked', label: t('rights.proceeds.tracked'), children: a.position.trackedShares },
          { key: 'p', label: t('rights.proceeds.proceedsToDate'), children: <Money value={a.position.proceedsToDate} empty="" /> },
          {
            key: 'd',
            label: t('rights.proceeds.dueToDate'),
            children: (
              <Typography.Text strong>
                <Money value={a.position.dueToDate} empty="" />
              </Typography.Text>
            ),
          },
        ]}
      />
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={a.events}
        locale={{ emptyText: t('rights.empty') }}
        columns={[
          { title: t('rights.proceeds.occurredOn'), dataIndex: 'occurredOn', width: 110 },
          { title: t('rights.proceeds.eventKind'), dataIndex: 'label', width: 110, render: (l: { zh: string; en: string }) => pick(l, locale) },
          { title: t('rights.proceeds.due'), dataIndex: 'due', width: 130, align: 'right', render: (v: string) => <Money value={v} empty="" /> },
          { title: t('rights.proceeds.teamPart'), dataIndex: 'teamPart', width: 130, align: 'right', render: (v: string) => <Money value={v} empty="" /> },
          {
            title: t('rights.proceeds.explanation'),
            key: 'x',
            render: (_, e) => (
              <Space direction="vertical" size={0}>
                <Typography.Text>{pick(e.explanation, locale)}</Typography.Text>
                <Typography.Text type="secondary">{`${pick(e.rule, locale)} · ${e.evidence}`}</Typography.Text>
              </Space>
            ),
          },
        ]}
      />
    </Card>
  );
}

function NewAgreementModal({ open, onClose, orgId }: { open: boolean; onClose: () => void; orgId: string }) {
  const { t } = useI18n();
  const grants = useGrants(orgId);
  const recorded = (grants.data?.items ?? []).filter((g) => g.status === 'recorded' && g.kind === 'ownership');
  const create = useRightsMutation((body: Parameters<typeof rightsApi.createAgreement>[1]) => rightsApi.createAgreement(orgId, body), { success: t('rights.proceeds.added') });
  return (
    <FormModal<Omit<Parameters<typeof rightsApi.createAgreement>[1], 'agreedOn'> & { agreedOn: Dayjs }>
      open={open}
      title={t('rights.proceeds.add')}
      okText={t('common.actions.confirm')}
      onClose={onClose}
      initialValues={{ agreedOn: dayjs(), institutionShare: '0.2' }}
      onSubmit={(v) => create.mutateAsync({ ...v, agreedOn: v.agreedOn.format('YYYY-MM-DD') })}
    >
      <AgreementFields
        achievements={recorded.map((g) => ({ value: g.achievement.id, label: `${g.achievement.number} ${g.achievement.title}（${g.coOwnership.unitPct}% / ${g.coOwnership.teamPct}%）` }))}
        withCompany
      />
    </FormModal>
  );
}

/** The company of an agreement or a case: its name and credit code. */
export function CompanyFields({ wide }: { wide?: boolean }) {
  const { t } = useI18n();
  const creditCodeRule = useCreditCodeRule();
  return (
    <>
      <Form.Item name="companyName" label={t('rights.proceeds.companyName')} rules={[{ required: true, whitespace: true, min: 2 }]}>
        <Input style={wide ? { width: 280 } : undefined} />
      </Form.Item>
      <Form.Item name="companyCreditCode" label={t('rights.proceeds.companyCreditCode')} validateFirst rules={[{ required: true, len: 18 }, creditCodeRule]}>
        <Input style={wide ? { width: 220 } : undefined} maxLength={18} />
      </Form.Item>
    </>
  );
}

/** An agreement's fields: the achievement, optionally the company, the institution's part and the evidence. */
export function AgreementFields({ achievements, withCompany, searchable }: { achievements: Array<{ value: string; label: string }>; withCompany?: boolean; searchable?: boolean }) {
  const { t } = useI18n();
  return (
    <>
      <Form.Item name="achievementId" label={t('rights.proceeds.achievement')} rules={[{ required: true }]}>
        <Select showSearch={searchable ? { optionFilterProp: 'label' } : undefined} options={achievements} />
      </Form.Item>
      {withCompany && <CompanyFields />}
      <Space wrap>
        <EquityFields />
      </Space>
      <Form.Item name="evidence" label={t('rights.proceeds.evidence')} rules={[{ required: true, whitespace: true }]}>
        <Input />
      </Form.Item>
    </>
  );
}

/** The institution's part of an agreement: equity shares, its share of the proceeds, the day agreed. */
export function EquityFields() {
  const { t } = useI18n();
  return (
    <>
      <Form.Item name="equityShares" label={t('rights.proceeds.equityShares')} rules={[{ required: true, pattern: /^[1-9]\d{0,15}$/ }]}>
        <Input style={{ width: 200 }} />
      </Form.Item>
      <Form.Item name="institutionShare" label={t('rights.proceeds.institutionShare')} rules={[{ required: true, pattern: /^(?:0(?:\.\d{1,6})?|1(?:\.0{1,6})?)$/ }]}>
        <Input style={{ width: 140 }} />
      </Form.Item>
      <Form.Item name="agreedOn" label={t('rights.proceeds.agreedOn')} rules={[{ required: true }]}>
        <DatePicker />
      </Form.Item>
    </>
  );
}

const SHARES = /^[1-9]\d{0,15}$/;
const PRICE = /^(?:0|[1-9]\d{0,11})(?:\.\d{1,4})?$/;

/** The fields each kind of corporate event asks for, beside the company, kind, day and evidence. */
const EVENT_FIELDS: Record<CorporateEventKind, Array<{ name: 'shares' | 'sharesSold' | 'pricePerShare' | 'listingPrice'; pattern: RegExp }>> = {
  dividend: [],
  bonus_shares: [{ name: 'shares', pattern: SHARES }],
  partial_sale: [
    { name: 'sharesSold', pattern: SHARES },
    { name: 'pricePerShare', pattern: PRICE },
  ],
  ipo: [{ name: 'listingPrice', pattern: PRICE }],
  full_transfer: [{ name: 'pricePerShare', pattern: PRICE }],
};

type EventValues = Omit<Parameters<typeof rightsApi.corporateEvent>[1], 'companyCreditCode' | 'occurredOn'> & { agreementId: string; occurredOn: Dayjs };

function EventModal({ open, onClose, orgId, agreements }: { open: boolean; onClose: () => void; orgId: string; agreements: Agreement[] }) {
  const { t, locale } = useI18n();
  const [form] = Form.useForm<EventValues>();
  const moneyRule = useMoneyRule({ required: true });
  const kind = (Form.useWatch('kind', form) ?? 'dividend') as CorporateEventKind;
  // One key per opening of the form: a double click or a retry records the event once.
  const key = useMemo(() => (open ? `ap-${crypto.randomUUID()}` : ''), [open]);
  const record = useRightsMutation((body: Parameters<typeof rightsApi.corporateEvent>[1]) => rightsApi.corporateEvent(orgId, body, key), {
    success: (r) => t('rights.proceeds.eventDone', { due: formatMoney(r.due, locale, { unit: 'auto', empty: '' }) }),
  });
  const active = agreements.filter((a) => a.status === 'active');
  return (
    <FormModal<EventValues>
      open={open}
      title={t('rights.proceeds.event')}
      okText={t('common.actions.confirm')}
      form={form}
      onClose={onClose}
      initialValues={{ kind: 'dividend', occurredOn: dayjs() }}
      onSubmit={({ agreementId, ...v }) => {
        const a = active.find((x) => x.id === agreementId)!;
        return record.mutateAsync({ ...v, agreementId, companyCreditCode: a.company.creditCode, occurredOn: v.occurredOn.format('YYYY-MM-DD') } as Parameters<typeof rightsApi.corporateEvent>[1]);
      }}
    >
      <Form.Item name="agreementId" label={t('rights.proceeds.company')} rules={[{ required: true }]}>
        <Select options={active.map((a) => ({ value: a.id, label: `${a.company.name} · ${a.achievement.number}` }))} />
      </Form.Item>
      <Space wrap>
        <Form.Item name="kind" label={t('rights.proceeds.eventKind')}>
          <Select style={{ width: 160 }} options={KINDS.map((k) => ({ value: k, label: t(`rights.proceeds.kinds.${k}`) }))} />
        </Form.Item>
        <Form.Item name="occurredOn" label={t('rights.proceeds.occurredOn')} rules={[{ required: true }]}>
          <DatePicker />
        </Form.Item>
      </Space>
      {kind === 'dividend' && (
        <Form.Item name="amount" label={t('rights.proceeds.amount')} rules={[moneyRule]}>
          <MoneyInput style={{ width: 260 }} />
        </Form.Item>
      )}
      {EVENT_FIELDS[kind].map((f) => (
        <Form.Item key={f.name} name={f.name} label={t(`rights.proceeds.${f.name}`)} rules={[{ required: true, pattern: f.pattern }]}>
          <Input style={{ width: 200 }} />
        </Form.Item>
      ))}
      <Form.Item name="evidence" label={t('rights.proceeds.eventEvidence')} rules={[{ required: true, whitespace: true, min: 2 }]}>
        <Input />
      </Form.Item>
    </FormModal>
  );
}

/** Agreed proceeds: every agreement with its corporate events and the explained dues. */
export function ProceedsTab({ orgId, canEdit }: { orgId: string; canEdit: boolean }) {
  const { t } = useI18n();
  const { query: list, request, setPage } = usePagedQuery<Agreement>({ queryKey: ['rights', 'agreements', orgId, 'page'], fetch: pageFetcher<Agreement>(rightsLists.agreements(orgId)) });
  // The event form picks among all the institution's agreements, not only those of this page.
  const all = useAgreements(orgId, canEdit);
  const [adding, setAdding] = useState(false);
  const [recording, setRecording] = useState(false);
  const items = list.data?.items ?? [];
  const pickable = all.data?.items ?? [];
  return (
    <>
      {canEdit && (
        <Space style={{ marginBottom: 16 }}>
          <Button type="primary" onClick={() => setAdding(true)} data-testid="agreement-add">
            {t('rights.proceeds.add')}
          </Button>
          <Button disabled={!pickable.some((a) => a.status === 'active')} onClick={() => setRecording(true)} data-testid="corporate-event-add">
            {t('rights.proceeds.event')}
          </Button>
        </Space>
      )}
      {items.length === 0 && !list.isFetching ? <Empty description={t('rights.empty')} /> : items.map((a) => <AgreementCard key={a.id} a={a} />)}
      <Pagination
        align="end"
        current={request.page}
        pageSize={request.pageSize}
        total={list.data?.total ?? 0}
        showSizeChanger
        hideOnSinglePage={request.page === 1 && (list.data?.total ?? 0) <= request.pageSize}
        onChange={setPage}
      />
      <NewAgreementModal open={adding} onClose={() => setAdding(false)} orgId={orgId} />
      <EventModal open={recording} onClose={() => setRecording(false)} orgId={orgId} agreements={pickable} />
    </>
  );
}
