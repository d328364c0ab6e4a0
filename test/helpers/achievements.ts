import { expect } from 'vitest';
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
