import type zh from '../zh-CN/common';

const common: typeof zh = {
  appName: 'Keqiao',
  platformName: 'Qingdao Technology Transfer Platform',
  fullTitle: 'Keqiao · Qingdao Technology Transfer Platform',
  languageName: 'English',
  switchLanguage: '中文',
  switchLanguageTitle: 'Switch to Chinese',
  openMenu: 'Show or hide the navigation menu',
  actions: {
    save: 'Save',
    cancel: 'Cancel',
    confirm: 'OK',
    create: 'New',
    edit: 'Edit',
    delete: 'Delete',
    remove: 'Remove',
    search: 'Search',
    reset: 'Reset',
    refresh: 'Refresh',
    back: 'Back',
    view: 'View',
    copy: 'Copy',
    close: 'Close',
  },
  states: {
    active: 'Active',
    inactive: 'Inactive',
    loading: 'Loading…',
    empty: 'No data',
    none: 'None',
    yes: 'Yes',
    no: 'No',
  },
  feedback: {
    saved: 'Saved',
    deleted: 'Deleted',
    copied: 'Copied to the clipboard',
    copyFailed: 'Could not copy; select the text and copy it by hand',
  },
  pages: {
    notFoundTitle: 'Page not found',
    notFoundText: 'The page you asked for does not exist or has moved.',
    forbiddenTitle: 'Not allowed',
    forbiddenText: 'Your current role may not open this page. Switch role in the user menu or go back home.',
    errorTitle: 'Something went wrong',
    errorText: 'The page failed to load. Reload and try again.',
    backHome: 'Back to home',
    reload: 'Reload',
  },
};

export default common;
