import { type OrgKind, PRIVILEGED_ROLES, ROLES, type Role, roleFitsOrgKind } from '../common/roles';

/**
 * Who sees what in the navigation, written as data. The server enforces the same rules again
 * on every route (server/plugins/access.ts); this map only decides what the menu offers.
 * Kept free of React and antd so that tests (test/e2e) can read it.
 */

/** The business modules of DESIGN.md's "ten measures" table, with the measure each implements. */
export const MODULES = [
  { key: 'achievements', measure: 1 },
  { key: 'rights', measure: 2 },
  { key: 'distribution', measure: 2 },
  { key: 'projects', measure: 3 },
  { key: 'contracts', measure: 4 },
  { key: 'talent', measure: 5 },
  { key: 'brokers', measure: 6 },
  { key: 'soe', measure: 7 },
  { key: 'holdings', measure: 8 },
  { key: 'procurement', measure: 9 },
  { key: 'market', measure: 10 },
  { key: 'oversight', measure: null },
] as const;

export type ModuleKey = (typeof MODULES)[number]['key'];
export const MODULE_KEYS: readonly ModuleKey[] = MODULES.map((m) => m.key);

/** Administration entries. `ownOrganisation` is an organisation administrator's own organisation. */
export const ADMIN_KEYS = ['ownOrganisation', 'organisations', 'users', 'tokens', 'audit', 'calendar', 'ledger'] as const;
export type AdminKey = (typeof ADMIN_KEYS)[number];

export type MenuKey = 'home' | ModuleKey | AdminKey;

/** Every menu entry in display order. */
export const MENU_KEYS: readonly MenuKey[] = ['home', ...MODULE_KEYS, ...ADMIN_KEYS];

/** The path each menu entry opens (`ownOrganisation` is resolved to /orgs/<own id> by the shell). */
export const MENU_PATHS: Record<MenuKey, string> = {
  home: '/',
  achievements: '/achievements',
  rights: '/rights',
  distribution: '/distribution',
  projects: '/projects',
  contracts: '/contracts',
  talent: '/talent',
  brokers: '/brokers',
  soe: '/soe',
  holdings: '/holdings',
  procurement: '/procurement',
  market: '/market',
  oversight: '/oversight',
  ownOrganisation: '/orgs/own',
  organisations: '/orgs',
  users: '/users',
  tokens: '/tokens',
  audit: '/audit',
  calendar: '/calendar',
  ledger: '/ledger',
};

/** Role → visible menu entries. */
export const ROLE_MENUS: Record<Role, readonly MenuKey[]> = {
  researcher: ['home', 'achievements', 'rights', 'distribution', 'projects'],
  tto_officer: ['home', 'achievements', 'rights', 'distribution', 'projects', 'contracts', 'holdings'],
  org_admin: ['home', 'achievements', 'rights', 'distribution', 'projects', 'contracts', 'talent', 'ownOrganisation', 'tokens'],
  enterprise: ['home', 'market', 'contracts', 'procurement'],
  broker: ['home', 'market', 'brokers', 'procurement'],
  operator: ['home', 'market', 'brokers', 'procurement', 'organisations'],
  investor: ['home', 'holdings', 'market'],
  bureau: ['home', 'distribution', 'oversight', 'market', 'brokers', 'talent', 'soe', 'projects', 'organisations', 'audit'],
  admin: ['home', ...MODULE_KEYS, 'organisations', 'users', 'tokens', 'audit', 'calendar', 'ledger'],
};

/** What a role may do with organisations: manage all, read all, manage its own, or nothing. */
export type OrgAccess = 'manage' | 'read' | 'own' | 'none';

export const ORG_ACCESS: Record<Role, OrgAccess> = {
  researcher: 'none',
  tto_officer: 'none',
  org_admin: 'own',
  enterprise: 'none',
  broker: 'none',
  operator: 'read',
  investor: 'none',
  bureau: 'read',
  admin: 'manage',
};

/** The menu entries of a role, in display order. */
export function menuFor(role: Role): MenuKey[] {
  const allowed = new Set(ROLE_MENUS[role]);
  return MENU_KEYS.filter((k) => allowed.has(k));
}

export function canSee(role: Role | null | undefined, key: MenuKey): boolean {
  return !!role && ROLE_MENUS[role].includes(key);
}

export function isModuleKey(key: string): key is ModuleKey {
  return (MODULE_KEYS as readonly string[]).includes(key);
}

/** Whether the role may open one organisation's page (read-only roles, the own organisation's admin, or any admin). */
export function canViewOrg(role: Role | null | undefined, orgId: string, ownOrgId: string | undefined): boolean {
  if (!role) return false;
  const access = ORG_ACCESS[role];
  return access === 'manage' || access === 'read' || (access === 'own' && orgId === ownOrgId);
}

/** Whether the role may edit an organisation and its members. */
export function canManageOrg(role: Role | null | undefined, orgId: string, ownOrgId: string | undefined): boolean {
  if (!role) return false;
  const access = ORG_ACCESS[role];
  return access === 'manage' || (access === 'own' && orgId === ownOrgId);
}

/** Roles that may be granted in an organisation of this kind; only administrators grant privileged ones. */
export function grantableRoles(kind: OrgKind, isAdmin: boolean): Role[] {
  return ROLES.filter((r) => roleFitsOrgKind(r, kind) && (isAdmin || !PRIVILEGED_ROLES.includes(r)));
}
