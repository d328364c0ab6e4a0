/** Roles a person holds through a membership of an organisation. */
export const ROLES = [
  'researcher',
  'tto_officer',
  'org_admin',
  'enterprise',
  'broker',
  'operator',
  'investor',
  'bureau',
  'admin',
] as const;
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
export const INSTITUTION_KINDS: readonly OrgKind[] = [
  'university',
  'research_institute',
  'hospital',
  'new_rd_institution',
  'state_owned_enterprise',
];

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
