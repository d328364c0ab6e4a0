import { Button, Space } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useI18n } from '../../lib/i18n';

/** The office's links between the distribution pages. */
export function OfficeNav({ current }: { current: 'list' | 'policy' | 'payroll' | 'equity' }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const links = [
    ['list', '/distribution', t('distribution.nav.list')],
    ['policy', '/distribution/policy', t('distribution.nav.policy')],
    ['payroll', '/distribution/payroll', t('distribution.nav.payroll')],
    ['equity', '/distribution/equity', t('distribution.nav.equity')],
  ] as const;
  return (
    <Space wrap>
      {links.map(([key, path, label]) => (
        <Button key={key} type={key === current ? 'primary' : 'default'} onClick={() => navigate(path)} data-testid={`distribution-nav-${key}`}>
          {label}
        </Button>
      ))}
    </Space>
  );
}
