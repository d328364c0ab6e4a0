import { Tag } from 'antd';
import { useI18n } from '../../lib/i18n';
import type { Bilingual, ProjectStatus } from './service';

const COLORS: Record<ProjectStatus, string> = { active: 'blue', accepted: 'gold', allocated: 'green' };

export function ProjectStatusTag({ status }: { status: ProjectStatus }) {
  const { t } = useI18n();
  return (
    <Tag color={COLORS[status]} data-testid="project-status" data-status={status}>
      {t(`projects.statuses.${status}`)}
    </Tag>
  );
}

/** The half of a bilingual text that matches the interface language. */
export function useBilingual() {
  const { locale } = useI18n();
  return (x: Bilingual | null | undefined) => (x ? (locale === 'zh-CN' ? x.zh : x.en) : '');
}
