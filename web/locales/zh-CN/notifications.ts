/** The notification bell and drawer. */
const notifications = {
  bell: '通知',
  bellWithCount: '通知（{count} 条未读）',
  title: '通知',
  unreadOnly: '只看未读',
  markRead: '标为已读',
  markAllRead: '全部标为已读',
  allRead: '已全部标为已读',
  empty: '暂无通知',
  loadMore: '加载更多',
  open: '查看',
};

export default notifications;
