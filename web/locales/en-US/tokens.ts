import type zh from '../zh-CN/tokens';

const tokens: typeof zh = {
  title: 'API tokens',
  intro: 'API tokens let an organisation’s own systems call the Keqiao API, each acting as one role of one organisation. Keep them secret and revoke one at once if it leaks.',
  create: 'New token',
  fields: {
    name: 'Name',
    prefix: 'Prefix',
    organisation: 'Organisation',
    role: 'Role',
    scopes: 'Scopes',
    createdAt: 'Created',
    expiresAt: 'Expires',
    lastUsedAt: 'Last used',
    status: 'Status',
  },
  placeholders: {
    name: 'e.g. Finance system integration',
    organisation: 'Choose an organisation',
    role: 'Choose a role',
    expiresAt: 'Leave empty for no expiry',
  },
  validation: {
    nameRequired: 'Enter a name',
    organisationRequired: 'Choose an organisation',
    roleRequired: 'Choose a role',
    scopesRequired: 'Choose at least one scope',
  },
  scope: {
    read: 'Read',
    write: 'Write',
  },
  status: {
    active: 'Active',
    revoked: 'Revoked',
    expired: 'Expired',
  },
  never: 'Never',
  noExpiry: 'No expiry',
  secretTitle: 'Token created',
  secretWarning: 'The secret is shown only this once and cannot be shown again. Copy it now and store it somewhere safe.',
  secretDone: 'I have saved it',
  revoke: 'Revoke',
  revokeConfirm: 'Revoke the token “{name}”? Systems using it lose access at once.',
  revoked: 'Token revoked',
};

export default tokens;
