import { Alert } from 'antd';
import { useI18n } from '../../lib/i18n';
import { useSession } from '../../lib/session';
import LedgerPage from './ledger';
import MyAchievementsPage from './mine';

const OFFICE_ROLES = new Set(['tto_officer', 'org_admin', 'admin']);

/** /achievements: the office's ledger for tto officers and administrators, "我的成果" for researchers. */
export default function AchievementsPage() {
  const { t } = useI18n();
  const { role, active } = useSession();
  if (!active) return <Alert type="warning" showIcon title={t('achievements.noOrg')} />;
  return role && OFFICE_ROLES.has(role) ? <LedgerPage orgId={active.organisationId} /> : <MyAchievementsPage orgId={active.organisationId} />;
}
