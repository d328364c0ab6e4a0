import { parseArgs } from 'node:util';
import { normalizeCreditCode } from '../../../common/credit-code.js';
import type { Db } from '../../db/client.js';
import { reconcileReceipts } from './distribution.receipts.js';

/** `keqiao distribution reconcile [--org CREDIT_CODE]`: the repair command for receipts without a distribution. */

interface Io {
  openDb: () => Promise<Db>;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  now: () => Date;
}

export async function reconcileDistributions(args: string[], io: Io): Promise<number> {
  const { values } = parseArgs({ args, options: { org: { type: 'string' } } });
  const db = await io.openDb();
  try {
    let organisationId: string | undefined;
    let scope = '所有机构 / every institution';
    if (values.org) {
      const { rows } = await db.query<{ id: string; name: string }>('select id, name from organisations where credit_code = $1', [normalizeCreditCode(values.org)]);
      if (!rows[0]) {
        io.stderr.write(`没有统一社会信用代码为 ${values.org} 的机构 / no organisation has the credit code ${values.org}\n`);
        return 1;
      }
      organisationId = rows[0].id;
      scope = rows[0].name;
    }
    const now = io.now();
    const result = await db.transaction((tx) => reconcileReceipts({ db: tx, actor: null, now, locale: 'zh-CN', requestId: 'cli', ip: null }, organisationId));
    io.stdout.write(`${scope}：到账 ${result.receipts} 笔，补建分配 ${result.created} 笔 / ${result.receipts} receipts, ${result.created} distributions created\n`);
    return 0;
  } finally {
    await db.close();
  }
}
