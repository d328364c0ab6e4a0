import { Button, DatePicker, Form, Input, Radio, Select, Space, Typography, Upload } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { pageFetcher } from '../../api/client';
import { FormModal } from '../../components/form-modal';
import { PagedTable } from '../../components/paged-table';
import { StatusTag } from '../../components/status-tag';
import { useI18n } from '../../lib/i18n';
import { AgreementFields, CompanyFields } from './proceeds';
import { decisionUrl, type RectificationCase, rightsApi, rightsLists, useGrants, useOrgAchievements, useRightsMutation } from './service';

type NewCase = Parameters<typeof rightsApi.openCase>[1];

function OpenCaseModal({ open, onClose, orgId }: { open: boolean; onClose: () => void; orgId: string }) {
  const { t } = useI18n();
  const create = useRightsMutation((body: NewCase) => rightsApi.openCase(orgId, body), { success: t('rights.rectification.added') });
  return (
    <FormModal<Omit<NewCase, 'foundedOn'> & { foundedOn?: Dayjs }>
      open={open}
      width={720}
      title={t('rights.rectification.add')}
      okText={t('common.actions.confirm')}
      onClose={onClose}
      initialValues={{ originalHoldings: [{ holder: '', shares: '' }] }}
      onSubmit={(v) => create.mutateAsync({ ...v, foundedOn: v.foundedOn ? v.foundedOn.format('YYYY-MM-DD') : undefined })}
    >
      <Space wrap>
        <CompanyFields wide />
        <Form.Item name="foundedOn" label={t('rights.rectification.foundedOn')}>
          <DatePicker />
        </Form.Item>
      </Space>
      <Typography.Text strong>{t('rights.rectification.holdings')}</Typography.Text>
      <Form.List name="originalHoldings">
        {(fields, { add, remove }) => (
          <>
            {fields.map((f) => (
              <Space key={f.key} align="baseline" wrap>
                <Form.Item name={[f.name, 'holder']} rules={[{ required: true, whitespace: true }]}>
                  <Input placeholder={t('rights.rectification.holder')} style={{ width: 200 }} />
                </Form.Item>
                <Form.Item name={[f.name, 'shares']} rules={[{ required: true, pattern: /^[1-9]\d{0,15}$/ }]}>
                  <Input placeholder={t('rights.rectification.shares')} style={{ width: 140 }} />
                </Form.Item>
                <Form.Item name={[f.name, 'note']}>
                  <Input placeholder={t('rights.rectification.note')} style={{ width: 200 }} />
                </Form.Item>
                {fields.length > 1 && <Button onClick={() => remove(f.name)}>−</Button>}
              </Space>
            ))}
            <Button onClick={() => add({ holder: '', shares: '' })}>{t('rights.rectification.addHolder')}</Button>
          </>
        )}
      </Form.List>
      <Form.Item name="findings" label={t('rights.rectification.findings')} rules={[{ required: true, whitespace: true, min: 2 }]} style={{ marginTop: 16 }}>
        <Input.TextArea rows={4} />
      </Form.Item>
    </FormModal>
  );
}

const toBase64 = (file: File) =>
  new Promise<string>((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result).split(',')[1] ?? '');
    r.onerror = () => reject(r.error);
    r.readAsDataURL(file);
  });

function DecideModal({ c, onClose }: { c: RectificationCase | null; onClose: () => void }) {
  const { t } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const decide = useRightsMutation((body: Parameters<typeof rightsApi.decide>[1]) => rightsApi.decide(c!.id, body), {
    success: t('rights.rectification.decided'),
    onSuccess: () => setFile(null),
  });
  return (
    <FormModal<{ decisionNo: string; decidedOn: Dayjs; summary: string }>
      open={!!c}
      title={`${t('rights.rectification.decide')} · ${c?.number ?? ''}`}
      okText={t('common.actions.confirm')}
      onClose={onClose}
      initialValues={{ decidedOn: dayjs() }}
      onSubmit={async (v) => {
        const document = file ? { filename: file.name, dataBase64: await toBase64(file) } : undefined;
        return decide.mutateAsync({ decisionNo: v.decisionNo, decidedOn: v.decidedOn.format('YYYY-MM-DD'), summary: v.summary, ...(document ? { document } : {}) });
      }}
    >
      <Space wrap>
        <Form.Item name="decisionNo" label={t('rights.rectification.decisionNo')} rules={[{ required: true, whitespace: true }]}>
          <Input style={{ width: 240 }} />
        </Form.Item>
        <Form.Item name="decidedOn" label={t('rights.rectification.decidedOn')} rules={[{ required: true }]}>
          <DatePicker />
        </Form.Item>
      </Space>
      <Form.Item name="summary" label={t('rights.rectification.summary')} rules={[{ required: true, whitespace: true, min: 2 }]}>
        <Input.TextArea rows={3} />
      </Form.Item>
      <Upload
        maxCount={1}
        beforeUpload={(f) => {
          setFile(f);
          return false;
        }}
        onRemove={() => setFile(null)}
      >
        <Button>{t('rights.rectification.upload')}</Button>
      </Upload>
    </FormModal>
  );
}

interface ArrangeValues {
  kind: 'grant' | 'agreed_proceeds';
  grantId: string;
  achievementId: string;
  equityShares: string;
  institutionShare: string;
  agreedOn: Dayjs;
  evidence: string;
}

function ArrangeModal({ c, onClose, orgId }: { c: RectificationCase | null; onClose: () => void; orgId: string }) {
  const { t } = useI18n();
  const [form] = Form.useForm<ArrangeValues>();
  const kind = Form.useWatch('kind', form) ?? 'agreed_proceeds';
  const grants = useGrants(orgId);
  const achievements = useOrgAchievements(orgId, !!c);
  const arrange = useRightsMutation((body: Parameters<typeof rightsApi.arrange>[1]) => rightsApi.arrange(c!.id, body), { success: t('rights.rectification.arranged') });
  return (
    <FormModal<ArrangeValues>
      open={!!c}
      title={`${t('rights.rectification.arrange')} · ${c?.number ?? ''}`}
      okText={t('common.actions.confirm')}
      form={form}
      onClose={onClose}
      initialValues={{ kind: 'agreed_proceeds', agreedOn: dayjs(), institutionShare: '0.2' }}
      onSubmit={(v) =>
        arrange.mutateAsync(
          v.kind === 'grant'
            ? { kind: 'grant', grantId: v.grantId }
            : {
                kind: 'agreed_proceeds',
                agreement: {
                  achievementId: v.achievementId,
                  companyName: c!.company.name,
                  companyCreditCode: c!.company.creditCode,
                  equityShares: v.equityShares,
                  institutionShare: v.institutionShare,
                  agreedOn: v.agreedOn.format('YYYY-MM-DD'),
                  evidence: v.evidence,
                },
              },
        )
      }
    >
      <Form.Item name="kind" label={t('rights.rectification.arrangeKind')}>
        <Radio.Group
          options={[
            { value: 'agreed_proceeds', label: t('rights.rectification.newAgreement') },
            { value: 'grant', label: t('rights.rectification.linkGrant') },
          ]}
        />
      </Form.Item>
      {kind === 'grant' ? (
        <Form.Item name="grantId" label={t('rights.rectification.grant')} rules={[{ required: true }]}>
          <Select options={(grants.data?.items ?? []).filter((g) => !['rejected', 'withdrawn'].includes(g.status)).map((g) => ({ value: g.id, label: `${g.number} ${g.achievement.title}` }))} />
        </Form.Item>
      ) : (
        <AgreementFields achievements={(achievements.data?.items ?? []).map((a) => ({ value: a.id, label: `${a.number} ${a.title}` }))} searchable />
      )}
    </FormModal>
  );
}

/** Rectification cases of past spin-offs: the case, the decision and the arrangement that results. */
export function RectificationTab({ orgId, canEdit }: { orgId: string; canEdit: boolean }) {
  const { t } = useI18n();
  const [opening, setOpening] = useState(false);
  const [deciding, setDeciding] = useState<RectificationCase | null>(null);
  const [arranging, setArranging] = useState<RectificationCase | null>(null);
  return (
    <>
      {canEdit && (
        <Button type="primary" style={{ marginBottom: 16 }} onClick={() => setOpening(true)} data-testid="case-add">
          {t('rights.rectification.add')}
        </Button>
      )}
      <PagedTable<RectificationCase>
        rowKey="id"
        queryKey={['rights', 'cases', orgId, 'page']}
        fetch={pageFetcher<RectificationCase>(rightsLists.cases(orgId))}
        emptyText={t('rights.empty')}
        expandable={{
          expandedRowRender: (c) => (
            <Space direction="vertical">
              <Typography.Text>{c.findings}</Typography.Text>
              <Typography.Text type="secondary">{c.originalHoldings.map((h) => `${h.holder} ${h.shares}${h.note ? `（${h.note}）` : ''}`).join('；')}</Typography.Text>
              {c.decision && <Typography.Text>{`${c.decision.number}（${c.decision.decidedOn}）：${c.decision.summary}`}</Typography.Text>}
            </Space>
          ),
        }}
        columns={[
          { title: t('rights.rectification.number'), dataIndex: 'number', width: 150 },
          { title: t('rights.rectification.company'), key: 'company', render: (_, c) => `${c.company.name}（${c.company.creditCode}）` },
          { title: t('rights.fields.status'), dataIndex: 'status', width: 160, render: (_, c) => <StatusTag kind="rectification" value={c.status} /> },
          {
            title: t('rights.rectification.document'),
            key: 'doc',
            width: 160,
            render: (_, c) =>
              c.decision && (
                <a href={decisionUrl(c.id)} target="_blank" rel="noreferrer">
                  {c.decision.documentName}
                </a>
              ),
          },
          {
            title: '',
            key: 'act',
            width: 220,
            render: (_, c) => (
              <Space>
                {c.grantId && <Link to={`/rights/grants/${c.grantId}`}>{t('rights.rectification.grant')}</Link>}
                {canEdit && c.status === 'open' && (
                  <Button size="small" onClick={() => setDeciding(c)} data-testid={`case-decide-${c.id}`}>
                    {t('rights.rectification.decide')}
                  </Button>
                )}
                {canEdit && c.status === 'decided' && (
                  <Button size="small" type="primary" onClick={() => setArranging(c)} data-testid={`case-arrange-${c.id}`}>
                    {t('rights.rectification.arrange')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      <OpenCaseModal open={opening} onClose={() => setOpening(false)} orgId={orgId} />
      <DecideModal c={deciding} onClose={() => setDeciding(null)} />
      <ArrangeModal c={arranging} onClose={() => setArranging(null)} orgId={orgId} />
    </>
  );
}
