import { describe, expect, it } from 'vitest';
import { achievementId, loadDevSet } from '../bench/matching/devset.js';
import { isDistrictCode } from '../common/districts.js';
import { FIELDS, isSubfieldOf } from '../common/taxonomy.js';
import { rawFromJsonLine, readRecord } from '../server/modules/achievements/achievements.exchange.rules.js';

// The matcher's development set (bench/matching/data) is well formed: counts, references, fields, importable rows.
const set = loadDevSet();

describe('matching development set', () => {
  it('has at least 150 achievements and 50 demands, with unique ids and titles', () => {
    expect(set.achievements.length).toBeGreaterThanOrEqual(150);
    expect(set.demands.length).toBeGreaterThanOrEqual(50);
    expect(new Set(set.achievements.map((a) => a.number)).size).toBe(set.achievements.length);
    expect(new Set(set.achievements.map((a) => a.title)).size).toBe(set.achievements.length);
    expect(new Set(set.demands.map((d) => d.id)).size).toBe(set.demands.length);
  });

  it('covers every field of the taxonomy, marine fields most', () => {
    const byField = new Map<string, number>();
    for (const a of set.achievements) byField.set(a.fieldCode, (byField.get(a.fieldCode) ?? 0) + 1);
    for (const f of FIELDS) expect(byField.get(f.code) ?? 0, f.code).toBeGreaterThan(0);
    const marine = set.achievements.filter((a) => a.fieldCode.startsWith('MAR-')).length;
    expect(marine / set.achievements.length).toBeGreaterThan(0.4);
    for (const a of set.achievements) expect(isSubfieldOf(a.subfieldCode, a.fieldCode), a.number).toBe(true);
  });

  it('grades 0–3 only pairs of existing demands and achievements, once each', () => {
    const ids = new Set(set.achievements.map(achievementId));
    const demands = new Set(set.demands.map((d) => d.id));
    let pairs = 0;
    for (const [demand, grades] of set.qrels) {
      expect(demands.has(demand), demand).toBe(true);
      for (const [achievement, grade] of grades) {
        pairs++;
        expect(ids.has(achievement), `${demand} → ${achievement}`).toBe(true);
        expect([0, 1, 2, 3]).toContain(grade);
      }
    }
    expect(pairs).toBeGreaterThan(150);
    for (const d of set.demands) expect(set.qrels.has(d.id), `${d.id} has no grades`).toBe(true);
  });

  it('has at least 8 demands without an answer, and distractors graded 0 or 1 for most demands', () => {
    const unanswerable = set.demands.filter((d) => !set.answerable(d.id));
    expect(unanswerable.length).toBeGreaterThanOrEqual(8);
    const withDistractors = set.demands.filter((d) => [...set.qrels.get(d.id)!.values()].some((g) => g <= 1));
    expect(withDistractors.length / set.demands.length).toBeGreaterThan(0.5);
  });

  it('demands are plain and mostly leave the field open; some name a budget or region', () => {
    expect(set.demands.filter((d) => !d.fieldCode).length / set.demands.length).toBeGreaterThan(0.8);
    expect(set.demands.some((d) => d.budget)).toBe(true);
    expect(set.demands.some((d) => d.region)).toBe(true);
    for (const d of set.demands) {
      expect(d.title.length).toBeGreaterThanOrEqual(2);
      if (d.fieldCode) expect(FIELDS.some((f) => f.code === d.fieldCode)).toBe(true);
      if (d.budget) expect(d.budget).toMatch(/^\d+\.\d{2}$/);
      if (d.region) expect(isDistrictCode(d.region), d.region).toBe(true);
    }
  });

  it('every achievement row passes the importer row validation, public with a TRL', () => {
    const lines = set.achievementsRaw.split('\n').filter((l) => l.trim());
    lines.forEach((line, i) => {
      const { raw, issue } = rawFromJsonLine(line, i + 1);
      expect(issue).toBeNull();
      const { record, issues } = readRecord(raw!, i + 1, 'jsonl', { orgCreditCode: '', today: '2026-11-28' });
      expect(
        issues.filter((x) => x.level === 'error'),
        `line ${i + 1}`,
      ).toEqual([]);
      expect(record?.visibility).toBe('public');
      expect(record?.content.trl).toBeGreaterThanOrEqual(1);
    });
  });
});
