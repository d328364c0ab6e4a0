import { Alert, Button, Card, Descriptions, Form, Input, Result, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { PageHeader } from '../../components/page-header';
import { businessToday, formatInstant, formatMoney } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { distributionApi, type Notice, useDistributionMutation, useNotice } from './service';
import { Money } from '../../components/money-input';
import { StatusTag } from '../../components/status-tag';
import { pick } from '../../lib/bilingual';

function ObjectionForm({ notice }: { notice: Notice }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ text: string }>();
  const object = useDistributionMutation((text: string) => distributionApi.object(notice.id, text), { form, success: t('distribution.notice.raised'), onSuccess: () => form.resetFields() });
  return (
    <Card size="small" title={t('distribution.notice.raise')} data-testid="notice-objection-form">
      <Form form={form} layout="vertical" onFinish={(v) => object.mutate(v.text.trim())}>
        <Form.Item name="text" label={t('distribution.notice.objectionText')} rules={[{ required: true, whitespace: true, min: 5, message: t('distribution.notice.objectionMin') }]}>
          <Input.TextArea rows={3} maxLength={2000} showCount data-testid="notice-objection-text" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={object.isPending} data-testid="notice-objection-submit">
          {t('distribution.notice.submit')}
        </Button>
      </Form>
    </Card>
  );
}

/** 公示: achievement, transformation, registration, recipients and amounts, the period and the objection procedure. */
export default function NoticePage({ distributionId }: { distributionId: string }) {
  const { t, locale } = useI18n();
  const q = useNotice(distributionId);
  if (q.isPending) return <Skeleton active />;
  if (q.isError || !q.data)
    return <Result status="404" title={t('common.pages.notFoundTitle')} subTitle={t('distribution.notice.notFound')} extra={<Link to="/distribution">{t('common.actions.back')}</Link>} />;
  const n = q.data;
  const today = businessToday();
  const open = n.status === 'publicity' && !!n.period.until && today <= n.period.until;

  return (
    <div data-testid="distribution-notice">
      <PageHeader
        page="distribution-notice"
        title={n.title}
        intro={
          <Space wrap>
            <span>{n.institution}</span>
            <StatusTag kind="distribution" value={n.status} />
          </Space>
        }
        extra={<Link to="/distribution">{t('common.actions.back')}</Link>}
      />
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        <Alert
          type={open ? 'warning' : 'info'}
          showIcon
          title={t('distribution.notice.period', { from: n.period.from ?? '', until: n.period.until ?? '' })}
          description={open ? t('distribution.notice.openHint') : t('distribution.notice.closedHint')}
          data-testid="notice-period"
        />
        <Card size="small">
          <Descriptions
            column={1}
            size="small"
            bordered
            items={[
              {
                key: 'achievements',
                label: t('distribution.notice.achievements'),
                children: (
                  <Space direction="vertical" size={0}>
                    {n.achievements.map((a) => (
                      <span key={a.id}>
                        <Typography.Text style={{ fontFamily: 'monospace' }}>{a.number}</Typography.Text> {a.title}
                      </span>
                    ))}
                  </Space>
                ),
              },
              { key: 'mode', label: t('distribution.notice.mode'), children: n.transformation.mode ? pick(n.transformation.mode, locale) : '—' },
              { key: 'contract', label: t('distribution.notice.contract'), children: n.transformation.contractNumber ?? '—' },
              { key: 'registration', label: t('distribution.fields.registrationNo'), children: n.registration.registrationNo ?? t('distribution.notice.notRegistered') },
              { key: 'received', label: t('distribution.fields.receivedOn'), children: n.transformation.receivedOn },
              { key: 'gross', label: t('distribution.fields.gross'), children: formatMoney(n.transformation.gross, locale, { unit: 'auto' }) },
              { key: 'net', label: t('distribution.figures.net'), children: n.transformation.net ? formatMoney(n.transformation.net, locale, { unit: 'auto' }) : '—' },
              {
                key: 'total',
                label: t('distribution.notice.total'),
                children: (
                  <Typography.Text strong data-testid="notice-total">
                    {formatMoney(n.total, locale, { unit: 'auto' })}
                  </Typography.Text>
                ),
              },
            ]}
          />
        </Card>
        <Card size="small" title={t('distribution.notice.recipients')}>
          <Table
            rowKey={(r) => `${r.name}-${r.amount}`}
            size="small"
            pagination={false}
            dataSource={n.recipients}
            data-testid="notice-recipients"
            columns={[
              {
                title: t('distribution.fields.name'),
                dataIndex: 'name',
                render: (v: string, r) =>
                  r.isHead ? (
                    <Space>
                      {v}
                      <Tag color="orange">{t('distribution.review.head')}</Tag>
                    </Space>
                  ) : (
                    v
                  ),
              },
              { title: t('distribution.fields.amount'), dataIndex: 'amount', align: 'right', render: (v: string) => <Money value={v} /> },
            ]}
          />
        </Card>
        <Card size="small" title={t('distribution.notice.procedure')}>
          <Typography.Paragraph style={{ marginBottom: 8 }}>{n.objectionProcedure}</Typography.Paragraph>
          <Typography.Text type="secondary">{t('distribution.notice.objectionCount', { n: n.objections.length, open: n.objections.filter((o) => !o.resolution).length })}</Typography.Text>
          {n.objections.length > 0 && (
            <Table
              rowKey="id"
              size="small"
              pagination={false}
              style={{ marginTop: 8 }}
              dataSource={n.objections}
              columns={[
                { title: t('distribution.objections.raisedAt'), dataIndex: 'raisedAt', width: 160, render: (v: string) => formatInstant(v, locale) },
                {
                  title: t('distribution.objections.resolution'),
                  key: 'r',
                  render: (_, o) => (o.resolution ? `${t(`distribution.objections.${o.resolution as 'upheld' | 'dismissed'}`)}：${o.resolutionNote ?? ''}` : t('distribution.objections.open')),
                },
              ]}
            />
          )}
        </Card>
        {open && <ObjectionForm notice={n} />}
      </Space>
    </div>
  );
}
