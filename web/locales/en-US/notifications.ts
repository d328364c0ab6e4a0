import type zh from '../zh-CN/notifications';

const notifications: typeof zh = {
  bell: 'Notifications',
  bellWithCount: 'Notifications ({count} unread)',
  title: 'Notifications',
  unreadOnly: 'Unread only',
  markRead: 'Mark read',
  markAllRead: 'Mark all read',
  allRead: 'All marked read',
  empty: 'No notifications',
  loadMore: 'Load more',
  open: 'Open',
};

export default notifications;
