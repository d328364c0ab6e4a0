import { Button, Card, Descriptions, Empty, Skeleton, Space, Steps, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { PageHeader } from '../../components/page-header';
import { useI18n } from '../../lib/i18n';
import { Figure } from './labels';
import { type Explained, type MyRewardItem, STATEMENT_PDF_URL, useMyRewards } from './service';
import { formatMoney } from '../../lib/format';
import { StatusTag } from '../../components/status-tag';
import { pick } from '../../lib/bilingual';

/** One step of "net → team → my share": the amount (explained in a popover) and its rule written out. */
function Step({ label, figure, testId }: { label: string; figure: Explained; testId: string }) {
  const { locale } = useI18n();
  return (
    <Space direction="vertical" size={0}>
      <Typography.Text type="secondary">{label}</Typography.Text>
      <Figure figure={figure} strong testId={testId} />
      <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid={`${testId}-rule`}>
        {pick(figure.rule, locale)}
      </Typography.Text>
    </Space>
  );
}

function RewardCard({ item }: { item: MyRewardItem }) {
  const { t, locale } = useI18n();
  const steps = [
    ...(item.net ? [{ title: <Step label={t('distribution.figures.net')} figure={item.net} testId={`mine-net-${item.distributionId}`} /> }] : []),
    ...(item.team ? [{ title: <Step label={t('distribution.figures.team')} figure={item.team} testId={`mine-team-${item.distributionId}`} /> }] : []),
    ...item.explanation.map((p) => ({ title: <Step label={t('distribution.mine.myShare')} figure={p} testId={`mine-share-${item.distributionId}`} /> })),
  ];
  return (
    <Card
      size="small"
      style={{ marginBottom: 16 }}
      data-testid={`my-reward-${item.distributionId}`}
      title={
        <Space wrap>
          <span>{item.title}</span>
          {item.contractNumber && (
            <Typography.Text type="secondary" style={{ fontFamily: 'monospace', fontWeight: 'normal' }}>
              {item.contractNumber}
            </Typography.Text>
          )}
          <StatusTag kind="distribution" value={item.status} />
        </Space>
      }
      extra={
        <Link to={`/distribution/${item.distributionId}/notice`} data-testid={`my-reward-notice-${item.distributionId}`}>
          {t('distribution.notice.open')}
        </Link>
      }
    >
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {t('distribution.mine.computedHow', {
          date: item.receivedOn,
          version: item.policyVersion === 0 ? t('distribution.policy.statutory') : t('distribution.policy.versionN', { n: item.policyVersion }),
        })}
      </Typography.Paragraph>
      <Steps direction="horizontal" size="small" current={steps.length} progressDot responsive items={steps} style={{ marginBottom: 16 }} />
      {item.rewards.map((r) => (
        <Descriptions
          key={r.position}
          size="small"
          bordered
          column={{ xs: 1, sm: 2, lg: 4 }}
          items={[
            {
              key: 'amount',
              label: t('distribution.mine.amount'),
              children: (
                <Typography.Text strong data-testid={`my-amount-${item.distributionId}`} data-value={r.amount}>
                  {formatMoney(r.amount, locale, { unit: 'auto' })}
                </Typography.Text>
              ),
            },
            { key: 'paid', label: t('distribution.fields.paidOn'), children: r.paidOn ?? <Tag>{t('distribution.mine.unpaid')}</Tag> },
            { key: 'taxable', label: t('distribution.fields.taxable'), children: r.taxable ? formatMoney(r.taxable, locale, { unit: 'auto' }) : t('distribution.mine.taxableWhenPaid') },
            {
              key: 'deadline',
              label: t('distribution.fields.deadline'),
              children: (
                <Space size={4}>
                  {r.taxReliefDeadline}
                  {r.taxReliefLost && <Tag color="red">{t('distribution.fields.reliefLost')}</Tag>}
                </Space>
              ),
            },
          ]}
        />
      ))}
    </Card>
  );
}

/** 我的奖励: each reward with how it was computed (net → team → my share), payment and tax, and the PDF statement. */
export default function MyRewardsPage({ page = 'distribution-mine' }: { page?: string }) {
  const { t, locale } = useI18n();
  const q = useMyRewards();
  return (
    <>
      <PageHeader
        page={page}
        title={t('distribution.mine.title')}
        intro={t('distribution.mine.intro')}
        extra={
          <Button type="primary" href={STATEMENT_PDF_URL} download data-testid="statement-pdf">
            {t('distribution.mine.statement')}
          </Button>
        }
      />
      {q.isPending ? (
        <Skeleton active />
      ) : !q.data?.items.length ? (
        <Card>
          <Empty description={t('distribution.mine.empty')} />
        </Card>
      ) : (
        <>
          <Card size="small" style={{ marginBottom: 16 }}>
            <Descriptions
              size="small"
              column={{ xs: 1, sm: 2 }}
              items={[
                { key: 'name', label: t('distribution.fields.name'), children: q.data.name },
                {
                  key: 'total',
                  label: t('distribution.mine.total'),
                  children: (
                    <Typography.Text strong data-testid="my-total">
                      {formatMoney(q.data.total, locale, { unit: 'auto' })}
                    </Typography.Text>
                  ),
                },
              ]}
            />
          </Card>
          {q.data.items.map((item) => (
            <RewardCard key={item.distributionId} item={item} />
          ))}
        </>
      )}
    </>
  );
}
