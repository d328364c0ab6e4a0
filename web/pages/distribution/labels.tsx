import { Descriptions, Popover, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import type { Locale } from '../../../common/locale';
import { pick } from '../../lib/bilingual';
import { formatMoney } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { inputLines } from './helpers';
import type { Explained } from './service';

/** What a figure is made of: the rule (in both languages), its inputs, the policy version and the clause. */
export function Explanation({ figure, testId }: { figure: Explained; testId?: string }) {
  const { t, tOr, locale } = useI18n();
  const other: Locale = locale === 'zh-CN' ? 'en-US' : 'zh-CN';
  return (
    <div style={{ maxWidth: 560 }} data-testid={testId}>
      <Typography.Paragraph style={{ marginBottom: 4 }}>
        <Typography.Text type="secondary">{t('distribution.explain.rule')}：</Typography.Text>
        <span data-testid={testId ? `${testId}-rule` : undefined}>{pick(figure.rule, locale)}</span>
      </Typography.Paragraph>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8, fontSize: 12 }}>
        {pick(figure.rule, other)}
      </Typography.Paragraph>
      <Descriptions
        size="small"
        column={1}
        items={[
          {
            key: 'inputs',
            label: t('distribution.explain.inputs'),
            children: (
              <Space direction="vertical" size={0}>
                {inputLines(figure.inputs).map((l) => (
                  <span key={l.key}>
                    {tOr(`distribution.inputs.${l.label}`, l.label)}：{l.value}
                  </span>
                ))}
              </Space>
            ),
          },
          {
            key: 'version',
            label: t('distribution.explain.policyVersion'),
            children:
              figure.policyVersion === null
                ? t('distribution.explain.noPolicy')
                : figure.policyVersion === 0
                  ? t('distribution.policy.statutory')
                  : t('distribution.policy.versionN', { n: figure.policyVersion }),
          },
          { key: 'clause', label: t('distribution.explain.clause'), children: figure.clause ? pick(figure.clause, locale) : t('distribution.explain.noClause') },
        ]}
      />
    </div>
  );
}

/** An amount that explains itself in a popover (click or hover on the figure). */
export function Figure({ figure, testId, strong, children }: { figure: Explained; testId?: string; strong?: boolean; children?: ReactNode }) {
  const { t, locale } = useI18n();
  return (
    <Popover title={t('distribution.explain.title')} content={<Explanation figure={figure} testId={testId ? `${testId}-explanation` : undefined} />} trigger={['hover', 'click']}>
      <Typography.Link strong={strong} data-testid={testId} title={figure.value} style={{ whiteSpace: 'nowrap' }}>
        {children ?? formatMoney(figure.value, locale, { unit: 'auto' })}
      </Typography.Link>
    </Popover>
  );
}
