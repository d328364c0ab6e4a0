import fs from 'node:fs';
import { businessDateOf } from '../../../common/calendar.js';
import type { TxCtx } from '../../lib/context.js';
import { parseImportFile, planItems, writeImport } from '../achievements/index.js';

const DEMO_FILE = new URL('./achievements.jsonl', import.meta.url);

/**
 * The demo university's ledger (achievements.jsonl), imported through the ledger importer with
 * publishing: the rows the file marks public (all with a TRL) go to the market.
 */
export async function seedDemoAchievements(tx: TxCtx, organisationId: string, creditCode: string): Promise<number> {
  const parsed = await parseImportFile('jsonl', fs.readFileSync(DEMO_FILE), { orgCreditCode: creditCode, today: businessDateOf(tx.now) });
  const errors = parsed.issues.filter((i) => i.level === 'error');
  if (errors.length) throw new Error(`demo achievements.jsonl: ${errors.map((e) => `line ${e.row} ${e.column}: ${e.en}`).join('; ')}`);
  const items = planItems(parsed, { publish: true, format: 'jsonl' });
  // Recorded the day before the rest of the demo: what people create afterwards lists first.
  const dayBefore = { ...tx, now: new Date(tx.now.getTime() - 24 * 60 * 60 * 1000) };
  return (await writeImport(dayBefore, organisationId, items)).length;
}
