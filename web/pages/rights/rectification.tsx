import { Button, DatePicker, Form, Input, Modal, Radio, Select, Space, Table, Tag, Typography, Upload } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { feedback } from '../../lib/feedback';
import { useI18n } from '../../lib/i18n';
import { usePager } from '../../lib/pager';
import { pick } from './labels';
import { attempt, decisionUrl, type RectificationCase, rightsApi, useCases, useGrants, useOrgAchievements, useRightsMutation } from './service';

function OpenCaseModal({ open, onClose, orgId }: { open: boolean; onClose: () => void; orgId: string }) {
  const { t } = useI18n();
  const [form] = Form.useForm();
  const create = useRightsMutation((body: Parameters<typeof rightsApi.openCase>[1]) => rightsApi.openCase(orgId, body));
  return (
    <Modal
      open={open}
      width={720}
      title={t('rights.rectification.add')}
      okText={t('common.actions.confirm')}
      cancelText={t('common.actions.cancel')}
      confirmLoading={create.isPending}
      onCancel={onClose}
      destroyOnHidden
      onOk={() =>
        form.validateFields().then((v) =>
          attempt(create.mutateAsync({ ...v, foundedOn: v.foundedOn ? (v.foundedOn as Dayjs).format('YYYY-MM-DD') : undefined }), () => {
            feedback.message?.success(t('rights.rectification.added'));
            onClose();
          }),
        )
      }
    >
      <Form form={form} layout="vertical" initialValues={{ originalHoldings: [{ holder: '', shares: '' }] }}>
        <Space wrap>
          <Form.Item name="companyName" label={t('rights.proceeds.companyName')} rules={[{ required: true, whitespace: true, min: 2 }]}>
            <Input style={{ width: 280 }} />
          </Form.Item>
          <Form.Item name="companyCreditCode" label={t('rights.proceeds.companyCreditCode')} rules={[{ required: true, len: 18 }]}>
            <Input style={{ width: 220 }} maxLength={18} />
          </Form.Item>
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
      </Form>
    </Modal>
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
  const [form] = Form.useForm();
  const [file, setFile] = useState<File | null>(null);
  const decide = useRightsMutation((body: Parameters<typeof rightsApi.decide>[1]) => rightsApi.decide(c!.id, body));
  return (
    <Modal
      open={!!c}
      title={`${t('rights.rectification.decide')} · ${c?.number ?? ''}`}
      okText={t('common.actions.confirm')}
      cancelText={t('common.actions.cancel')}
      confirmLoading={decide.isPending}
      onCancel={onClose}
      destroyOnHidden
      onOk={() =>
        form.validateFields().then(async (v) => {
          const document = file ? { filename: file.name, dataBase64: await toBase64(file) } : undefined;
          await attempt(decide.mutateAsync({ decisionNo: v.decisionNo, decidedOn: (v.decidedOn as Dayjs).format('YYYY-MM-DD'), summary: v.summary, ...(document ? { document } : {}) }), () => {
            feedback.message?.success(t('rights.rectification.decided'));
            setFile(null);
            onClose();
          });
        })
      }
    >
      <Form form={form} layout="vertical" initialValues={{ decidedOn: dayjs() }}>
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
      </Form>
    </Modal>
  );
}

function ArrangeModal({ c, onClose, orgId }: { c: RectificationCase | null; onClose: () => void; orgId: string }) {
  const { t } = useI18n();
  const [form] = Form.useForm();
  const kind = (Form.useWatch('kind', form) ?? 'agreed_proceeds') as 'grant' | 'agreed_proceeds';
  const grants = useGrants(orgId);
  const achievements = useOrgAchievements(orgId, !!c);
  const arrange = useRightsMutation((body: Parameters<typeof rightsApi.arrange>[1]) => rightsApi.arrange(c!.id, body));
  return (
    <Modal
      open={!!c}
      title={`${t('rights.rectification.arrange')} · ${c?.number ?? ''}`}
      okText={t('common.actions.confirm')}
      cancelText={t('common.actions.cancel')}
      confirmLoading={arrange.isPending}
      onCancel={onClose}
      destroyOnHidden
      onOk={() =>
        form.validateFields().then(async (v) => {
          const body: Parameters<typeof rightsApi.arrange>[1] =
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
                    agreedOn: (v.agreedOn as Dayjs).format('YYYY-MM-DD'),
                    evidence: v.evidence,
                  },
                };
          await attempt(arrange.mutateAsync(body), () => {
            feedback.message?.success(t('rights.rectification.arranged'));
            onClose();
          });
        })
      }
    >
      <Form form={form} layout="vertical" initialValues={{ kind: 'agreed_proceeds', agreedOn: dayjs(), institutionShare: '0.2' }}>
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
          <>
            <Form.Item name="achievementId" label={t('rights.proceeds.achievement')} rules={[{ required: true }]}>
              <Select showSearch optionFilterProp="label" options={(achievements.data?.items ?? []).map((a) => ({ value: a.id, label: `${a.number} ${a.title}` }))} />
            </Form.Item>
            <Space wrap>
              <Form.Item name="equityShares" label={t('rights.proceeds.equityShares')} rules={[{ required: true, pattern: /^[1-9]\d{0,15}$/ }]}>
                <Input style={{ width: 180 }} />
              </Form.Item>
              <Form.Item name="institutionShare" label={t('rights.proceeds.institutionShare')} rules={[{ required: true }]}>
                <Input style={{ width: 120 }} />
              </Form.Item>
              <Form.Item name="agreedOn" label={t('rights.proceeds.agreedOn')} rules={[{ required: true }]}>
                <DatePicker />
              </Form.Item>
            </Space>
            <Form.Item name="evidence" label={t('rights.proceeds.evidence')} rules={[{ required: true, whitespace: true }]}>
              <Input />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}

/** Rectification cases of past spin-offs: the case, the decision and the arrangement that results. */
export function RectificationTab({ orgId, canEdit }: { orgId: string; canEdit: boolean }) {
  const { t, locale } = useI18n();
  const pager = usePager();
  const list = useCases(orgId, true, pager.params);
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
      <Table<RectificationCase>
        rowKey="id"
        size="middle"
        dataSource={list.data?.items ?? []}
        loading={list.isFetching}
        locale={{ emptyText: t('rights.empty') }}
        pagination={pager.pagination(list.data)}
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
          { title: t('rights.fields.status'), dataIndex: 'status', width: 160, render: (_, c) => <Tag color={c.status === 'arranged' ? 'green' : c.status === 'decided' ? 'blue' : 'gold'}>{pick(c.statusLabel, locale)}</Tag> },
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
