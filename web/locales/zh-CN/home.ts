/** The home page: figures and series from GET /api/v1/home. */
const home = {
  title: '首页',
  welcome: '{name}，欢迎使用科桥',
  context: '{org} · {role}',
  figuresTitle: '关键数据',
  seriesEmpty: '暂无数据',
  noFigures: '暂无可显示的数据。',
  figures: {
    unreadNotifications: '未读通知',
    organisations: '在册机构',
    institutions: '成果持有单位',
    enterprises: '企业',
    brokers: '技术经理人',
    users: '有效用户',
    activeSessions: '在线会话',
    ledgerEvents: '台账事件',
    failedJobs: '失败任务',
    organisationMembers: '本机构成员',
  },
  series: {
    organisationsByKind: '机构类型分布',
    organisationsByDistrict: '机构区域分布',
    auditLast14Days: '近 14 天操作记录',
    membersByRole: '本机构成员身份分布',
  },
};

export default home;
