import type zh from '../zh-CN/home';

const home: typeof zh = {
  title: 'Home',
  welcome: 'Welcome to Keqiao, {name}',
  context: '{org} · {role}',
  figuresTitle: 'Key figures',
  seriesEmpty: 'No data',
  noFigures: 'Nothing to show yet.',
  figures: {
    unreadNotifications: 'Unread notifications',
    organisations: 'Organisations',
    institutions: 'Achievement holders',
    enterprises: 'Enterprises',
    brokers: 'Tech managers',
    users: 'Active users',
    activeSessions: 'Active sessions',
    ledgerEvents: 'Ledger events',
    failedJobs: 'Failed jobs',
    organisationMembers: 'Members of my organisation',
  },
  series: {
    organisationsByKind: 'Organisations by kind',
    organisationsByDistrict: 'Organisations by district',
    auditLast14Days: 'Changes in the last 14 days',
    membersByRole: 'Members of my organisation by role',
  },
};

export default home;
