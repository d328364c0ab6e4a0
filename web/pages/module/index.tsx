import { Alert, Card, Descriptions, Typography } from 'antd';
import type { ModuleKey } from '../../access';
import { PageHeader } from '../../components/page-header';
import { useI18n } from '../../lib/i18n';

/**
 * The page of a business module: its name, the measure of the Ten Measures it implements and
 * what it does. Each module's own issue replaces the notice with the real functions.
 */
export default function ModulePage({ module, measure }: { module: ModuleKey; measure: number | null }) {
  const { t } = useI18n();
  return (
    <div data-measure={measure ?? 'all'}>
      <PageHeader page={module} title={t(`menu.${module}`)} />
      <Card>
        <Descriptions column={1} items={[{ key: 'measure', label: t('modules.measureLabel'), children: t(`modules.${module}.measure`) }]} />
        <Typography.Paragraph style={{ marginTop: 16, fontSize: 15, lineHeight: 1.8 }}>{t(`modules.${module}.description`)}</Typography.Paragraph>
        <Alert type="info" showIcon title={t('modules.comingSoon')} />
      </Card>
    </div>
  );
}
