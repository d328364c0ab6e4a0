/**
 * The labelled development set of the matcher (bench/matching/data, grading guideline in
 * bench/matching/README.md): achievements in the ledger's JSON Lines import format, demands as
 * firms write them, and graded relevance 0–3 per (demand, achievement) pair.
 */
import fs from 'node:fs';
import path from 'node:path';

export const DATA = path.join(import.meta.dirname, 'data');

export interface DevAchievement {
  number: string;
  title: string;
  summary: string;
  problem?: string;
  benefit?: string;
  keywords: string[];
  fieldCode: string;
  subfieldCode: string;
  ipType: string;
  trl: number;
  cooperationModes: string[];
  askingPrice: string | null;
  [key: string]: unknown;
}

export interface DevDemand {
  id: string;
  title: string;
  description: string;
  fieldCode?: string;
  budget?: string;
  region?: string;
}

/** Relevant means graded 2 or 3 (solves the problem, possibly with a gap); 1 is related only. */
export const RELEVANT = 2;

export const achievementId = (a: DevAchievement) => a.number.replace(/^DEV-/, '');

const jsonl = <T>(file: string): T[] =>
  fs
    .readFileSync(path.join(DATA, file), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);

export function loadDevSet() {
  const achievementsRaw = fs.readFileSync(path.join(DATA, 'achievements.jsonl'), 'utf8');
  const achievements = jsonl<DevAchievement>('achievements.jsonl');
  const demands = jsonl<DevDemand>('demands.jsonl');
  const qrels = new Map<string, Map<string, number>>();
  const lines = fs.readFileSync(path.join(DATA, 'qrels.tsv'), 'utf8').split('\n').slice(1);
  for (const line of lines) {
    if (!line.trim()) continue;
    const [demand, achievement, grade] = line.split('\t');
    if (!qrels.has(demand!)) qrels.set(demand!, new Map());
    qrels.get(demand!)!.set(achievement!, Number(grade));
  }
  /** A demand has an answer when some achievement is graded 2 or more. */
  const answerable = (demandId: string) => [...(qrels.get(demandId)?.values() ?? [])].some((g) => g >= RELEVANT);
  return { achievementsRaw, achievements, demands, qrels, answerable };
}
