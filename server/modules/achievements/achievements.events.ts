import { z } from 'zod';
import { STATUSES, type Status, TRANSFORMATION_MODES, type TransformationMode } from '../../../common/achievements.js';

/**
 * The payloads of achievement events that other modules read, as this module writes them (the
 * lifecycle's `record()` payloads, `contentPayload` of a draft, an edit or an import). Loose: an
 * event carries more than a reader needs; what is named here must have this shape. Readers use
 * `achievementEventFacts` and never look into a payload themselves.
 */
const ContentSchema = z.looseObject({ receivedAmount: z.string().nullish() });
export const AchievementRecordedPayloadSchema = z.looseObject({ status: z.enum(STATUSES), content: ContentSchema.optional() });
export const AchievementDraftedPayloadSchema = z.looseObject({ content: ContentSchema.optional() });
export const AchievementUpdatedPayloadSchema = z.looseObject({ fields: ContentSchema });
export const AchievementCompletedPayloadSchema = z.looseObject({ transformationMode: z.enum(TRANSFORMATION_MODES).nullish(), contractAmount: z.string().nullish() });

/** The event types whose facts `achievementEventFacts` reads. */
export const FACT_EVENT_TYPES = ['achievement.accept', 'achievement.recorded', 'achievement.drafted', 'achievement.updated', 'achievement.complete'] as const;

export interface AchievementEventFacts {
  /** Accepted into the ledger by the office. */
  accepted: boolean;
  /** Entered by import with this status (an import may record a record past review). */
  recordedStatus: Status | null;
  /** The cumulative amount received that the event sets (an edit or the content of a new record). */
  receivedAmount: string | null;
  /** The transformation the event completes. */
  completed: { transformationMode: TransformationMode; contractAmount: string } | null;
}

/** What an achievement event says, typed; an event of another type says nothing. */
export function achievementEventFacts(e: { type: string; payload: unknown }): AchievementEventFacts {
  const facts: AchievementEventFacts = { accepted: e.type === 'achievement.accept', recordedStatus: null, receivedAmount: null, completed: null };
  if (e.type === 'achievement.recorded') {
    const p = AchievementRecordedPayloadSchema.parse(e.payload);
    facts.recordedStatus = p.status;
    facts.receivedAmount = p.content?.receivedAmount ?? null;
  } else if (e.type === 'achievement.drafted') {
    facts.receivedAmount = AchievementDraftedPayloadSchema.parse(e.payload).content?.receivedAmount ?? null;
  } else if (e.type === 'achievement.updated') {
    facts.receivedAmount = AchievementUpdatedPayloadSchema.parse(e.payload).fields.receivedAmount ?? null;
  } else if (e.type === 'achievement.complete') {
    const p = AchievementCompletedPayloadSchema.parse(e.payload);
    facts.completed = { transformationMode: p.transformationMode ?? 'transfer', contractAmount: p.contractAmount ?? '0' };
  }
  return facts;
}
