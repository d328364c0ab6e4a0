import { Button, Card, type TableColumnsType, Typography } from 'antd';
import { Link, useNavigate } from 'react-router-dom';
import { PageHeader } from '../../components/page-header';
import { PagedTable } from '../../components/paged-table';
import { useI18n } from '../../lib/i18n';
import { shanghaiDate } from './helpers';
import { fieldLabel } from './labels';
import { ACHIEVEMENTS_KEY, fetchAchievementList } from './service';
import type { ListItem, ListSortKey } from '../../../common/api/achievements';
import { StatusTag } from '../../components/status-tag';

/** 我的成果: the researcher's own achievements, newest first, with their status. */
export default function MyAchievementsPage({ orgId }: { orgId: string }) {
  const { t, locale } = useI18n();
  const navigate = useNavigate();

  const columns: TableColumnsType<ListItem> = [
    {
      title: t('achievements.fields.title'),
      dataIndex: 'title',
      render: (title: string, a) => (
        <Link to={`/achievements/${a.id}`} data-testid="achievement-link">
          {title}
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12, fontFamily: 'monospace' }}>
            {a.number}
          </Typography.Text>
        </Link>
      ),
    },
    { title: t('achievements.fields.field'), dataIndex: 'fieldCode', width: 160, responsive: ['md'], render: (f: string) => fieldLabel(f, null, locale) },
    { title: t('achievements.fields.status'), dataIndex: 'status', width: 110, render: (s: ListItem['status']) => <StatusTag kind="achievement" value={s} /> },
    { title: t('achievements.fields.updatedAt'), dataIndex: 'updatedAt', width: 150, responsive: ['sm'], render: (v: string) => shanghaiDate(v, true) },
  ];

  return (
    <>
      <PageHeader
        page="achievements"
        title={t('achievements.mineTitle')}
        intro={t('achievements.mineIntro')}
        extra={
          <Button type="primary" onClick={() => navigate('/achievements/new')} data-testid="achievement-new">
            {t('achievements.disclose')}
          </Button>
        }
      />
      <Card>
        <PagedTable<ListItem>
          rowKey="id"
          queryKey={[...ACHIEVEMENTS_KEY, 'list', orgId, 'mine']}
          fetch={(q, signal) => fetchAchievementList(orgId, { ...q, sort: q.sort as ListSortKey | undefined, mine: true }, signal)}
          defaultSort={{ sort: 'updatedAt', order: 'desc' }}
          pageSize={20}
          columns={columns}
          emptyText={t('common.states.empty')}
          data-testid="my-achievements"
        />
      </Card>
    </>
  );
}
