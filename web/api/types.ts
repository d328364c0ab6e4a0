import type { OrgKind, Role, TokenScope } from '../../common/roles';

/** Shapes of the API's JSON answers, as the web client uses them. */

export interface Membership {
  organisationId: string;
  organisationKind: OrgKind;
  organisationName: string;
  creditCode: string;
  role: Role;
}

export interface Me {
  id: string;
  name: string;
  email: string | null;
  mobile: string | null;
  locale: string;
  memberships: Membership[];
}

export interface HomeData {
  role: Role;
  figures: Array<{ key: string; value: number }>;
  series: Array<{ key: string; points: Array<{ label: string; value: number }> }>;
}

export interface District {
  code: string;
  zh: string;
  en: string;
}

export interface Org {
  id: string;
  kind: OrgKind;
  name: string;
  nameEn: string | null;
  creditCode: string;
  district: string;
  parentId: string | null;
  isActive: boolean;
  memberCount: number;
  createdAt?: string;
}

export interface OrgInput {
  kind: OrgKind;
  name: string;
  nameEn?: string | null;
  creditCode: string;
  district: string;
  parentId?: string | null;
  isActive?: boolean;
}

export interface Member {
  id: string;
  userId: string;
  name: string;
  email: string | null;
  mobile: string | null;
  role: Role;
}

export type NewMember = { role: Role; userId: string } | { role: Role; name: string; email?: string; mobile?: string; password: string };

export interface User {
  id: string;
  name: string;
  email: string | null;
  mobile: string | null;
  isActive: boolean;
  createdAt?: string;
  memberships: Membership[];
}

export interface ApiToken {
  id: string;
  name: string;
  prefix: string;
  organisationId: string;
  role: Role;
  scopes: TokenScope[];
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface AuditEntry {
  id: string;
  at: string;
  actorName: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
}

export interface CalendarOverride {
  day: string;
  isWorkday: boolean;
  name: string;
}

export interface LedgerVerifyResult {
  ok: boolean;
  streams: number;
  events: number;
  firstBroken?: { stream: string; seq: number; reason: string } | null;
}

export interface Notification {
  id: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  createdAt: string;
  readAt: string | null;
}
