import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { Badge, Button, Drawer, Empty, List, Space, Switch, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { api, type Page } from '../api/client';
import type { Notification, UnreadCount } from '../api/types';
import { formatInstant } from '../lib/format';
import { useI18n } from '../lib/i18n';
import { useApiMutation } from '../lib/mutation';
import { BellIcon } from './icons';

const UNREAD_KEY = ['notifications', 'unread-count'] as const;
const POLL_MS = 60_000;

/** The bell with the unread count (polled every minute) and a drawer listing the notifications. */
export function NotificationBell() {
  const { t, locale } = useI18n();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [unreadOnly, setUnreadOnly] = useState(false);

  const unread = useQuery({
    queryKey: UNREAD_KEY,
    queryFn: ({ signal }) => api.get<UnreadCount>('/notifications/unread-count', undefined, signal),
    refetchInterval: POLL_MS,
    refetchIntervalInBackground: false,
    // A failing poll must not show an error every minute.
    meta: { silent: true },
  });

  const list = useInfiniteQuery({
    queryKey: ['notifications', 'list', unreadOnly],
    queryFn: ({ pageParam, signal }) =>
      api.get<Page<Notification>>('/notifications', { page: pageParam, pageSize: 20, unreadOnly: unreadOnly ? 'true' : undefined }, signal),
    initialPageParam: 1,
    getNextPageParam: (last) => (last.page * last.pageSize < last.total ? last.page + 1 : undefined),
    enabled: open,
  });

  const markRead = useApiMutation((id: string) => api.post(`/notifications/${id}/read`), { invalidate: [['notifications']] });
  const markAll = useApiMutation(() => api.post('/notifications/read-all'), { success: t('notifications.allRead'), invalidate: [['notifications']] });

  const count = unread.data?.count ?? 0;
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];

  const openLink = (n: Notification) => {
    if (!n.link) return;
    if (!n.readAt) markRead.mutate(n.id);
    setOpen(false);
    if (n.link.startsWith('/')) navigate(n.link);
    else window.open(n.link, '_blank', 'noopener');
  };

  return (
    <>
      <Badge count={count} size="small" offset={[-6, 8]}>
        <Button
          type="text"
          data-testid="notification-bell"
          aria-label={count > 0 ? t('notifications.bellWithCount', { count }) : t('notifications.bell')}
          title={t('notifications.bell')}
          icon={<BellIcon />}
          onClick={() => setOpen(true)}
        />
      </Badge>
      <Drawer
        title={t('notifications.title')}
        open={open}
        onClose={() => setOpen(false)}
        size="default"
        data-testid="notification-drawer"
        extra={
          <Button size="small" disabled={count === 0} loading={markAll.isPending} onClick={() => markAll.mutate()} data-testid="notifications-read-all">
            {t('notifications.markAllRead')}
          </Button>
        }
      >
        <Space style={{ marginBottom: 12 }}>
          <Switch size="small" checked={unreadOnly} onChange={setUnreadOnly} />
          <Typography.Text>{t('notifications.unreadOnly')}</Typography.Text>
        </Space>
        {items.length === 0 && !list.isFetching ? (
          <Empty description={t('notifications.empty')} />
        ) : (
          <List
            loading={list.isFetching && items.length === 0}
            dataSource={items}
            rowKey="id"
            renderItem={(n) => (
              <List.Item
                actions={[
                  ...(n.link
                    ? [
                        <Button key="open" type="link" size="small" onClick={() => openLink(n)}>
                          {t('notifications.open')}
                        </Button>,
                      ]
                    : []),
                  ...(!n.readAt
                    ? [
                        <Button key="read" type="link" size="small" onClick={() => markRead.mutate(n.id)}>
                          {t('notifications.markRead')}
                        </Button>,
                      ]
                    : []),
                ]}
              >
                <List.Item.Meta
                  title={
                    <Space size={6}>
                      {!n.readAt && <Badge status="processing" />}
                      <Typography.Text strong={!n.readAt}>{n.title}</Typography.Text>
                    </Space>
                  }
                  description={
                    <>
                      <div>{n.body}</div>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {formatInstant(n.createdAt, locale)}
                      </Typography.Text>
                    </>
                  }
                />
              </List.Item>
            )}
          />
        )}
        {list.hasNextPage && (
          <Button block style={{ marginTop: 12 }} loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
            {t('notifications.loadMore')}
          </Button>
        )}
      </Drawer>
    </>
  );
}
