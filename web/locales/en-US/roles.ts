import type zh from '../zh-CN/roles';

const roles: typeof zh = {
  role: {
    researcher: 'Researcher',
    tto_officer: 'Tech-transfer officer',
    org_admin: 'Organisation admin',
    enterprise: 'Enterprise',
    broker: 'Tech manager / broker',
    operator: 'Platform operator',
    investor: 'Investor',
    bureau: 'Science bureau',
    admin: 'System administrator',
  },
  orgKind: {
    university: 'University',
    research_institute: 'Research institute',
    hospital: 'Hospital',
    new_rd_institution: 'New R&D institution',
    state_owned_enterprise: 'State-owned enterprise',
    enterprise: 'Enterprise',
    tech_transfer_agency: 'Tech-transfer agency',
    investment_platform: 'Investment platform',
    financial_institution: 'Financial institution',
    science_bureau: 'Science bureau',
  },
};

export default roles;
