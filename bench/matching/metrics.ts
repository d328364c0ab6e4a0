/**
 * Ranking and no-match metrics of the matching benchmark (pure). Grades are 0–3; an achievement
 * is relevant when graded 2 or more (RELEVANT); a missing grade counts 0.
 */
import { RELEVANT } from './devset.js';

export type Grades = ReadonlyMap<string, number>;

/** nDCG@k with exponential gain 2^g − 1 and log2 discount; the ideal ranking is every graded pair sorted. */
export function ndcg(ranked: readonly string[], grades: Grades, k = 10): number {
  const gain = (g: number) => 2 ** g - 1;
  const dcg = ranked.slice(0, k).reduce((s, id, i) => s + gain(grades.get(id) ?? 0) / Math.log2(i + 2), 0);
  const ideal = [...grades.values()]
    .sort((a, b) => b - a)
    .slice(0, k)
    .reduce((s, g, i) => s + gain(g) / Math.log2(i + 2), 0);
  return ideal > 0 ? dcg / ideal : 0;
}

/** Share of the relevant achievements (grade ≥ 2) found in the first k. */
export function recall(ranked: readonly string[], grades: Grades, k = 20): number {
  const relevant = [...grades].filter(([, g]) => g >= RELEVANT).map(([id]) => id);
  if (!relevant.length) return 0;
  const top = new Set(ranked.slice(0, k));
  return relevant.filter((id) => top.has(id)).length / relevant.length;
}

/** 1 / rank of the first relevant achievement within the first k; 0 when none. */
export function reciprocalRank(ranked: readonly string[], grades: Grades, k = 20): number {
  const i = ranked.slice(0, k).findIndex((id) => (grades.get(id) ?? 0) >= RELEVANT);
  return i < 0 ? 0 : 1 / (i + 1);
}

export interface NoMatchCase {
  /** The best score the system gave (0 when it returned nothing). */
  top: number;
  /** True when the demand has no answer in the set. */
  noAnswer: boolean;
}

/** Accuracy and balanced accuracy (mean of the two classes' recall) of predicted "no good match" flags. */
export function agreement(predicted: readonly boolean[], cases: readonly NoMatchCase[]): { accuracy: number; balanced: number } {
  const right = (want: boolean) => cases.filter((c, i) => c.noAnswer === want && predicted[i] === want).length;
  const count = (want: boolean) => cases.filter((c) => c.noAnswer === want).length;
  const recallOf = (want: boolean) => (count(want) ? right(want) / count(want) : 1);
  return { accuracy: cases.length ? (right(true) + right(false)) / cases.length : 0, balanced: (recallOf(true) + recallOf(false)) / 2 };
}

const predict = (cases: readonly NoMatchCase[], threshold: number) => cases.map((c) => c.top < threshold);

/**
 * The threshold that best separates demands without an answer (top score below it) from the
 * others. Candidates are the midpoints between consecutive distinct top scores and one beyond
 * either end; the highest balanced accuracy wins (plain accuracy would favour never saying "no
 * match", since most demands have an answer), then the higher accuracy, then the lower threshold.
 */
export function calibrate(cases: readonly NoMatchCase[]): { threshold: number; accuracy: number; balanced: number } {
  const scores = [...new Set(cases.map((c) => c.top))].sort((a, b) => a - b);
  if (!scores.length) return { threshold: 0, accuracy: 0, balanced: 0 };
  const candidates = [scores[0]! - 1e-9, ...scores.slice(1).map((s, i) => (s + scores[i]!) / 2), scores.at(-1)! + 1e-9];
  let best = { threshold: candidates[0]!, accuracy: -1, balanced: -1 };
  for (const t of candidates) {
    const a = agreement(predict(cases, t), cases);
    if (a.balanced > best.balanced || (a.balanced === best.balanced && a.accuracy > best.accuracy)) best = { threshold: t, ...a };
  }
  return best;
}

/** Each demand judged with a threshold calibrated on all the other demands (leave-one-out). */
export function leaveOneOut(cases: readonly NoMatchCase[]): { accuracy: number; balanced: number } {
  const predicted = cases.map((c, i) => c.top < calibrate(cases.filter((_, j) => j !== i)).threshold);
  return agreement(predicted, cases);
}

/** Calibrated on the odd-numbered demands and judged on the even-numbered ones, and the other way round (pooled). */
export function halfSplit(cases: readonly NoMatchCase[]): { accuracy: number; balanced: number } {
  const half = (k: number) => cases.filter((_, i) => i % 2 === k);
  const tA = calibrate(half(0)).threshold;
  const tB = calibrate(half(1)).threshold;
  return agreement(
    cases.map((c, i) => c.top < (i % 2 === 0 ? tB : tA)),
    cases,
  );
}

export const mean = (xs: readonly number[]) => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : 0);
