import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildQuery,
  buildSynonymIndex,
  type CorpusStats,
  type DocTerms,
  docStats,
  FIT,
  fitFeatures,
  idf,
  NO_GOOD_MATCH_THRESHOLD,
  rank,
  SINGLE_CONCEPT_FACTOR,
  scoreMatch,
  textScore,
} from './match.rules.js';

const syn = buildSynonymIndex(
  [
    { term: '缺氧', expansions: ['溶解氧', '低氧'], weight: 0.9 },
    { term: '鱼', expansions: ['水产养殖', '养殖'], weight: 0.6 },
    { term: '网箱', expansions: ['网箱养殖'], weight: 0.8 },
  ],
  'test.1',
);

const doc = (title: string[], keywords: string[] = [], summary: string[] = [], body: string[] = []): DocTerms => ({ title, keywords, summary, body });

// A firm's words, segmented as jieba does: 网箱 里 鱼 夏天 老 缺氧.
const FIRM = { title: ['网箱', '里', '鱼', '夏天', '老', '缺氧'], body: ['网箱', '里', '鱼', '夏天', '老', '缺氧', '死', '了', '不少'] };

const DO_SENSING = doc(['原位', '荧光', '传感', '网箱', '溶解氧', '监测', '系统'], ['溶解氧', '网箱养殖', '原位', '传感'], ['溶解氧', '传感器', '实时', '监测', '网箱', '低氧', '预警']);
const AERATION_SHIP = doc(['养殖工船', '水体', '循环', '增氧', '系统'], ['养殖工船', '增氧'], ['养殖', '舱', '水体', '循环']);
const WASTEWATER = doc(['污水处理', '溶解氧', '控制', '方法'], ['污水处理', '曝气'], ['市政', '污水', '溶解氧', '曝气', '节能']);

const corpus: CorpusStats = {
  n: 100,
  df: new Map([
    ['网箱', 4],
    ['缺氧', 0],
    ['溶解氧', 6],
    ['低氧', 2],
    ['鱼', 1],
    ['水产养殖', 8],
    ['养殖', 20],
    ['网箱养殖', 3],
    ['夏天', 0],
  ]),
  avgLen: { title: 6, keywords: 3, summary: 20, body: 20 },
};

const noFacts = { fieldCode: null, budget: null, regions: [], cooperationModes: [] };
const listing = (over: Partial<Parameters<typeof fitFeatures>[1]> = {}) => ({
  fieldCode: 'MAR-EQP',
  subfieldCode: 'MAR-EQP-03',
  trl: 7,
  askingPrice: '800000.00',
  district: '370212',
  cooperationModes: ['license'],
  ...over,
});

describe('buildQuery', () => {
  it('drops filler words and lone characters, keeps the longer of nested words, adds synonyms forward', () => {
    const groups = buildQuery(FIRM, syn, 'forward');
    expect(groups.map((g) => g.term)).toEqual(['网箱', '鱼', '夏天', '缺氧']);
    const que = groups.find((g) => g.term === '缺氧')!;
    expect(que.weight).toBe(1.5);
    expect(que.alternatives).toEqual([
      { term: '缺氧', factor: 1, via: 'exact' },
      { term: '溶解氧', factor: 0.9, via: 'synonym' },
      { term: '低氧', factor: 0.9, via: 'synonym' },
    ]);
    expect(buildQuery({ title: ['溶解', '溶解氧'], body: [] }, syn, 'forward').map((g) => g.term)).toEqual(['溶解氧']);
  });

  it('maps technical terms back to firms’ words in reverse', () => {
    const groups = buildQuery({ title: ['溶解氧'], body: [] }, syn, 'reverse');
    expect(groups[0]!.alternatives.map((a) => a.term)).toEqual(['溶解氧', '缺氧']);
  });
});

describe('textScore (BM25F share of the query)', () => {
  const groups = buildQuery(FIRM, syn, 'forward');

  it('ranks in-situ dissolved-oxygen sensing over the aeration ship and wastewater, and explains the synonyms', () => {
    const a = textScore(groups, docStats(DO_SENSING), corpus);
    const b = textScore(groups, docStats(AERATION_SHIP), corpus);
    const c = textScore(groups, docStats(WASTEWATER), corpus);
    expect(a.score).toBeGreaterThan(c.score);
    expect(a.score).toBeGreaterThan(b.score);
    expect(a.score).toBeGreaterThanOrEqual(NO_GOOD_MATCH_THRESHOLD);
    expect(a.terms.find((t) => t.term === '缺氧')).toMatchObject({ matched: '溶解氧', via: 'synonym' });
    expect(a.unmatched).toContain('夏天');
    // Contributions add up to the score (below the cap of 1).
    expect(a.terms.reduce((s, t) => s + t.contribution, 0)).toBeCloseTo(a.score, 3);
    expect(a.score).toBeLessThan(1);
  });

  it('is 0 when no word of the query is in the corpus', () => {
    const g = buildQuery({ title: ['直播', '带货'], body: [] }, syn, 'forward');
    expect(textScore(g, docStats(DO_SENSING), corpus)).toEqual({ score: 0, terms: [], unmatched: ['直播', '带货'], concepts: { covered: 0, of: 2, share: 0 } });
  });

  it('one concept of several is not a match, however rare its word: the feeding model of the same cages stays under the threshold', () => {
    const feeding = doc(['网箱', '投喂', '模型'], ['网箱', '投喂'], ['网箱', '花鲈', '投喂', '饲料', '模型']);
    const s = textScore(groups, docStats(feeding), corpus);
    expect(s.concepts).toMatchObject({ covered: 1, of: 4 });
    expect(s.score).toBeLessThan(NO_GOOD_MATCH_THRESHOLD);
    expect(s.score).toBeLessThanOrEqual(SINGLE_CONCEPT_FACTOR);
    // The dissolved-oxygen sensor covers the cage and the oxygen: two concepts, a match.
    expect(textScore(groups, docStats(DO_SENSING), corpus).concepts.covered).toBeGreaterThanOrEqual(2);
  });

  it('a one-concept query is judged on that concept alone', () => {
    const g = buildQuery({ title: ['溶解氧'], body: [] }, syn, 'forward');
    const s = textScore(g, docStats(DO_SENSING), corpus);
    expect(s.concepts).toEqual({ covered: 1, of: 1, share: 1 });
    expect(s.score).toBeGreaterThanOrEqual(NO_GOOD_MATCH_THRESHOLD);
  });

  it('a title occurrence counts more than the same word in the body', () => {
    const g = buildQuery({ title: ['溶解氧'], body: [] }, syn, 'forward');
    const filler = Array.from({ length: 19 }, (_, i) => `词${i}`);
    const inTitle = textScore(g, docStats(doc(['溶解氧', '仪'], [], [], ['测量', ...filler])), corpus).score;
    const inBody = textScore(g, docStats(doc(['测量', '仪'], [], [], ['溶解氧', ...filler])), corpus).score;
    expect(inTitle).toBeGreaterThan(inBody);
  });

  it('property: the score is within 0..1 and never falls when the document gains a query word', () => {
    const words = ['网箱', '溶解氧', '低氧', '养殖', '水产养殖', '其他', '系统'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...words), { maxLength: 12 }), fc.constantFrom(...words), (body, extra) => {
        const base = textScore(groups, docStats(doc(['系统'], [], [], body)), corpus).score;
        const more = textScore(groups, docStats(doc(['系统'], [], [], [...body, extra])), corpus).score;
        expect(base).toBeGreaterThanOrEqual(0);
        expect(base).toBeLessThanOrEqual(1);
        // A longer body normalises a little: allow that, but a query word never costs more than that.
        if (groups.some((g) => g.alternatives.some((a) => a.term === extra))) expect(more).toBeGreaterThanOrEqual(base - 0.05);
      }),
    );
  });
});

describe('structured fit', () => {
  it('field, TRL, price vs budget, region and cooperation each add or take off a fixed amount, and say why', () => {
    const fit = fitFeatures({ fieldCode: 'MAR-EQP-03', budget: '1000000.00', regions: ['370212'], cooperationModes: ['license'] }, listing());
    expect(fit.map((f) => [f.feature, f.contribution])).toEqual([
      ['field', FIT.fieldSame],
      ['trl', FIT.trlMature],
      ['price', FIT.priceWithinBudget],
      ['region', FIT.regionSame],
      ['cooperation', FIT.cooperationOverlap],
    ]);
    expect(fit[2]!.zh).toContain('预算');
  });

  it('penalises a different field, research-stage TRL, a price above 1.5 × the budget, and no common cooperation mode', () => {
    const fit = fitFeatures({ fieldCode: 'BIO', budget: '100000.00', regions: ['370202'], cooperationModes: ['transfer'] }, listing({ trl: 2, askingPrice: '150000.01' }));
    expect(fit.map((f) => [f.feature, f.contribution])).toEqual([
      ['field', FIT.fieldDifferent],
      ['trl', FIT.trlEarly],
      ['price', FIT.priceOverBudget],
      ['cooperation', FIT.cooperationNone],
    ]);
    // Exactly 1.5 × the budget is tolerated (no price item).
    expect(fitFeatures({ ...noFacts, budget: '100000.00' }, listing({ askingPrice: '150000.00', trl: null })).length).toBe(0);
  });

  it('price 面议 (none) and no budget say nothing about price', () => {
    expect(fitFeatures({ ...noFacts, budget: '100.00' }, listing({ askingPrice: null, trl: null }))).toEqual([]);
    expect(fitFeatures(noFacts, listing({ trl: null }))).toEqual([]);
  });

  it('no text match means no fit bonus either, and the score is clamped to 0..1', () => {
    const g = buildQuery({ title: ['直播'], body: [] }, syn, 'forward');
    const s = scoreMatch(g, docStats(DO_SENSING), corpus, { fieldCode: 'MAR-EQP', budget: '1000000.00', regions: [], cooperationModes: [] }, listing(), 'v');
    expect(s.score).toBe(0);
    expect(s.explanation.fit).toEqual([]);
    expect(s.explanation.threshold).toBe(NO_GOOD_MATCH_THRESHOLD);
  });
});

describe('rank', () => {
  it('sorts by score then id, cuts to the limit, and says noGoodMatch below the threshold', () => {
    const r = rank(
      [
        { id: 'b', score: 0.5 },
        { id: 'a', score: 0.5 },
        { id: 'c', score: 0.9 },
      ],
      2,
    );
    expect(r.items.map((x) => x.id)).toEqual(['c', 'a']);
    expect(r.noGoodMatch).toBe(false);
    expect(rank([{ id: 'x', score: NO_GOOD_MATCH_THRESHOLD - 0.01 }], 5).noGoodMatch).toBe(true);
    expect(rank([], 5).noGoodMatch).toBe(true);
  });

  it('idf falls as a word gets common', () => {
    expect(idf(100, 1)).toBeGreaterThan(idf(100, 50));
    expect(idf(100, 100)).toBeGreaterThan(0);
  });
});
