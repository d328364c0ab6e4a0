import { Alert, Button, Card, Cascader, Checkbox, Col, Flex, Form, Input, Row, Select, Space, Spin, Table, Typography, Upload } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { ATTRIBUTE_LABELS, ATTRIBUTES, COOPERATION_MODES, FUNDING_TYPE_LABELS, FUNDING_TYPES, IP_TYPE_LABELS, IP_TYPES, TRANSFORMATION_MODE_LABELS } from '../../../common/achievements';
import { ApiError } from '../../api/client';
import { PageHeader } from '../../components/page-header';
import { errorText, feedback, showError } from '../../lib/feedback';
import { useI18n } from '../../lib/i18n';
import { useSession } from '../../lib/session';
import { labelOf, shanghaiDate, shareTotal, splitKeywords } from './helpers';
import { fileToBase64, useAchievement, useAchievementAction, useAttachments, useFields, useSaveAchievement, useUploadAttachment } from './service';
import type { Achievement, AchievementContentInput, Attachment } from '../../../common/api/achievements';
import { StatusTag } from '../../components/status-tag';
import { MoneyInput, moneyRule } from '../../components/money-input';
import { readMoney } from '../../lib/format';

const MAX_ATTACHMENT = 10 * 1024 * 1024;

interface Values {
  title: string;
  summary?: string;
  problem?: string;
  benefit?: string;
  keywords?: string[];
  fieldPath?: string[];
  ipType?: AchievementContentInput['ipType'];
  ipNumbers?: string[];
  sourceProject?: string;
  sourceProjectNo?: string;
  fundingType?: AchievementContentInput['fundingType'];
  attribute?: AchievementContentInput['attribute'];
  cooperationModes?: AchievementContentInput['cooperationModes'];
  askingPrice?: string;
  negotiable?: boolean;
  completers: Array<{ name?: string; share?: string; isHead?: boolean }>;
}

function toValues(a: Achievement): Values {
  return {
    title: a.title,
    summary: a.summary,
    problem: a.problem,
    benefit: a.benefit,
    keywords: a.keywords,
    fieldPath: a.subfieldCode ? [a.fieldCode, a.subfieldCode] : [a.fieldCode],
    ipType: a.ipType,
    ipNumbers: a.ipNumbers,
    sourceProject: a.sourceProject,
    sourceProjectNo: a.sourceProjectNo,
    fundingType: a.fundingType,
    attribute: a.attribute,
    cooperationModes: a.cooperationModes,
    askingPrice: a.askingPrice ?? '',
    negotiable: a.askingPrice === null,
    completers: a.completers.map((c) => ({ name: c.name, share: c.share, isHead: c.isHead })),
  };
}

/** Server field names → this form's field names. */
function formFieldOf(apiField: string): string {
  const name = apiField.replace(/^(body|query|params)\./, '').split('.')[0] ?? '';
  if (name === 'fieldCode' || name === 'subfieldCode') return 'fieldPath';
  return name;
}

/**
 * 成果披露: a researcher's disclosure (new or a draft / returned one), laid out for phones as well
 * as desktops: every content field, completers with shares that must total 100 %, attachments.
 */
export default function DisclosurePage() {
  const { id } = useParams();
  const i18n = useI18n();
  const { t, locale } = i18n;
  const { active } = useSession();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const existing = useAchievement(id);
  const fields = useFields();
  const save = useSaveAchievement(active?.organisationId, id);
  const submitAction = useAchievementAction(id ?? '');
  const [problem, setProblem] = useState<string | null>(null);
  const completers = Form.useWatch('completers', form);
  const negotiable = Form.useWatch('negotiable', form);
  const total = shareTotal((completers ?? []).map((c) => c?.share));

  useEffect(() => {
    if (existing.data) form.setFieldsValue(toValues(existing.data));
  }, [existing.data, form]);

  const cascaderOptions = useMemo(
    () =>
      (fields.data?.fields ?? []).map((f) => ({
        value: f.code,
        label: locale === 'zh-CN' ? f.zh : f.en,
        children: f.subfields.map((s) => ({ value: s.code, label: locale === 'zh-CN' ? s.zh : s.en })),
      })),
    [fields.data, locale],
  );

  const fail = (error: unknown) => {
    setProblem(errorText(error, i18n));
    if (error instanceof ApiError && error.problem.errors?.length) {
      const known = new Set([
        'title',
        'summary',
        'problem',
        'benefit',
        'keywords',
        'fieldPath',
        'ipType',
        'ipNumbers',
        'sourceProject',
        'sourceProjectNo',
        'fundingType',
        'attribute',
        'cooperationModes',
        'askingPrice',
        'completers',
      ]);
      const byField = new Map<string, string[]>();
      for (const e of error.problem.errors) {
        const name = formFieldOf(e.field);
        if (!known.has(name)) continue;
        byField.set(name, [...(byField.get(name) ?? []), e.message]);
      }
      form.setFields([...byField].map(([name, errors]) => ({ name: name as keyof Values, errors })));
      return;
    }
    if (!(error instanceof ApiError)) showError(error);
  };

  const send = async (submit: boolean) => {
    setProblem(null);
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    if (!shareTotal(v.completers.map((c) => c.share)).ok) return;
    const [fieldCode = '', subfieldCode = null] = v.fieldPath ?? [];
    const input: AchievementContentInput = {
      title: v.title.trim(),
      summary: v.summary?.trim() ?? '',
      problem: v.problem?.trim() ?? '',
      benefit: v.benefit?.trim() ?? '',
      keywords: splitKeywords(v.keywords ?? []),
      fieldCode,
      subfieldCode,
      ipType: v.ipType as AchievementContentInput['ipType'],
      ipNumbers: splitKeywords(v.ipNumbers ?? []),
      sourceProject: v.sourceProject?.trim() ?? '',
      sourceProjectNo: v.sourceProjectNo?.trim() ?? '',
      fundingType: v.fundingType,
      attribute: v.attribute,
      cooperationModes: v.cooperationModes ?? [],
      askingPrice: v.negotiable || !v.askingPrice?.trim() ? null : (readMoney(v.askingPrice) ?? v.askingPrice),
      completers: v.completers.map((c) => ({ name: (c.name ?? '').trim(), share: String(c.share ?? '').trim(), isHead: !!c.isHead })),
    };
    try {
      const saved = await save.mutateAsync(id ? { ...input, version: existing.data?.version } : { ...input, submit });
      if (submit && id) await submitAction.mutateAsync({ action: 'submit' });
      feedback.message?.success(submit ? t('achievements.submitted') : t('achievements.draftSaved'));
      navigate(submit ? `/achievements/${saved.id}` : `/achievements/${saved.id}/edit`, { replace: !!id });
    } catch (error) {
      fail(error);
    }
  };

  if (id && existing.isPending) return <Spin />;
  const busy = save.isPending || submitAction.isPending;

  return (
    <div style={{ maxWidth: 820 }}>
      <PageHeader
        page="achievement-disclosure"
        title={id ? t('achievements.editDisclosure') : t('achievements.disclose')}
        intro={
          existing.data ? (
            <Space wrap>
              <span>{existing.data.number}</span>
              <StatusTag kind="achievement" value={existing.data.status} />
            </Space>
          ) : undefined
        }
        extra={<Button onClick={() => navigate(id ? `/achievements/${id}` : '/achievements')}>{t('achievements.backToList')}</Button>}
      />
      {problem && <Alert type="error" showIcon closable style={{ marginBottom: 16 }} title={problem} data-testid="disclosure-problem" />}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ completers: [{ name: '', share: '100' }], negotiable: false, fundingType: 'fiscal', attribute: 'applied', cooperationModes: [] }}
        data-testid="disclosure-form"
      >
        <Card style={{ marginBottom: 16 }}>
          <Form.Item name="title" label={t('achievements.fields.title')} rules={[{ required: true, whitespace: true, min: 2, message: t('achievements.validation.titleRequired') }]}>
            <Input maxLength={200} placeholder={t('achievements.placeholders.title')} data-testid="f-title" />
          </Form.Item>
          <Form.Item name="summary" label={t('achievements.fields.summary')}>
            <Input.TextArea rows={4} maxLength={5000} showCount placeholder={t('achievements.placeholders.summary')} data-testid="f-summary" />
          </Form.Item>
          <Form.Item name="problem" label={t('achievements.fields.problem')}>
            <Input.TextArea rows={2} maxLength={2000} placeholder={t('achievements.placeholders.problem')} data-testid="f-problem" />
          </Form.Item>
          <Form.Item name="benefit" label={t('achievements.fields.benefit')}>
            <Input.TextArea rows={2} maxLength={2000} placeholder={t('achievements.placeholders.benefit')} data-testid="f-benefit" />
          </Form.Item>
          <Form.Item name="keywords" label={t('achievements.fields.keywords')}>
            <Select mode="tags" tokenSeparators={[',', '，', '、', ';', '；']} open={false} suffixIcon={null} placeholder={t('achievements.placeholders.keywords')} data-testid="f-keywords" />
          </Form.Item>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item name="fieldPath" label={t('achievements.fields.field')} rules={[{ required: true, message: t('achievements.validation.fieldRequired') }]}>
                <Cascader options={cascaderOptions} changeOnSelect loading={fields.isPending} placeholder={t('achievements.placeholders.field')} showSearch data-testid="f-field" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="ipType" label={t('achievements.fields.ipType')} rules={[{ required: true, message: t('achievements.validation.ipTypeRequired') }]}>
                <Select placeholder={t('achievements.placeholders.ipType')} options={IP_TYPES.map((k) => ({ value: k, label: labelOf(IP_TYPE_LABELS[k], locale) }))} data-testid="f-ipType" />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="ipNumbers" label={t('achievements.fields.ipNumbers')}>
            <Select mode="tags" tokenSeparators={[',', '，', ';', '；']} open={false} suffixIcon={null} placeholder={t('achievements.placeholders.ipNumbers')} data-testid="f-ipNumbers" />
          </Form.Item>
          <Row gutter={16}>
            <Col xs={24} md={14}>
              <Form.Item name="sourceProject" label={t('achievements.fields.sourceProject')}>
                <Input maxLength={200} placeholder={t('achievements.placeholders.sourceProject')} data-testid="f-sourceProject" />
              </Form.Item>
            </Col>
            <Col xs={24} md={10}>
              <Form.Item name="sourceProjectNo" label={t('achievements.fields.sourceProjectNo')}>
                <Input maxLength={100} placeholder={t('achievements.placeholders.sourceProjectNo')} />
              </Form.Item>
            </Col>
          </Row>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item name="fundingType" label={t('achievements.fields.fundingType')}>
                <Select options={FUNDING_TYPES.map((k) => ({ value: k, label: labelOf(FUNDING_TYPE_LABELS[k], locale) }))} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="attribute" label={t('achievements.fields.attribute')}>
                <Select options={ATTRIBUTES.map((k) => ({ value: k, label: labelOf(ATTRIBUTE_LABELS[k], locale) }))} />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="cooperationModes" label={t('achievements.fields.cooperationModes')}>
            <Checkbox.Group options={COOPERATION_MODES.map((k) => ({ value: k, label: labelOf(TRANSFORMATION_MODE_LABELS[k], locale) }))} data-testid="f-cooperationModes" />
          </Form.Item>
          <Form.Item label={t('achievements.fields.askingPrice')} required={!negotiable}>
            <Flex gap={12} align="start" wrap>
              <Form.Item
                name="askingPrice"
                noStyle
                dependencies={['negotiable']}
                rules={negotiable ? [] : [moneyRule({ required: true }, { invalid: t('achievements.validation.priceInvalid'), required: t('achievements.validation.priceRequired') })]}
              >
                <MoneyInput disabled={!!negotiable} style={{ width: 260 }} placeholder={t('achievements.placeholders.askingPrice')} data-testid="f-askingPrice" />
              </Form.Item>
              <Form.Item name="negotiable" valuePropName="checked" noStyle>
                <Checkbox data-testid="f-negotiable" onChange={() => setTimeout(() => form.validateFields(['askingPrice']).catch(() => undefined))}>
                  {t('achievements.fields.negotiable')}
                </Checkbox>
              </Form.Item>
            </Flex>
          </Form.Item>
        </Card>

        <Card title={t('achievements.fields.completers')} style={{ marginBottom: 16 }}>
          <Form.List
            name="completers"
            rules={[
              {
                validator: (_, list: Values['completers'] | undefined) => (list?.length ? Promise.resolve() : Promise.reject(new Error(t('achievements.validation.completersRequired')))),
              },
            ]}
          >
            {(items, { add, remove }, { errors }) => (
              <>
                {items.map((item, index) => (
                  <Row key={item.key} gutter={8} align="top" data-testid={`completer-${index}`}>
                    <Col xs={24} sm={11}>
                      <Form.Item name={[item.name, 'name']} rules={[{ required: true, whitespace: true, message: t('achievements.validation.nameRequired') }]}>
                        <Input placeholder={t('achievements.placeholders.completerName')} maxLength={50} data-testid={`completer-name-${index}`} />
                      </Form.Item>
                    </Col>
                    <Col xs={12} sm={6}>
                      <Form.Item
                        name={[item.name, 'share']}
                        rules={[
                          {
                            validator: (_, value: string | undefined) => (shareTotal([value]).allValid ? Promise.resolve() : Promise.reject(new Error(t('achievements.validation.shareInvalid')))),
                          },
                        ]}
                      >
                        <Input suffix="%" inputMode="decimal" placeholder={t('achievements.placeholders.share')} data-testid={`completer-share-${index}`} />
                      </Form.Item>
                    </Col>
                    <Col xs={8} sm={4}>
                      <Form.Item name={[item.name, 'isHead']} valuePropName="checked">
                        <Checkbox>{t('achievements.fields.isHead')}</Checkbox>
                      </Form.Item>
                    </Col>
                    <Col xs={4} sm={3}>
                      <Button type="link" danger disabled={items.length <= 1} onClick={() => remove(item.name)} data-testid={`completer-remove-${index}`}>
                        {t('achievements.completers.remove')}
                      </Button>
                    </Col>
                  </Row>
                ))}
                <Form.ErrorList errors={errors} />
                <Flex justify="space-between" align="center" wrap gap={8}>
                  <Button onClick={() => add({ name: '', share: '' })} data-testid="completer-add">
                    {t('achievements.completers.add')}
                  </Button>
                  <Typography.Text type={total.ok ? 'success' : 'danger'} strong data-testid="share-total" data-ok={total.ok ? 'true' : 'false'}>
                    {total.ok ? t('achievements.completers.totalOk') : t('achievements.validation.sharesTotal', { total: total.text })}
                  </Typography.Text>
                </Flex>
              </>
            )}
          </Form.List>
        </Card>

        <AttachmentsCard achievementId={id} />

        <Flex gap={12} wrap justify="flex-end" style={{ marginBottom: 32 }}>
          <Button onClick={() => void send(false)} loading={busy} disabled={!total.ok} data-testid="disclosure-save">
            {t('achievements.saveDraft')}
          </Button>
          <Button type="primary" onClick={() => void send(true)} loading={busy} disabled={!total.ok} data-testid="disclosure-submit">
            {t('achievements.submitDisclosure')}
          </Button>
        </Flex>
      </Form>
    </div>
  );
}

/** Attachments of a saved disclosure: list with downloads, and an upload (base64 to the API). */
export function AttachmentsCard({ achievementId, canUpload = true }: { achievementId: string | undefined; canUpload?: boolean }) {
  const { t } = useI18n();
  const list = useAttachments(achievementId);
  const upload = useUploadAttachment(achievementId);
  return (
    <Card title={t('achievements.attachments.title')} style={{ marginBottom: 16 }} data-testid="attachments">
      {!achievementId ? (
        <Typography.Text type="secondary">{t('achievements.attachments.saveFirst')}</Typography.Text>
      ) : (
        <>
          <Table<Attachment>
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={list.data?.items ?? []}
            locale={{ emptyText: t('common.states.empty') }}
            scroll={{ x: 480 }}
            columns={[
              {
                title: t('achievements.attachments.title'),
                dataIndex: 'filename',
                render: (name: string, a) => <a href={`/api/v1/achievements/${achievementId}/attachments/${a.id}`}>{name}</a>,
              },
              { title: t('achievements.attachments.size'), dataIndex: 'sizeBytes', width: 100, render: (n: number) => `${(n / 1024).toFixed(1)} KB` },
              { title: t('achievements.attachments.uploadedAt'), dataIndex: 'uploadedAt', width: 150, render: (v: string) => shanghaiDate(v, true) },
            ]}
          />
          {canUpload && (
            <Flex gap={12} align="center" wrap style={{ marginTop: 12 }}>
              <Upload
                showUploadList={false}
                beforeUpload={(file) => {
                  if (file.size > MAX_ATTACHMENT) {
                    feedback.message?.error(t('achievements.attachments.tooLarge'));
                    return false;
                  }
                  void fileToBase64(file).then((dataBase64) =>
                    upload.mutate(
                      { filename: file.name, contentType: file.type || 'application/octet-stream', dataBase64 },
                      { onSuccess: () => feedback.message?.success(t('achievements.attachments.uploaded')) },
                    ),
                  );
                  return false;
                }}
              >
                <Button loading={upload.isPending} data-testid="attachment-upload">
                  {t('achievements.attachments.upload')}
                </Button>
              </Upload>
              <Typography.Text type="secondary">{t('achievements.attachments.hint')}</Typography.Text>
            </Flex>
          )}
        </>
      )}
    </Card>
  );
}
