/** Navigation labels: one per entry of web/access.ts. */
const menu = {
  groups: {
    business: '业务',
    admin: '管理',
  },
  home: '首页',
  achievements: '成果台账',
  rights: '赋权与约定收益',
  distribution: '收益分配与奖励',
  projects: '横向结余',
  contracts: '合同与先使用后付费',
  talent: '人才与科技副总',
  brokers: '技术经理人',
  soe: '国企加速',
  holdings: '持股平台',
  procurement: '集采研发',
  market: '海洋科技大市场',
  oversight: '监管看板',
  ownOrganisation: '本机构',
  organisations: '机构管理',
  users: '用户管理',
  tokens: 'API令牌',
  audit: '审计日志',
  calendar: '工作日历',
  ledger: '台账校验',
};

export default menu;
