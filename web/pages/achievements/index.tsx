import { Alert } from 'antd';
import { useI18n } from '../../lib/i18n';
import { useCan } from '../../lib/can';
import { useSession } from '../../lib/session';
import LedgerPage from './ledger';
import MyAchievementsPage from './mine';

/** /achievements: the office's ledger for tto officers and administrators, "我的成果" for researchers. */
export default function AchievementsPage() {
  const { t } = useI18n();
  const { active } = useSession();
  const can = useCan();
  if (!active) return <Alert type="warning" showIcon title={t('achievements.noOrg')} />;
  return can('achievements.ledger') ? <LedgerPage orgId={active.organisationId} /> : <MyAchievementsPage orgId={active.organisationId} />;
}
