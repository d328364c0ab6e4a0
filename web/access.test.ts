import { describe, expect, it } from 'vitest';
import { ROLES } from '../common/roles';
import {
  ABILITIES,
  ADMIN_KEYS,
  can,
  canManageOrg,
  canViewOrg,
  grantableRoles,
  MENU_KEYS,
  MENU_PATHS,
  mayOpen,
  menuFor,
  MODULE_KEYS,
  ORG_ACCESS,
  PLACEHOLDER_MODULES,
  ROLE_MENUS,
  ROUTES,
} from './access';

describe('navigation by role (web/access.ts)', () => {
  it('gives every role a home page and only known entries', () => {
    for (const role of ROLES) {
      expect(menuFor(role)[0]).toBe('home');
      for (const key of ROLE_MENUS[role]) expect(MENU_KEYS).toContain(key);
    }
  });

  it('offers every business module to the administrator and to at least one other role', () => {
    for (const key of MODULE_KEYS) {
      expect(ROLE_MENUS.admin).toContain(key);
      expect(ROLES.filter((r) => r !== 'admin' && ROLE_MENUS[r].includes(key)).length, key).toBeGreaterThan(0);
    }
  });

  it('keeps platform administration to administrators (tokens also for org admins, audit also for the bureau)', () => {
    for (const role of ROLES) {
      const admin = ROLE_MENUS[role].filter((k) => (ADMIN_KEYS as readonly string[]).includes(k));
      if (role === 'admin') expect(admin).toEqual(['organisations', 'users', 'tokens', 'audit', 'calendar', 'ledger']);
      else if (role === 'org_admin') expect(admin).toEqual(['ownOrganisation', 'tokens']);
      else if (role === 'bureau') expect(admin).toEqual(['organisations', 'audit']);
      else if (role === 'operator') expect(admin).toEqual(['organisations']);
      else expect(admin).toEqual([]);
    }
  });

  it('matches the organisations menu entries with the organisation access', () => {
    for (const role of ROLES) {
      const access = ORG_ACCESS[role];
      expect(ROLE_MENUS[role].includes('organisations'), role).toBe(access === 'manage' || access === 'read');
      expect(ROLE_MENUS[role].includes('ownOrganisation'), role).toBe(access === 'own');
    }
  });

  it('lets an organisation admin view and manage only their own organisation', () => {
    expect(canViewOrg('org_admin', 'a', 'a')).toBe(true);
    expect(canViewOrg('org_admin', 'b', 'a')).toBe(false);
    expect(canManageOrg('org_admin', 'a', 'a')).toBe(true);
    expect(canViewOrg('bureau', 'b', 'a')).toBe(true);
    expect(canManageOrg('bureau', 'b', 'a')).toBe(false);
    expect(canManageOrg('admin', 'b', 'a')).toBe(true);
    expect(canViewOrg('researcher', 'a', 'a')).toBe(false);
  });

  it('only lets administrators grant privileged roles, and only where the role fits the organisation kind', () => {
    expect(grantableRoles('university', false)).toEqual(['researcher', 'tto_officer', 'broker']);
    expect(grantableRoles('university', true)).toContain('org_admin');
    expect(grantableRoles('science_bureau', true)).toEqual(['org_admin', 'bureau', 'admin']);
    expect(grantableRoles('enterprise', false)).not.toContain('researcher');
  });
});

describe('routes and access as data (web/access.ts)', () => {
  it('gives every placeholder module no route of its own and every route one access rule', () => {
    expect(PLACEHOLDER_MODULES.map((m) => m.key)).toEqual(['talent', 'brokers', 'soe', 'holdings', 'procurement', 'oversight']);
    expect(new Set(ROUTES.map((r) => r.path)).size).toBe(ROUTES.length);
    // Every menu entry opens a route (or a placeholder), and whoever sees the entry may open it.
    for (const key of MENU_KEYS) {
      if (key === 'home' || PLACEHOLDER_MODULES.some((m) => m.key === key)) continue;
      const route = ROUTES.find((r) => `/${r.path}` === MENU_PATHS[key]);
      expect(route, key).toBeDefined();
      for (const role of ROLES) if (ROLE_MENUS[role].includes(key) && key !== 'ownOrganisation') expect(mayOpen(route!.access, role), `${role} ${key}`).toBe(true);
    }
  });

  it('names only known roles in the abilities, and every ability is held by someone', () => {
    for (const [ability, roles] of Object.entries(ABILITIES)) {
      expect(roles.length, ability).toBeGreaterThan(0);
      for (const r of roles) expect(ROLES, ability).toContain(r);
    }
  });

  it('opens routes by menu entry, ability or organisation', () => {
    expect(mayOpen({ menu: 'contracts' }, 'enterprise')).toBe(true);
    expect(mayOpen({ menu: 'contracts' }, 'researcher')).toBe(false);
    expect(mayOpen({ can: 'deals.open' }, 'enterprise')).toBe(true);
    expect(mayOpen({ can: 'deals.open' }, 'researcher')).toBe(false);
    expect(mayOpen('org', 'org_admin', { orgId: 'a' }, 'a')).toBe(true);
    expect(mayOpen('org', 'org_admin', { orgId: 'b' }, 'a')).toBe(false);
    expect(mayOpen('signedIn', 'investor')).toBe(true);
    expect(mayOpen('signedIn', null)).toBe(false);
  });

  it('answers "may I" by role group, in an organisation where asked', () => {
    expect(can('tto_officer', 'deals.hold', { organisationId: 'a', ownOrgId: 'a' })).toBe(true);
    expect(can('tto_officer', 'deals.hold', { organisationId: 'b', ownOrgId: 'a' })).toBe(false);
    expect(can('admin', 'deals.hold', { organisationId: 'b', ownOrgId: 'a' })).toBe(true);
    expect(can('enterprise', 'deals.hold')).toBe(false);
    expect(can('admin', 'rights.apply')).toBe(false);
    expect(can('researcher', 'rights.apply')).toBe(true);
    expect(can(null, 'deals.open')).toBe(false);
  });
});
