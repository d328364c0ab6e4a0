import { OFFICE_ROLES, OVERSIGHT_ROLES, type OrgKind, PLATFORM_ROLES, PRIVILEGED_ROLES, ROLE_GROUPS, ROLES, type Role, roleFitsOrgKind } from '../common/roles';

/**
 * Who sees what in the web app, written as data: the menu of each role (ROLE_MENUS), the routes
 * and who may open them (ROUTES), and what a page may offer by role group (ABILITIES, asked
 * through useCan() in web/lib/can.ts). The server enforces the same rules again on every route
 * (server/plugins/access.ts); these maps only decide what the app offers.
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

/**
 * What a page may offer, by role group (common/roles.ts): the one map behind `useCan()`. Pages ask
 * `can('contracts.apply')` instead of comparing the role. The active membership's role counts;
 * with an organisation (`can('deals.hold', orgId)`) the membership must be of that organisation,
 * except for platform administrators, who act for any.
 */
export const ABILITIES = {
  /** Deal rooms: firms and holders' offices, and the market's operators (the server narrows each room to its two parties). */
  'deals.open': [...ROLE_GROUPS.party, ...PLATFORM_ROLES],
  /** Ask for a deal room on an achievement (a firm). */
  'deals.ask': ['enterprise'],
  /** Act as the achievement's holder in the market (its office, or an administrator). */
  'deals.hold': OFFICE_ROLES,
  /** Run the market (auctions, listings' rooms). */
  'market.operate': ['operator'],
  /** See a listing's demands and staff views of the market. */
  'market.staff': [...PLATFORM_ROLES, 'bureau'],
  /** See the demands matched to a listing (besides its holder, who sees them through the listing's canEdit). */
  'market.listingDemands': [...PLATFORM_ROLES, 'bureau', 'broker'],
  /** Post demands on the market. */
  'market.demand': ['enterprise', 'broker', ...PLATFORM_ROLES],
  /** Maintain the market's synonyms. */
  'market.synonyms': PLATFORM_ROLES,
  /** Evaluation pages (offices, the market's people and the bureau). */
  'evaluation.open': [...ROLE_GROUPS.office, 'operator', 'broker', ...OVERSIGHT_ROLES],
  /** The achievements ledger of the office (others see their own achievements). */
  'achievements.ledger': OFFICE_ROLES,
  /** Apply for a licence contract (a firm). */
  'contracts.apply': ['enterprise'],
  /** The office's view of grants of rights (review, decide). */
  'rights.office': OFFICE_ROLES,
  /** Apply for a grant of rights (researchers and offices; administrators do not apply). */
  'rights.apply': ROLE_GROUPS.institutionMember,
  /** The office's distribution pages. */
  'distribution.office': OFFICE_ROLES,
  /** Policy comparison across institutions. */
  'distribution.oversee': OVERSIGHT_ROLES,
  /** The office's project functions (create, record receipts and costs). */
  'projects.office': ROLE_GROUPS.office,
  /** Projects of every organisation (with the organisation column). */
  'projects.allOrgs': OVERSIGHT_ROLES,
  /** Issue API tokens for an organisation. */
  'tokens.issue': ROLE_GROUPS.orgAdmin,
  /** Manage every organisation, its members and tokens, and grant privileged roles (ORG_ACCESS 'manage'). */
  'orgs.manageAll': ROLES.filter((r) => ORG_ACCESS[r] === 'manage'),
} as const satisfies Record<string, readonly Role[]>;
export type Ability = keyof typeof ABILITIES;

/** Whether a role (and, optionally, its organisation) may do `ability`. Administrators act for any organisation. */
export function can(role: Role | null | undefined, ability: Ability, where?: { organisationId?: string; ownOrgId?: string }): boolean {
  if (!role || !(ABILITIES[ability] as readonly Role[]).includes(role)) return false;
  if (where?.organisationId === undefined || role === 'admin') return true;
  return where.organisationId === where.ownOrgId;
}

/**
 * Who may open a route: those who see a menu entry, those who hold an ability, those who may
 * view the organisation in the path (`org`), or anyone signed in (`signedIn`, the page itself narrows).
 */
export type RouteAccess = { menu: MenuKey } | { can: Ability } | 'org' | 'signedIn';

/**
 * Every route of the signed-in app beside the menu: path (below the shell) and who may open it.
 * web/routes.tsx gives each path its page; modules without a route here show their placeholder.
 */
export const ROUTES = [
  { path: 'orgs', access: { menu: 'organisations' } },
  { path: 'orgs/own', access: { menu: 'ownOrganisation' } },
  { path: 'orgs/:orgId', access: 'org' },
  { path: 'contracts', access: { menu: 'contracts' } },
  { path: 'contracts/:contractId', access: { menu: 'contracts' } },
  { path: 'rights', access: { menu: 'rights' } },
  { path: 'rights/grants/:grantId', access: { menu: 'rights' } },
  { path: 'market', access: { menu: 'market' } },
  { path: 'market/listings/:id', access: { menu: 'market' } },
  { path: 'market/demands/new', access: { menu: 'market' } },
  { path: 'market/demands/:id', access: { menu: 'market' } },
  { path: 'market/demands/:id/edit', access: { menu: 'market' } },
  { path: 'market/my-demands', access: { menu: 'market' } },
  { path: 'market/synonyms', access: { menu: 'market' } },
  { path: 'distribution', access: { menu: 'distribution' } },
  { path: 'distribution/mine', access: { menu: 'distribution' } },
  { path: 'distribution/policy', access: { menu: 'distribution' } },
  { path: 'distribution/payroll', access: { menu: 'distribution' } },
  { path: 'distribution/equity', access: { menu: 'distribution' } },
  { path: 'distribution/:distributionId', access: { menu: 'distribution' } },
  { path: 'distribution/:distributionId/notice', access: { menu: 'distribution' } },
  { path: 'projects', access: { menu: 'projects' } },
  { path: 'projects/:projectId', access: { menu: 'projects' } },
  // Evaluation (part of the market, measure 10): its pages answer 403 themselves (evaluation.open).
  { path: 'evaluation', access: 'signedIn' },
  { path: 'evaluation/achievements/:achievementId', access: 'signedIn' },
  { path: 'deals', access: { can: 'deals.open' } },
  // An achievement's market page and the auctions are open to everyone signed in.
  { path: 'deals/achievement/:achievementId', access: 'signedIn' },
  { path: 'deals/:roomId', access: { can: 'deals.open' } },
  { path: 'auctions', access: 'signedIn' },
  { path: 'auctions/:auctionId', access: 'signedIn' },
  { path: 'achievements', access: { menu: 'achievements' } },
  { path: 'achievements/new', access: { menu: 'achievements' } },
  { path: 'achievements/:id', access: { menu: 'achievements' } },
  { path: 'achievements/:id/edit', access: { menu: 'achievements' } },
  { path: 'users', access: { menu: 'users' } },
  { path: 'tokens', access: { menu: 'tokens' } },
  { path: 'audit', access: { menu: 'audit' } },
  { path: 'calendar', access: { menu: 'calendar' } },
  { path: 'ledger', access: { menu: 'ledger' } },
] as const satisfies ReadonlyArray<{ path: string; access: RouteAccess }>;
export type RoutePath = (typeof ROUTES)[number]['path'];

/** Modules whose menu path has no route of its own: they show their placeholder page. */
export const PLACEHOLDER_MODULES = MODULES.filter((m) => !ROUTES.some((r) => `/${r.path}` === MENU_PATHS[m.key]));

/** Whether the role may open a route; `params` are the path's parameters, `ownOrgId` the active membership's organisation. */
export function mayOpen(access: RouteAccess, role: Role | null | undefined, params: Record<string, string | undefined> = {}, ownOrgId?: string): boolean {
  if (!role) return false;
  if (access === 'signedIn') return true;
  if (access === 'org') return canViewOrg(role, params.orgId ?? '', ownOrgId);
  if ('menu' in access) return canSee(role, access.menu);
  return can(role, access.can);
}
