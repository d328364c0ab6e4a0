import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import type { LedgerVerifyResult } from '../../api/types';
import { PageHeader } from '../../components/page-header';
import { formatInstant, formatNumber } from '../../lib/format';
import { useI18n } from '../../lib/i18n';

/** Ledger verification: recompute every hash chain and name the first broken link. */
export default function LedgerPage() {
  const { t, locale } = useI18n();
  const [checkedAt, setCheckedAt] = useState<string | null>(null);
  const verify = useMutation({
    mutationFn: () => api.post<LedgerVerifyResult>('/ledger/verify'),
    onSuccess: () => setCheckedAt(new Date().toISOString()),
  });
  const result = verify.data;

  return (
    <>
      <PageHeader
        page="ledger"
        title={t('ledger.title')}
        intro={t('ledger.intro')}
        extra={
          <Button type="primary" loading={verify.isPending} onClick={() => verify.mutate()} data-testid="ledger-verify">
            {verify.isPending ? t('ledger.running') : t('ledger.run')}
          </Button>
        }
      />
      {result && (
        <Card data-testid="ledger-result">
          <Alert type={result.ok ? 'success' : 'error'} showIcon title={result.ok ? t('ledger.ok') : t('ledger.broken')} style={{ marginBottom: 16 }} />
          <Descriptions
            column={{ xs: 1, sm: 2, md: 3 }}
            items={[
              { key: 'streams', label: t('ledger.streams'), children: formatNumber(result.streams, locale) },
              { key: 'events', label: t('ledger.events'), children: formatNumber(result.events, locale) },
              ...(checkedAt ? [{ key: 'checkedAt', label: t('ledger.checkedAt'), children: formatInstant(checkedAt, locale) }] : []),
            ]}
          />
          {result.firstBroken && (
            <Descriptions
              title={t('ledger.firstBroken')}
              bordered
              size="small"
              column={1}
              items={[
                { key: 'stream', label: t('ledger.stream'), children: <Typography.Text code>{result.firstBroken.stream}</Typography.Text> },
                { key: 'seq', label: t('ledger.seq'), children: result.firstBroken.seq },
                { key: 'reason', label: t('ledger.reason'), children: result.firstBroken.reason },
              ]}
            />
          )}
        </Card>
      )}
    </>
  );
}
