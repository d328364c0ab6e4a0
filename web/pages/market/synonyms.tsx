import { Button, Card, Form, Input, Popconfirm, Space, Switch, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import { FormModal } from '../../components/form-modal';
import { PageHeader } from '../../components/page-header';
import { useI18n } from '../../lib/i18n';
import { useApiMutation } from '../../lib/mutation';
import { MARKET_KEY, type SynonymEntry, useSynonyms } from './service';

interface Values {
  term: string;
  expansions: string;
  weight: string;
  disabled: boolean;
  note: string;
}

/** Operators maintain the map from firms' words to technical terms; every edit is versioned and on the ledger. */
export default function SynonymsPage() {
  const { t } = useI18n();
  const [q, setQ] = useState('');
  const list = useSynonyms(q);
  const [editing, setEditing] = useState<Partial<Values> | null>(null);
  const [form] = Form.useForm<Values>();
  const save = useApiMutation(
    (v: Values) =>
      api.put('/market/synonyms', {
        term: v.term,
        expansions: v.expansions
          .split(/[,，、\s]+/)
          .map((s) => s.trim())
          .filter(Boolean),
        weight: v.weight,
        disabled: v.disabled,
        note: v.note ?? '',
      }),
    { invalidate: [MARKET_KEY], form },
  );
  const reset = useApiMutation((term: string) => api.delete(`/market/synonyms/${encodeURIComponent(term)}`), { invalidate: [MARKET_KEY] });

  const columns: TableColumnsType<SynonymEntry> = [
    { title: t('market.synonyms.term'), dataIndex: 'term', width: 140, render: (v: string, r) => (r.disabled ? <Typography.Text delete>{v}</Typography.Text> : v) },
    { title: t('market.synonyms.expansions'), dataIndex: 'expansions', render: (v: string[]) => v.map((x) => <Tag key={x}>{x}</Tag>) },
    { title: t('market.synonyms.weight'), dataIndex: 'weight', width: 80 },
    {
      title: t('market.synonyms.source'),
      dataIndex: 'source',
      width: 160,
      render: (s: string, r) => (
        <Space direction="vertical" size={0}>
          <Tag color={s === 'seed' ? 'default' : 'blue'}>{s === 'seed' ? t('market.synonyms.seed') : t('market.synonyms.operator')}</Tag>
          {r.updatedBy && <Typography.Text type="secondary">{r.updatedBy}</Typography.Text>}
          {r.note && <Typography.Text type="secondary">{r.note}</Typography.Text>}
        </Space>
      ),
    },
    {
      key: 'actions',
      width: 160,
      render: (_, r) => (
        <Space>
          <Button size="small" onClick={() => setEditing({ term: r.term, expansions: r.expansions.join('、'), weight: r.weight.toFixed(2), disabled: r.disabled, note: r.note })}>
            {t('market.actions.edit')}
          </Button>
          {r.source === 'operator' && (
            <Popconfirm title={t('market.synonyms.reset')} onConfirm={() => reset.mutate(r.term)}>
              <Button size="small">{t('market.synonyms.reset')}</Button>
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        page="market-synonyms"
        title={t('market.synonyms.title')}
        intro={t('market.synonyms.intro')}
        extra={
          <Button type="primary" onClick={() => setEditing({ weight: '0.80', disabled: false })} data-testid="synonym-add">
            {t('market.synonyms.add')}
          </Button>
        }
      />
      <Card>
        <Space style={{ marginBottom: 12 }}>
          <Input.Search allowClear placeholder={t('market.synonyms.search')} onSearch={setQ} style={{ width: 240 }} />
          {list.data && <Typography.Text type="secondary">{t('market.synonyms.version', { v: list.data.version })}</Typography.Text>}
        </Space>
        <Table rowKey="term" size="small" loading={list.isLoading} columns={columns} dataSource={list.data?.items ?? []} pagination={{ pageSize: 50 }} scroll={{ x: 700 }} />
      </Card>
      <FormModal<Values> open={!!editing} title={t('market.synonyms.add')} form={form} initialValues={editing ?? {}} onClose={() => setEditing(null)} onSubmit={(v) => save.mutateAsync(v)}>
        <Form.Item name="term" label={t('market.synonyms.term')} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={30} data-testid="synonym-term" />
        </Form.Item>
        <Form.Item name="expansions" label={t('market.synonyms.expansions')} rules={[{ required: true, whitespace: true }]}>
          <Input placeholder="溶解氧、低氧、增氧" data-testid="synonym-expansions" />
        </Form.Item>
        <Form.Item name="weight" label={t('market.synonyms.weight')} rules={[{ pattern: /^(0\.\d{1,2}|1(\.0{1,2})?)$/ }]}>
          <Input inputMode="decimal" />
        </Form.Item>
        <Form.Item name="disabled" label={t('market.synonyms.disabled')} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item name="note" label={t('market.synonyms.note')}>
          <Input maxLength={200} />
        </Form.Item>
      </FormModal>
    </>
  );
}
