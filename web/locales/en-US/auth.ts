import type zh from '../zh-CN/auth';

const auth: typeof zh = {
  login: {
    title: 'Sign in',
    subtitle: 'Sign in with your email or mobile number',
    account: 'Account',
    accountPlaceholder: 'Email or mobile number',
    accountRequired: 'Enter your email or mobile number',
    accountInvalid: 'Enter a valid email or an 11-digit mobile number',
    password: 'Password',
    passwordPlaceholder: 'Password',
    passwordRequired: 'Enter your password',
    submit: 'Sign in',
    footer: 'Under the guidance of the Qingdao Science and Technology Bureau',
  },
  userMenu: {
    currentOrganisation: 'Organisation: {org}',
    currentRole: 'Role: {role}',
    membership: '{org} · {role}',
    switchMembership: 'Switch role',
    changePassword: 'Change password',
    logout: 'Sign out',
    switched: 'Now acting as {org} · {role}',
  },
  password: {
    title: 'Change password',
    current: 'Current password',
    next: 'New password',
    confirm: 'Confirm new password',
    required: 'Enter a password',
    minLength: 'At least 8 characters',
    mismatch: 'The two new passwords differ',
    sameAsCurrent: 'The new password must differ from the current one',
    done: 'Password changed; your other sessions were signed out',
  },
  loggedOut: 'Signed out',
  sessionExpired: 'Your session has ended; please sign in again',
  noMembership: 'Your account does not belong to any organisation yet. Ask your organisation administrator.',
};

export default auth;
