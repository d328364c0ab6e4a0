import { Tag } from 'antd';
import { useI18n } from '../lib/i18n';

/** Whether a record (a person, an organisation) is active, as a tag: green "active" or grey "inactive". */
export function ActiveTag({ active }: { active: boolean }) {
  const { t } = useI18n();
  return <Tag color={active ? 'green' : 'default'}>{active ? t('common.states.active') : t('common.states.inactive')}</Tag>;
}
