import { Alert, Button, Card, Col, Empty, Input, InputNumber, Popconfirm, Radio, Result, Row, Select, Skeleton, Space, Table, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { IP_TYPE_LABELS, type IpType, TRL_LEVELS } from '../../../common/achievements';
import { compositeScore, type EvaluationStatus, VALUE_INDICATOR_LABELS } from '../../../common/evaluation';
import type { Locale } from '../../../common/locale';
import { APPROACH_LABELS, type Approach, legalLife, type Protection } from '../../../common/valuation';
import { canSee } from '../../access';
import { ApiError } from '../../api/client';
import { Money, MoneyInput } from '../../components/money-input';
import { PageHeader } from '../../components/page-header';
import { StatusTag, useStatusLabel } from '../../components/status-tag';
import { useCan } from '../../lib/can';
import { feedback, showError } from '../../lib/feedback';
import { businessToday, formatInstant } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { useApiMutation } from '../../lib/mutation';
import { useSession } from '../../lib/session';
import { type EvaluationForm, formBody, type IndicatorRow, fromStored, indicatorRows, indicatorsBody, newCost, newIncome, newMarket, type ValuationForm } from './form';
import { type Evaluation, EVALUATION_KEY, evaluationApi, useAchievementEvaluations } from './service';
import { ValuationCard } from './valuation-card';

const pick = (pair: { zh: string; en: string }, locale: Locale) => (locale === 'zh-CN' ? pair.zh : pair.en);

/** Every change refreshes the evaluation queries; errors are shown by the editor (field list) or per call. */
const CHANGE = { invalidate: [EVALUATION_KEY], silent: true } as const;

function toForm(e: Evaluation): EvaluationForm {
  return {
    purpose: e.purpose,
    evaluatorName: e.evaluatorName,
    valuationDate: e.valuationDate,
    trl: e.trl,
    trlEvidence: e.trlEvidence,
    indicators: indicatorRows(e.indicators),
    valuations: e.valuations.map(fromStored),
    conclusion: { value: e.conclusion?.value ?? '', low: e.conclusion?.low ?? '', high: e.conclusion?.high ?? '', basedOn: e.conclusion?.basedOn ?? null, text: e.conclusion?.text ?? '' },
  };
}

/** The editor of one version: read-only unless it is a draft the caller may edit. */
function EvaluationEditor({ e, protection }: { e: Evaluation; protection: Protection | null }) {
  const { t, locale } = useI18n();
  const statusLabel = useStatusLabel();
  const [form, setForm] = useState<EvaluationForm>(() => toForm(e));
  const [serverErrors, setServerErrors] = useState<{ field: string; message: string }[]>([]);
  const editable = e.canEdit;
  const set = (p: Partial<EvaluationForm>) => setForm((f) => ({ ...f, ...p }));

  const onError = (error: unknown) => {
    if (error instanceof ApiError && error.problem.errors?.length) {
      setServerErrors(error.problem.errors.map((x) => ({ field: x.field.replace(/^body\./, ''), message: x.message })));
      feedback.message?.error(t('evaluation.serverErrors'));
    } else showError(error);
  };
  const save = useApiMutation(() => evaluationApi.update(e.id, { ...formBody(form), version: e.version }), { ...CHANGE, success: t('evaluation.saved'), onError });
  const finalise = useApiMutation(
    async () => {
      await evaluationApi.update(e.id, { ...formBody(form), version: e.version });
      return evaluationApi.finalise(e.id);
    },
    { ...CHANGE, success: t('evaluation.finalised'), onError },
  );
  const discard = useApiMutation(() => evaluationApi.discard(e.id), { ...CHANGE, onError });
  const newVersion = useApiMutation(() => evaluationApi.newVersion(e.id), { ...CHANGE, onError });

  const weights = form.indicators.reduce((s, r) => s + (r.weight ?? 0), 0);
  const complete = indicatorsBody(form.indicators);
  const composite = complete.length && weights === 100 ? compositeScore(complete) : null;
  const life = protection && form.valuationDate ? legalLife(protection, form.valuationDate) : null;

  /** A score or weight of one indicator row (0–100; an empty score stays empty, an empty weight counts 0). */
  const indicatorNumber = (r: IndicatorRow, i: number, key: 'score' | 'weight') => (
    <InputNumber
      min={0}
      max={100}
      precision={0}
      value={r[key]}
      disabled={!editable}
      data-testid={key === 'score' ? `indicator-${r.indicator}-score` : undefined}
      onChange={(v) => set({ indicators: form.indicators.map((x, j) => (j === i ? { ...x, [key]: v ?? (key === 'score' ? null : 0) } : x)) })}
    />
  );
  const addValuation = (a: Approach) => set({ valuations: [...form.valuations, a === 'income' ? newIncome() : a === 'market' ? newMarket() : newCost()] });

  return (
    <div data-testid="evaluation-editor" data-evaluation-id={e.id}>
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space wrap style={{ marginBottom: 8 }}>
          <Typography.Text strong style={{ fontFamily: 'monospace' }}>
            {e.number}
          </Typography.Text>
          <span>
            {t('evaluation.fields.version')} {e.versionNo}
          </span>
          <StatusTag kind="evaluation" value={e.status} />
          <span>
            {t('evaluation.fields.requester')}：{e.requester.name}
          </span>
          {e.finalisedAt && (
            <span>
              {t('evaluation.fields.finalisedAt')}：{formatInstant(e.finalisedAt, locale)} {e.finalisedByName ?? ''}
            </span>
          )}
        </Space>
        {!editable && <Alert type="info" showIcon style={{ marginBottom: 8 }} message={t('evaluation.readOnly', { status: statusLabel('evaluation', e.status) })} />}
        <Row gutter={12}>
          <Col xs={24} md={8}>
            <Typography.Text type="secondary">{t('evaluation.fields.evaluator')}</Typography.Text>
            <Input value={form.evaluatorName} disabled={!editable} onChange={(x) => set({ evaluatorName: x.target.value })} data-testid="evaluation-evaluator" />
          </Col>
          <Col xs={24} md={8}>
            <Typography.Text type="secondary">{t('evaluation.fields.valuationDate')}</Typography.Text>
            <Input value={form.valuationDate} disabled={!editable} placeholder="YYYY-MM-DD" onChange={(x) => set({ valuationDate: x.target.value })} data-testid="evaluation-date" />
          </Col>
          <Col xs={24} md={8}>
            <Typography.Text type="secondary">{t('evaluation.fields.protection')}</Typography.Text>
            <div data-testid="evaluation-protection">
              {life ? <Typography.Text style={{ fontSize: 12 }}>{pick(life.rule, locale)}</Typography.Text> : <Typography.Text type="secondary">{t('evaluation.fields.noProtection')}</Typography.Text>}
            </div>
          </Col>
          <Col xs={24}>
            <Typography.Text type="secondary">{t('evaluation.fields.purpose')}</Typography.Text>
            <Input value={form.purpose} disabled={!editable} onChange={(x) => set({ purpose: x.target.value })} data-testid="evaluation-purpose" />
          </Col>
        </Row>
      </Card>

      <Card size="small" title={t('evaluation.trl.title')} style={{ marginBottom: 12 }}>
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          {t('evaluation.trl.hint')} {e.achievement.trl != null && t('evaluation.trl.office', { level: e.achievement.trl })}
        </Typography.Paragraph>
        <Radio.Group value={form.trl} disabled={!editable} onChange={(x) => set({ trl: x.target.value })} data-testid="evaluation-trl" style={{ width: '100%' }}>
          <Space direction="vertical" style={{ width: '100%' }}>
            {TRL_LEVELS.map((l) => (
              <Radio key={l.level} value={l.level} data-testid={`trl-${l.level}`}>
                <Typography.Text strong>TRL {l.level}</Typography.Text>　{pick(l, locale)}
              </Radio>
            ))}
          </Space>
        </Radio.Group>
        <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8 }}>
          {t('evaluation.trl.evidence')}
        </Typography.Text>
        <Input.TextArea
          value={form.trlEvidence}
          disabled={!editable}
          placeholder={t('evaluation.trl.evidencePlaceholder')}
          autoSize={{ minRows: 2, maxRows: 6 }}
          onChange={(x) => set({ trlEvidence: x.target.value })}
          data-testid="evaluation-trl-evidence"
        />
      </Card>

      <Card size="small" title={t('evaluation.indicators.title')} style={{ marginBottom: 12 }} data-testid="evaluation-indicators">
        <Table
          size="small"
          rowKey="indicator"
          pagination={false}
          dataSource={form.indicators}
          columns={[
            {
              title: t('evaluation.indicators.indicator'),
              key: 'i',
              width: 200,
              render: (_, r) => <span title={pick(VALUE_INDICATOR_LABELS[r.indicator].hint, locale)}>{pick(VALUE_INDICATOR_LABELS[r.indicator], locale)}</span>,
            },
            { title: t('evaluation.indicators.score'), key: 's', width: 130, render: (_, r, i) => indicatorNumber(r, i, 'score') },
            { title: t('evaluation.indicators.weight'), key: 'w', width: 120, render: (_, r, i) => indicatorNumber(r, i, 'weight') },
            {
              title: t('evaluation.indicators.comment'),
              key: 'c',
              render: (_, r, i) => (
                <Input value={r.comment} disabled={!editable} onChange={(x) => set({ indicators: form.indicators.map((y, j) => (j === i ? { ...y, comment: x.target.value } : y)) })} />
              ),
            },
          ]}
        />
        <Space style={{ marginTop: 8 }}>
          <span>
            {t('evaluation.indicators.composite')}：
            <Typography.Text strong data-testid="evaluation-composite">
              {composite ?? '—'}
            </Typography.Text>
          </span>
          {weights !== 100 && <Typography.Text type="danger">{t('evaluation.indicators.weightSum', { sum: weights })}</Typography.Text>}
        </Space>
      </Card>

      <Card
        size="small"
        title={t('evaluation.valuations.title')}
        style={{ marginBottom: 12 }}
        extra={
          editable && (
            <Space wrap>
              {(['income', 'market', 'cost'] as const).map((a) => (
                <Button key={a} size="small" onClick={() => addValuation(a)} data-testid={`add-${a}`}>
                  {t('evaluation.valuations.add')} {pick(APPROACH_LABELS[a], locale)}
                </Button>
              ))}
            </Space>
          )
        }
      >
        {!form.valuations.length && <Empty description={t('evaluation.valuations.empty')} />}
        {form.valuations.map((v, i) => (
          <ValuationCard
            // biome-ignore lint/suspicious/noArrayIndexKey: valuations are numbered by position, as the report numbers them
            key={i}
            index={i}
            form={v}
            editable={editable}
            valuationDate={form.valuationDate}
            protection={protection}
            saved={e.results[i]}
            onChange={(next: ValuationForm) => set({ valuations: form.valuations.map((x, j) => (j === i ? next : x)) })}
            onRemove={() => set({ valuations: form.valuations.filter((_, j) => j !== i) })}
            onUseValue={(value) => set({ conclusion: { ...form.conclusion, value, basedOn: i } })}
          />
        ))}
      </Card>

      <Card size="small" title={t('evaluation.conclusion.title')} style={{ marginBottom: 12 }}>
        <Row gutter={12}>
          {(['value', 'low', 'high'] as const).map((k) => (
            <Col key={k} xs={24} md={6}>
              <Typography.Text type="secondary">{t(`evaluation.conclusion.${k}`)}</Typography.Text>
              <MoneyInput value={form.conclusion[k]} disabled={!editable} onChange={(v) => set({ conclusion: { ...form.conclusion, [k]: v } })} data-testid={`conclusion-${k}`} />
            </Col>
          ))}
          <Col xs={24} md={6}>
            <Typography.Text type="secondary">{t('evaluation.conclusion.basedOn')}</Typography.Text>
            <Select
              value={form.conclusion.basedOn ?? -1}
              disabled={!editable}
              style={{ width: '100%' }}
              onChange={(v) => set({ conclusion: { ...form.conclusion, basedOn: v < 0 ? null : v } })}
              options={[{ value: -1, label: t('evaluation.conclusion.none') }, ...form.valuations.map((v, i) => ({ value: i, label: `${i + 1}. ${pick(APPROACH_LABELS[v.approach], locale)}` }))]}
            />
          </Col>
          <Col xs={24} style={{ marginTop: 8 }}>
            <Typography.Text type="secondary">{t('evaluation.conclusion.text')}</Typography.Text>
            <Input.TextArea
              value={form.conclusion.text}
              disabled={!editable}
              autoSize={{ minRows: 2, maxRows: 6 }}
              onChange={(x) => set({ conclusion: { ...form.conclusion, text: x.target.value } })}
              data-testid="conclusion-text"
            />
          </Col>
        </Row>
        {!editable && e.conclusion && (
          <Typography.Paragraph strong style={{ marginTop: 8, marginBottom: 0 }}>
            <Money value={e.conclusion.value} unit="yuan" />
          </Typography.Paragraph>
        )}
      </Card>

      {serverErrors.length > 0 && (
        <Alert
          type="error"
          showIcon
          closable
          onClose={() => setServerErrors([])}
          style={{ marginBottom: 12 }}
          data-testid="evaluation-errors"
          message={t('evaluation.serverErrors')}
          description={
            <ul style={{ margin: 0, paddingLeft: 18 }}>
              {serverErrors.map((x) => (
                <li key={x.field + x.message}>
                  <Typography.Text code>{x.field}</Typography.Text> {x.message}
                </li>
              ))}
            </ul>
          }
        />
      )}

      <Space wrap>
        {editable && (
          <Button
            type="primary"
            loading={save.isPending}
            data-testid="evaluation-save"
            onClick={() => {
              setServerErrors([]);
              save.mutate();
            }}
          >
            {t('evaluation.save')}
          </Button>
        )}
        {e.canFinalise && (
          <Popconfirm
            title={t('evaluation.finaliseConfirm')}
            onConfirm={() => {
              setServerErrors([]);
              finalise.mutate();
            }}
          >
            <Button loading={finalise.isPending} data-testid="evaluation-finalise">
              {t('evaluation.finalise')}
            </Button>
          </Popconfirm>
        )}
        {e.canNewVersion && (
          <Button onClick={() => newVersion.mutate()} loading={newVersion.isPending} data-testid="evaluation-new-version">
            {t('evaluation.newVersion')}
          </Button>
        )}
        <Button href={evaluationApi.pdfUrl(e.id)} target="_blank" data-testid="evaluation-pdf">
          {t('evaluation.pdf')}
        </Button>
        {editable && (
          <Popconfirm title={t('evaluation.discardConfirm')} onConfirm={() => discard.mutate()}>
            <Button danger>{t('evaluation.discard')}</Button>
          </Popconfirm>
        )}
      </Space>
    </div>
  );
}

/** The evaluation page of one achievement: its versions, and the selected one in the editor. */
export default function AchievementEvaluationPage() {
  const { achievementId = '' } = useParams();
  const { t, locale } = useI18n();
  const { role } = useSession();
  const can = useCan();
  const q = useAchievementEvaluations(achievementId);
  const [selected, setSelected] = useState<string | null>(null);
  const create = useApiMutation(() => evaluationApi.create(achievementId, { valuationDate: businessToday() }, crypto.randomUUID()), {
    invalidate: [EVALUATION_KEY],
    onSuccess: (e) => setSelected(e.id),
  });
  const items = q.data?.items ?? [];
  const current = useMemo(() => items.find((x) => x.id === selected) ?? items.find((x) => x.status === 'draft') ?? items[0] ?? null, [items, selected]);

  if (!can('evaluation.open')) return <Result status="403" title={t('evaluation.forbidden')} />;
  if (q.isLoading) return <Skeleton active />;
  if (q.isError) {
    const status = q.error instanceof ApiError ? q.error.status : 0;
    return <Result status={status === 403 ? '403' : '404'} title={t('evaluation.notFound')} extra={<Link to="/evaluation">{t('evaluation.backToList')}</Link>} />;
  }
  const a = q.data?.achievement;
  // A new evaluation only when none of mine is open or can take a new version (that is the way to revise one).
  const mineOpen = items.some((x) => x.canEdit || x.canNewVersion);

  return (
    <div data-testid="evaluation-page">
      <PageHeader
        page="evaluation-achievement"
        title={`${t('evaluation.title')}：${a?.title ?? items[0]?.achievement.title ?? ''}`}
        intro={
          <Space wrap>
            <Typography.Text style={{ fontFamily: 'monospace' }}>{a?.number ?? items[0]?.achievement.number}</Typography.Text>
            <span>{a?.holderName ?? items[0]?.achievement.holderName}</span>
            {a && <span>{pick(IP_TYPE_LABELS[a.ipType as IpType] ?? { zh: a.ipType, en: a.ipType }, locale)}</span>}
          </Space>
        }
        extra={
          <Space>
            {q.data?.canCreate && !mineOpen && (
              <Button type="primary" loading={create.isPending} data-testid="evaluation-create" onClick={() => create.mutate()}>
                {t('evaluation.create')}
              </Button>
            )}
            {a && canSee(role, 'achievements') && (
              <Link to={`/achievements/${a.id}`}>
                <Button>{t('evaluation.openAchievement')}</Button>
              </Link>
            )}
            <Link to="/evaluation">
              <Button>{t('evaluation.backToList')}</Button>
            </Link>
          </Space>
        }
      />
      {items.length > 1 && (
        <Card size="small" title={t('evaluation.versions')} style={{ marginBottom: 12 }}>
          <Table<Evaluation>
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={items}
            rowClassName={(r) => (r.id === current?.id ? 'ant-table-row-selected' : '')}
            onRow={(r) => ({ onClick: () => setSelected(r.id), style: { cursor: 'pointer' } })}
            columns={[
              { title: t('evaluation.fields.number'), dataIndex: 'number' },
              { title: t('evaluation.fields.version'), dataIndex: 'versionNo', width: 70 },
              { title: t('evaluation.fields.status'), dataIndex: 'status', render: (s: EvaluationStatus) => <StatusTag kind="evaluation" value={s} /> },
              { title: t('evaluation.fields.requester'), key: 'r', render: (_, r) => r.requester.name },
              { title: t('evaluation.fields.conclusionValue'), key: 'c', align: 'right', render: (_, r) => <Money value={r.conclusion?.value} /> },
              { title: t('evaluation.fields.updatedAt'), dataIndex: 'updatedAt', render: (v: string) => formatInstant(v, locale) },
            ]}
          />
        </Card>
      )}
      {current ? (
        <EvaluationEditor key={`${current.id}:${current.version}`} e={current} protection={q.data?.protection ?? null} />
      ) : (
        <Card>
          <Empty description={t('evaluation.listEmpty')} />
        </Card>
      )}
    </div>
  );
}
