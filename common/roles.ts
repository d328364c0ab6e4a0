/** Roles a person holds through a membership of an organisation. */
export const ROLES = ['researcher', 'tto_officer', 'org_admin', 'enterprise', 'broker', 'operator', 'investor', 'bureau', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Organisation kinds (机构类型). */
export const ORG_KINDS = [
  'university',
  'research_institute',
  'hospital',
  'new_rd_institution',
  'state_owned_enterprise',
  'enterprise',
  'tech_transfer_agency',
  'investment_platform',
  'financial_institution',
  'science_bureau',
] as const;
export type OrgKind = (typeof ORG_KINDS)[number];

/** Institutions that hold duty achievements (职务科技成果) and keep the separate ledger. */
export const INSTITUTION_KINDS: readonly OrgKind[] = ['university', 'research_institute', 'hospital', 'new_rd_institution', 'state_owned_enterprise'];

/** API token scopes: what a system integration may do. */
export const TOKEN_SCOPES = ['read', 'write'] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

/** Which organisation kinds a role makes sense in; a membership outside them is refused. */
export const ROLE_ORG_KINDS: Record<Role, readonly OrgKind[] | 'all'> = {
  researcher: INSTITUTION_KINDS,
  tto_officer: INSTITUTION_KINDS,
  org_admin: 'all',
  enterprise: ['enterprise', 'state_owned_enterprise', 'new_rd_institution'],
  broker: ['tech_transfer_agency', 'university', 'research_institute', 'hospital', 'new_rd_institution', 'enterprise', 'state_owned_enterprise'],
  operator: ['tech_transfer_agency'],
  investor: ['investment_platform', 'financial_institution', 'state_owned_enterprise'],
  bureau: ['science_bureau'],
  admin: ['tech_transfer_agency', 'science_bureau'],
};

export function roleFitsOrgKind(role: Role, kind: OrgKind): boolean {
  const kinds = ROLE_ORG_KINDS[role];
  return kinds === 'all' || kinds.includes(kind);
}

/** Roles that only a platform administrator may grant. */
export const PRIVILEGED_ROLES: readonly Role[] = ['admin', 'bureau', 'operator', 'org_admin'];

/**
 * Role groups: the one vocabulary of "who" for server routes, services and the web app. A route
 * lists groups (`roles: [...OFFICE, 'bureau']`); a service asks `isOfficeOf(actor, orgId)`.
 * Platform administrators (`admin`) act for an office or a party wherever these groups say so.
 */
export const ROLE_GROUPS = {
  /** An institution's tech-transfer office: keeps the ledger, decides, signs for the institution. */
  office: ['tto_officer', 'org_admin'],
  /** Members of an institution who see its ledger: its researchers and its office. */
  institutionMember: ['researcher', 'tto_officer', 'org_admin'],
  /** Who runs the Marine Technology Market. */
  platform: ['operator', 'admin'],
  /** Who oversees every institution (read-only figures, comparisons). */
  oversight: ['bureau', 'admin'],
  /** Who acts for a firm on the market (demands, licence applications, offers). */
  firm: ['enterprise', 'org_admin'],
  /** Either side of a contract or deal room: the institution's office or the firm. */
  party: ['tto_officer', 'org_admin', 'enterprise'],
  /** Who may administer an organisation (members, tokens). */
  orgAdmin: ['org_admin', 'admin'],
} as const satisfies Record<string, readonly Role[]>;
export type RoleGroup = keyof typeof ROLE_GROUPS;

/** The office roles plus the platform administrator, as most office routes accept. */
export const OFFICE_ROLES: readonly Role[] = [...ROLE_GROUPS.office, 'admin'];
/** Institution members plus the platform administrator. */
export const INSTITUTION_ROLES: readonly Role[] = [...ROLE_GROUPS.institutionMember, 'admin'];
/** Contract and deal-room parties plus the platform administrator. */
export const PARTY_ROLES: readonly Role[] = [...ROLE_GROUPS.party, 'admin'];
/** Market operators and administrators. */
export const PLATFORM_ROLES: readonly Role[] = ROLE_GROUPS.platform;
/** The bureau and administrators. */
export const OVERSIGHT_ROLES: readonly Role[] = ROLE_GROUPS.oversight;

/** Does this set of memberships hold one of `roles`, anywhere or in one organisation? */
export function holdsRole(memberships: readonly { organisationId: string; role: Role }[], roles: readonly Role[], organisationId?: string): boolean {
  return memberships.some((m) => roles.includes(m.role) && (organisationId === undefined || m.organisationId === organisationId));
}
