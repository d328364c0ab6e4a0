/**
 * Shapes of the API's JSON answers, as the web client uses them: the types of common/api/*, the
 * same schemas the server answers with.
 */
export type { AuditEntry, AuditPage } from '../../common/api/audit';
export type { ApiToken, Me, Membership, NewToken, NewTokenBody, TokenPage } from '../../common/api/auth';
export type { CalendarOverride, DayInfoView, Overrides } from '../../common/api/calendar';
export type { HomeData } from '../../common/api/home';
export type { LedgerVerifyResult } from '../../common/api/ledger';
export type { Notification, NotificationPage, UnreadCount } from '../../common/api/notifications';
export type { Member, Members, NewMember, Org, OrgPage, OrgPatch as OrgInput } from '../../common/api/orgs';
export type { UserPage, UserWithMemberships as User } from '../../common/api/users';

/** A district of the reference data (GET /districts). */
export interface District {
  code: string;
  zh: string;
  en: string;
}
