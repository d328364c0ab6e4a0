import { expect } from 'vitest';
import type { Role } from '../../common/roles.js';
import type { Actor } from '../../server/lib/context.js';
import type { AchievementRow } from '../../server/modules/achievements/achievements.service.js';
import type { TestClient } from './app.js';

/** A valid disclosure body; override any field. */
export const sampleAchievement = (over: Record<string, unknown> = {}) => ({
  title: '基于原位溶解氧传感的深远海网箱养殖监测系统',
  summary: '采用荧光猝灭原理的原位溶解氧传感器，实时监测网箱内溶解氧，夏季低氧预警。',
  keywords: ['溶解氧', '网箱养殖', '传感器'],
  fieldCode: 'MAR-EQP',
  subfieldCode: 'MAR-EQP-03',
  ipType: 'patent_invention',
  cooperationModes: ['license', 'use_first_pay_later'],
  askingPrice: '500000.00',
  completers: [
    { name: '王海洋', share: '60' },
    { name: '刘波', share: '40' },
  ],
  ...over,
});

export async function orgOf(client: TestClient) {
  return (await client.request('GET', '/api/v1/me')).json().memberships[0].organisationId as string;
}

/** A public achievement of the office's institution (one completer, TRL 6), as the office publishes it. */
export async function publicAchievement(office: TestClient, title: string) {
  const orgId = await orgOf(office);
  const a = (await office.request('POST', `/api/v1/orgs/${orgId}/achievements`, sampleAchievement({ title, completers: [{ name: '王海洋', share: '100' }] }))).json();
  for (const step of ['submit', 'accept']) await office.request('POST', `/api/v1/achievements/${a.id}/${step}`);
  await office.request('POST', `/api/v1/achievements/${a.id}/assess`, { trl: 6 });
  expect((await office.request('POST', `/api/v1/achievements/${a.id}/publish`)).statusCode).toBe(200);
  return a.id as string;
}

/** Two institutions' ids for pure rule tests. */
export const ORG_A = '00000000-0000-4000-8000-000000000001';
export const ORG_B = '00000000-0000-4000-8000-000000000002';

/** A signed-in person with these memberships, for pure rule tests. */
export const testActor = (userId: string, ...roles: [string, Role][]): Actor => ({
  userId,
  name: userId,
  via: 'session',
  tokenId: null,
  sessionIdHash: null,
  csrfToken: null,
  scopes: [],
  memberships: roles.map(([organisationId, role]) => ({ membershipId: null, organisationId, organisationKind: 'university', organisationName: '', creditCode: '', role })),
});

/** An achievement row (a draft of ORG_A) for pure rule tests; override any column. */
export const achievementRow = (over: Partial<AchievementRow> = {}): AchievementRow => ({
  id: 'a',
  number: 'QD-2026-000001',
  organisation_id: ORG_A,
  created_by: 'creator',
  title: '深远海网箱溶解氧监测系统',
  title_en: null,
  summary: '',
  summary_en: null,
  problem: '',
  benefit: '',
  keywords: [],
  field_code: 'MAR-EQP',
  subfield_code: null,
  ip_type: 'patent_invention',
  ip_numbers: [],
  ip_status: '',
  authorised: true,
  source_project: '',
  source_project_no: '',
  funding_type: 'fiscal',
  attribute: 'applied',
  trl: null,
  trl_notes: '',
  ownership_unit_pct: '100.00',
  ownership_team_pct: '0.00',
  status: 'draft',
  transformation_status: 'not_transformed',
  transformation_mode: null,
  pricing_method: null,
  asking_price: null,
  agreed_price: null,
  cooperation_modes: [],
  contract_amount: '0.00',
  received_amount: '0.00',
  maintenance_costs: '0.00',
  tech_contract_reg_no: '',
  visibility: 'internal',
  published_at: null,
  disclosed_at: null,
  transformed_at: null,
  created_at: new Date('2026-01-05T02:00:00Z'),
  updated_at: new Date('2026-01-05T02:00:00Z'),
  version: 1,
  ...over,
});
