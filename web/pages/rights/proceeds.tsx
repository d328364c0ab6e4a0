import { Button, Card, DatePicker, Descriptions, Empty, Form, Input, Modal, Pagination, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { feedback } from '../../lib/feedback';
import { useI18n } from '../../lib/i18n';
import { usePager } from '../../lib/pager';
import { percentOfRatio, pick, yuan } from './labels';
import { type Agreement, attempt, type CorporateEventKind, rightsApi, useAgreements, useGrants, useRightsMutation } from './service';

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
          { key: 'p', label: t('rights.proceeds.proceedsToDate'), children: yuan(a.position.proceedsToDate, locale) },
          { key: 'd', label: t('rights.proceeds.dueToDate'), children: <Typography.Text strong>{yuan(a.position.dueToDate, locale)}</Typography.Text> },
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
          { title: t('rights.proceeds.due'), dataIndex: 'due', width: 130, align: 'right', render: (v: string) => <span title={v}>{yuan(v, locale)}</span> },
          { title: t('rights.proceeds.teamPart'), dataIndex: 'teamPart', width: 130, align: 'right', render: (v: string) => yuan(v, locale) },
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
  const [form] = Form.useForm();
  const grants = useGrants(orgId);
  const recorded = (grants.data?.items ?? []).filter((g) => g.status === 'recorded' && g.kind === 'ownership');
  const create = useRightsMutation((body: Parameters<typeof rightsApi.createAgreement>[1]) => rightsApi.createAgreement(orgId, body));
  return (
    <Modal
      open={open}
      title={t('rights.proceeds.add')}
      okText={t('common.actions.confirm')}
      cancelText={t('common.actions.cancel')}
      confirmLoading={create.isPending}
      onCancel={onClose}
      destroyOnHidden
      onOk={() =>
        form.validateFields().then((v) =>
          attempt(create.mutateAsync({ ...v, agreedOn: (v.agreedOn as Dayjs).format('YYYY-MM-DD') }), () => {
            feedback.message?.success(t('rights.proceeds.added'));
            onClose();
          }),
        )
      }
    >
      <Form form={form} layout="vertical" initialValues={{ agreedOn: dayjs(), institutionShare: '0.2' }}>
        <Form.Item name="achievementId" label={t('rights.proceeds.achievement')} rules={[{ required: true }]}>
          <Select options={recorded.map((g) => ({ value: g.achievement.id, label: `${g.achievement.number} ${g.achievement.title}（${g.coOwnership.unitPct}% / ${g.coOwnership.teamPct}%）` }))} />
        </Form.Item>
        <Form.Item name="companyName" label={t('rights.proceeds.companyName')} rules={[{ required: true, whitespace: true, min: 2 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="companyCreditCode" label={t('rights.proceeds.companyCreditCode')} rules={[{ required: true, len: 18 }]}>
          <Input maxLength={18} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="equityShares" label={t('rights.proceeds.equityShares')} rules={[{ required: true, pattern: /^[1-9]\d{0,15}$/ }]}>
            <Input style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="institutionShare" label={t('rights.proceeds.institutionShare')} rules={[{ required: true, pattern: /^(?:0(?:\.\d{1,6})?|1(?:\.0{1,6})?)$/ }]}>
            <Input style={{ width: 140 }} />
          </Form.Item>
          <Form.Item name="agreedOn" label={t('rights.proceeds.agreedOn')} rules={[{ required: true }]}>
            <DatePicker />
          </Form.Item>
        </Space>
        <Form.Item name="evidence" label={t('rights.proceeds.evidence')} rules={[{ required: true, whitespace: true }]}>
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function EventModal({ open, onClose, orgId, agreements }: { open: boolean; onClose: () => void; orgId: string; agreements: Agreement[] }) {
  const { t, locale } = useI18n();
  const [form] = Form.useForm();
  const kind = (Form.useWatch('kind', form) ?? 'dividend') as CorporateEventKind;
  // One key per opening of the form: a double click or a retry records the event once.
  const key = useMemo(() => (open ? `ap-${crypto.randomUUID()}` : ''), [open]);
  const record = useRightsMutation((body: Parameters<typeof rightsApi.corporateEvent>[1]) => rightsApi.corporateEvent(orgId, body, key));
  const active = agreements.filter((a) => a.status === 'active');
  return (
    <Modal
      open={open}
      title={t('rights.proceeds.event')}
      okText={t('common.actions.confirm')}
      cancelText={t('common.actions.cancel')}
      confirmLoading={record.isPending}
      onCancel={onClose}
      destroyOnHidden
      onOk={() =>
        form.validateFields().then((v) => {
          const a = active.find((x) => x.id === v.agreementId)!;
          return attempt(record.mutateAsync({ ...v, companyCreditCode: a.company.creditCode, occurredOn: (v.occurredOn as Dayjs).format('YYYY-MM-DD') }), (r) => {
            feedback.message?.success(t('rights.proceeds.eventDone', { due: yuan(r.due, locale) }));
            onClose();
          });
        })
      }
    >
      <Form form={form} layout="vertical" initialValues={{ kind: 'dividend', occurredOn: dayjs() }}>
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
          <Form.Item name="amount" label={t('rights.proceeds.amount')} rules={[{ required: true, pattern: /^(?:0|[1-9]\d{0,15})(?:\.\d{1,2})?$/ }]}>
            <Input style={{ width: 200 }} />
          </Form.Item>
        )}
        {kind === 'bonus_shares' && (
          <Form.Item name="shares" label={t('rights.proceeds.shares')} rules={[{ required: true, pattern: /^[1-9]\d{0,15}$/ }]}>
            <Input style={{ width: 200 }} />
          </Form.Item>
        )}
        {kind === 'partial_sale' && (
          <Form.Item name="sharesSold" label={t('rights.proceeds.sharesSold')} rules={[{ required: true, pattern: /^[1-9]\d{0,15}$/ }]}>
            <Input style={{ width: 200 }} />
          </Form.Item>
        )}
        {(kind === 'partial_sale' || kind === 'full_transfer') && (
          <Form.Item name="pricePerShare" label={t('rights.proceeds.pricePerShare')} rules={[{ required: true, pattern: /^(?:0|[1-9]\d{0,11})(?:\.\d{1,4})?$/ }]}>
            <Input style={{ width: 200 }} />
          </Form.Item>
        )}
        {kind === 'ipo' && (
          <Form.Item name="listingPrice" label={t('rights.proceeds.listingPrice')} rules={[{ required: true, pattern: /^(?:0|[1-9]\d{0,11})(?:\.\d{1,4})?$/ }]}>
            <Input style={{ width: 200 }} />
          </Form.Item>
        )}
        <Form.Item name="evidence" label={t('rights.proceeds.eventEvidence')} rules={[{ required: true, whitespace: true, min: 2 }]}>
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Agreed proceeds: every agreement with its corporate events and the explained dues. */
export function ProceedsTab({ orgId, canEdit }: { orgId: string; canEdit: boolean }) {
  const { t } = useI18n();
  const pager = usePager();
  const list = useAgreements(orgId, true, pager.params);
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
      <Pagination align="end" {...pager.pagination(list.data)} />
      <NewAgreementModal open={adding} onClose={() => setAdding(false)} orgId={orgId} />
      <EventModal open={recording} onClose={() => setRecording(false)} orgId={orgId} agreements={pickable} />
    </>
  );
}
