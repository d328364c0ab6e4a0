import type zh from '../zh-CN/users';

const users: typeof zh = {
  title: 'Users',
  searchPlaceholder: 'Search by name, email or mobile',
  fields: {
    name: 'Name',
    email: 'Email',
    mobile: 'Mobile',
    memberships: 'Organisations and roles',
    isActive: 'Status',
    createdAt: 'Created',
  },
  editName: 'Rename',
  nameRequired: 'Enter the name',
  deactivate: 'Deactivate',
  activate: 'Activate',
  deactivateConfirm: 'Deactivate {name}? All their sessions end at once.',
  activateConfirm: 'Activate {name} again?',
  deactivated: 'Deactivated',
  activated: 'Activated',
  updated: 'User updated',
};

export default users;
