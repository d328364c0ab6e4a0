import achievements from './achievements';
import audit from './audit';
import auth from './auth';
import calendar from './calendar';
import common from './common';
import components from './components';
import contracts from './contracts';
import deals from './deals';
import errors from './errors';
import evaluation from './evaluation';
import home from './home';
import ledger from './ledger';
import market from './market';
import menu from './menu';
import modules from './modules';
import notifications from './notifications';
import orgs from './orgs';
import projects from './projects';
import rights from './rights';
import distribution from './distribution';
import roles from './roles';
import tokens from './tokens';
import users from './users';

/** All zh-CN texts; the shape every other language must match. */
const zhCN = {
  common,
  components,
  menu,
  modules,
  roles,
  auth,
  home,
  notifications,
  orgs,
  users,
  tokens,
  audit,
  calendar,
  ledger,
  contracts,
  achievements,
  projects,
  evaluation,
  deals,
  rights,
  distribution,
  market,
  errors,
};

export default zhCN;
