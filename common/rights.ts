/**
 * The vocabulary of ownership grants, agreed proceeds and rectification (measure 2), shared by
 * the server's rules and the web app.
 */

export const GRANT_STATUSES = ['submitted', 'dept_checked', 'in_publicity', 'approved', 'agreement_signed', 'recorded', 'returned', 'rejected', 'withdrawn'] as const;
export type GrantStatus = (typeof GRANT_STATUSES)[number];

export const GRANT_ACTIONS = ['resubmit', 'withdraw', 'dept_check', 'dept_return', 'office_review', 'office_return', 'reject', 'approve', 'sign_agreement', 'record_change'] as const;
export type GrantAction = (typeof GRANT_ACTIONS)[number];

export const GRANT_KINDS = ['ownership', 'use_right'] as const;
export type GrantKind = (typeof GRANT_KINDS)[number];

export const CORPORATE_EVENT_KINDS = ['bonus_shares', 'dividend', 'partial_sale', 'ipo', 'full_transfer'] as const;
export type CorporateEventKind = (typeof CORPORATE_EVENT_KINDS)[number];

/** Prices per share may carry up to 4 decimals (listed prices often do); amounts are money. */
export const PRICE_PATTERN = /^(?:0|[1-9]\d{0,11})(?:\.\d{1,4})?$/;

export const RECTIFICATION_STATUSES = ['open', 'decided', 'arranged'] as const;
export type RectificationStatus = (typeof RECTIFICATION_STATUSES)[number];
