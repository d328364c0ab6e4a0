import type zh from '../zh-CN/menu';

const menu: typeof zh = {
  groups: {
    business: 'Business',
    admin: 'Administration',
  },
  home: 'Home',
  achievements: 'Achievement ledger',
  rights: 'Ownership & agreed proceeds',
  distribution: 'Income & rewards',
  projects: 'Contract-research surplus',
  contracts: 'Contracts & pay-later',
  talent: 'Talent & tech VPs',
  brokers: 'Tech managers',
  soe: 'SOE acceleration',
  holdings: 'Holding platform',
  procurement: 'Pooled R&D procurement',
  market: 'Marine Tech Market',
  oversight: 'Oversight dashboard',
  ownOrganisation: 'My organisation',
  organisations: 'Organisations',
  users: 'Users',
  tokens: 'API tokens',
  audit: 'Audit log',
  calendar: 'Working calendar',
  ledger: 'Ledger verification',
};

export default menu;
