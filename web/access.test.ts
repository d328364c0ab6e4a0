import { describe, expect, it } from 'vitest';
import { ROLES } from '../common/roles';
import { ADMIN_KEYS, canManageOrg, canViewOrg, grantableRoles, MENU_KEYS, menuFor, MODULE_KEYS, ORG_ACCESS, ROLE_MENUS } from './access';

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
