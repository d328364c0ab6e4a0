import type { Timeline } from '../../common/timeline.js';
import type { Queryable } from '../db/client.js';
import { readStream } from './ledger.js';

/** Every event of a ledger stream, oldest first, in the timeline shape of common/timeline.ts. */
export async function streamTimeline(db: Queryable, stream: string): Promise<Timeline> {
  const events = await readStream(db, stream);
  return { items: events.map((e) => ({ seq: e.seq, type: e.type, at: e.occurredAt.toISOString(), actorUserId: e.actorUserId, reason: e.reason, payload: e.payload })) };
}
