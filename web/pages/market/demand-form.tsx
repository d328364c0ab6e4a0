import { Button, Card, DatePicker, Form, Input, Radio, Result, Select, Space } from 'antd';
import dayjs from 'dayjs';
import { useMemo } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { COOPERATION_MODES } from '../../../common/achievements';
import { DISTRICTS } from '../../../common/districts';
import { FIELDS } from '../../../common/taxonomy';
import { api } from '../../api/client';
import { MoneyInput, useMoneyRule } from '../../components/money-input';
import { PageHeader } from '../../components/page-header';
import { useI18n } from '../../lib/i18n';
import { useApiMutation } from '../../lib/mutation';
import { modeLabel } from './parts';
import { type Demand, MARKET_KEY, useDemand } from './service';

interface Values {
  title: string;
  description: string;
  context?: string;
  targets?: string;
  budget?: string;
  region?: string[];
  deadline?: dayjs.Dayjs | null;
  fieldCode?: string;
  cooperationModes?: string[];
  visibility: 'public' | 'platform';
}

/** Post or edit a demand in plain words: one column, large inputs, works on a phone. Field is optional. */
export default function DemandFormPage() {
  const { id } = useParams();
  const { t, locale } = useI18n();
  const navigate = useNavigate();
  const existing = useDemand(id ?? '');
  const [form] = Form.useForm<Values>();
  const fieldOptions = useMemo(() => FIELDS.map((f) => ({ value: f.code, label: locale === 'zh-CN' ? f.zh : f.en })), [locale]);
  const budgetRule = useMoneyRule({ message: t('market.demand.budgetFormat') });
  const save = useApiMutation(
    (v: Values) => {
      const body = {
        title: v.title,
        description: v.description,
        context: v.context ?? '',
        targets: v.targets ?? '',
        budget: v.budget?.trim() ? v.budget.trim() : null,
        region: v.region ?? [],
        deadline: v.deadline ? v.deadline.format('YYYY-MM-DD') : null,
        fieldCode: v.fieldCode || null,
        cooperationModes: v.cooperationModes ?? [],
        visibility: v.visibility,
      };
      return id ? api.patch<Demand>(`/market/demands/${id}`, { ...body, version: existing.data?.version }) : api.post<Demand>('/market/demands', body);
    },
    {
      invalidate: [MARKET_KEY],
      form,
      success: id ? t('market.demand.saved') : t('market.demand.posted'),
      onSuccess: (saved) => navigate(`/market/demands/${saved.id}`),
    },
  );

  if (id && existing.isError) return <Result status="404" title={t('market.demand.notFound')} />;
  if (id && !existing.data) return <Card loading />;
  const d = existing.data;
  return (
    <>
      <PageHeader page="market-demand-form" title={id ? t('market.demand.editTitle') : t('market.demand.newTitle')} />
      <Card style={{ maxWidth: 720 }}>
        <Form<Values>
          form={form}
          layout="vertical"
          size="large"
          initialValues={d ? { ...d, budget: d.budget ?? undefined, fieldCode: d.fieldCode ?? undefined, deadline: d.deadline ? dayjs(d.deadline) : null } : { visibility: 'public' }}
          onFinish={(v) => save.mutate(v)}
        >
          <Form.Item name="title" label={t('market.demand.title')} extra={t('market.demand.titleHelp')} rules={[{ required: true, whitespace: true }]}>
            <Input maxLength={100} showCount data-testid="demand-title" />
          </Form.Item>
          <Form.Item name="description" label={t('market.demand.description')} extra={t('market.demand.descriptionHelp')} rules={[{ required: true, whitespace: true }]}>
            <Input.TextArea rows={4} maxLength={5000} showCount data-testid="demand-description" />
          </Form.Item>
          <Form.Item name="context" label={t('market.demand.context')} extra={t('market.demand.contextHelp')}>
            <Input.TextArea rows={2} maxLength={5000} />
          </Form.Item>
          <Form.Item name="targets" label={t('market.demand.targets')}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
          <Form.Item name="budget" label={t('market.demand.budget')} rules={[budgetRule]}>
            <MoneyInput placeholder="300000" />
          </Form.Item>
          <Form.Item name="fieldCode" label={t('market.demand.fieldCode')}>
            <Select allowClear showSearch optionFilterProp="label" options={fieldOptions} />
          </Form.Item>
          <Form.Item name="region" label={t('market.demand.region')}>
            <Select mode="multiple" allowClear options={DISTRICTS.map((x) => ({ value: x.code, label: locale === 'zh-CN' ? x.zh : x.en }))} />
          </Form.Item>
          <Form.Item name="deadline" label={t('market.demand.deadline')}>
            <DatePicker style={{ width: '100%' }} inputReadOnly />
          </Form.Item>
          <Form.Item name="cooperationModes" label={t('market.demand.modes')}>
            <Select mode="multiple" allowClear options={COOPERATION_MODES.map((m) => ({ value: m, label: modeLabel(m, locale) }))} />
          </Form.Item>
          <Form.Item name="visibility" label={t('market.demand.visibility')}>
            <Radio.Group>
              <Space direction="vertical">
                <Radio value="public">{t('market.demand.visibilityPublic')}</Radio>
                <Radio value="platform">{t('market.demand.visibilityPlatform')}</Radio>
              </Space>
            </Radio.Group>
          </Form.Item>
          <Space wrap>
            <Button type="primary" htmlType="submit" loading={save.isPending} block data-testid="demand-submit">
              {id ? t('market.actions.save') : t('market.demand.submit')}
            </Button>
            <Link to={id ? `/market/demands/${id}` : '/market'}>
              <Button>{t('market.actions.cancel')}</Button>
            </Link>
          </Space>
        </Form>
      </Card>
    </>
  );
}
