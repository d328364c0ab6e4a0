import type { Messages } from '../types';
import achievements from './achievements';
import audit from './audit';
import auth from './auth';
import calendar from './calendar';
import common from './common';
import contracts from './contracts';
import deals from './deals';
import errors from './errors';
import home from './home';
import ledger from './ledger';
import market from './market';
import menu from './menu';
import modules from './modules';
import notifications from './notifications';
import orgs from './orgs';
import roles from './roles';
import tokens from './tokens';
import users from './users';

/** All en-US texts, typed against zh-CN so that a missing key fails tsc. */
const enUS: Messages = { common, menu, modules, roles, auth, home, notifications, orgs, users, tokens, audit, calendar, ledger, contracts, achievements, market, deals, errors };

export default enUS;
