import { type Action, PUBLICITY_MIN_DAYS, STATUS_AFTER_DEAL, STATUS_LABELS, stageOfTrl, TRANSITIONS, type TransformationMode, type TransitionRule } from '../../../common/achievements.js';
import type { FilingInput } from '../../../common/api/achievements.js';
import { addDays, type BusinessDate, compareDates, diffDays } from '../../../common/calendar.js';
import { AppError, fieldError, ruleViolation } from '../../lib/errors.js';
import type { AchievementRow } from './achievements.service.js';

/**
 * The lifecycle of an achievement as a table: for each action, the statuses it starts from, who
 * performs it, the status it leads to (common/achievements.ts TRANSITIONS) and what it records —
 * the columns it sets, its ledger payload and the filing or publicity it opens or closes. One
 * function, transition() in achievements.lifecycle.ts, runs every row of it. No I/O here.
 */

/** The body of an action's route: only the fields that action reads are set (protect: the filing's). */
export interface TransitionInput extends Partial<FilingInput> {
  reason?: string | undefined;
  trl?: number | undefined;
  notes?: string | undefined;
  attribute?: string | undefined;
  pricingMethod?: string | undefined;
  agreedPrice?: string | null | undefined;
  askingPrice?: string | null | undefined;
  startsOn?: string | undefined;
  endsOn?: string | undefined;
  objectionContact?: string | undefined;
  transformationMode?: TransformationMode | undefined;
  contractAmount?: string | undefined;
  techContractRegNo?: string | undefined;
  note?: string | undefined;
}

/** The running publicity window of the agreed price. */
export interface RunningPublicity {
  id: string;
  price: string;
  starts_on: string;
  ends_on: string;
}

/** What a step sees: the record before it, the caller's input, the day and the running publicity. */
export interface StepContext {
  row: AchievementRow;
  input: TransitionInput;
  now: Date;
  today: BusinessDate;
  /** The id of the filing or publicity window the step creates. */
  newId: string;
  publicity: RunningPublicity | null;
  openObjections: number;
}

/** What a step records beside the new status. */
export interface StepRecord {
  /** Columns of the achievement, by name. */
  sets?: Record<string, unknown>;
  /** The ledger event's payload beyond `{ from, to }`. */
  payload?: Record<string, unknown>;
  filing?: { id: string; ipType: string; applicationNo: string; filedOn: BusinessDate; grantedOn: BusinessDate | null; nextAnnuityDue: BusinessDate | null };
  openPublicity?: { id: string; price: string; startsOn: BusinessDate; endsOn: BusinessDate; objectionContact: string };
  closePublicity?: { id: string; status: 'cancelled' | 'passed' };
}

export interface LifecycleStep extends TransitionRule {
  /** The step needs the running publicity window (and the count of its open objections). */
  readsPublicity?: boolean;
  /** What it records; throws when the step's own rules refuse the input. */
  record?: (c: StepContext) => StepRecord;
}

export const LIFECYCLE: Record<Action, LifecycleStep> = {
  submit: { ...TRANSITIONS.submit, record: ({ row, now }) => ({ sets: row.disclosed_at ? {} : { disclosed_at: now } }) },
  withdraw: TRANSITIONS.withdraw,
  accept: TRANSITIONS.accept,
  return: TRANSITIONS.return,
  assess: {
    ...TRANSITIONS.assess,
    record: ({ input }) => ({
      sets: { trl: input.trl, trl_notes: input.notes ?? '', ...(input.attribute ? { attribute: input.attribute } : {}) },
      payload: { trl: input.trl, stage: stageOfTrl(input.trl!), notes: input.notes ?? '' },
    }),
  },
  protect: {
    ...TRANSITIONS.protect,
    record: ({ row, input, today, newId }) => {
      const f = { ipType: input.ipType!, applicationNo: input.applicationNo! };
      const filing = { id: newId, ...f, filedOn: input.filedOn ?? today, grantedOn: input.grantedOn ?? null, nextAnnuityDue: input.nextAnnuityDue ?? null };
      return {
        filing,
        sets: { ip_numbers: [...new Set([...row.ip_numbers, f.applicationNo])], ...(filing.grantedOn ? { authorised: true } : {}) },
        payload: { filing: { ipType: filing.ipType, applicationNo: filing.applicationNo, filedOn: filing.filedOn, grantedOn: filing.grantedOn, nextAnnuityDue: filing.nextAnnuityDue } },
      };
    },
  },
  price: {
    ...TRANSITIONS.price,
    record: ({ row, input }) => {
      if (input.pricingMethod === 'agreement' && !input.agreedPrice) {
        throw fieldError('body.agreedPrice', '协议定价须填写协议价格', 'an agreed price is required for 协议定价');
      }
      const agreedPrice = input.pricingMethod === 'agreement' ? input.agreedPrice : null;
      return {
        sets: { pricing_method: input.pricingMethod, agreed_price: agreedPrice, ...(input.askingPrice !== undefined ? { asking_price: input.askingPrice } : {}) },
        payload: { pricingMethod: input.pricingMethod, agreedPrice: agreedPrice ?? null, askingPrice: input.askingPrice ?? row.asking_price },
      };
    },
  },
  start_publicity: {
    ...TRANSITIONS.start_publicity,
    record: ({ row, input, today, newId }) => {
      if (row.pricing_method !== 'agreement' || !row.agreed_price) {
        throw ruleViolation('只有协议定价需要公示；请先以“协议定价”定价', 'Only an agreed price goes through publicity; set an agreed price first');
      }
      const startsOn = input.startsOn ?? today;
      const endsOn = input.endsOn ?? addDays(startsOn, PUBLICITY_MIN_DAYS - 1);
      if (compareDates(startsOn, today) < 0) throw fieldError('body.startsOn', '公示开始日期不能早于今天', 'publicity cannot start in the past');
      const days = diffDays(startsOn, endsOn) + 1;
      if (days < PUBLICITY_MIN_DAYS) {
        throw fieldError(
          'body.endsOn',
          `协议定价公示期不少于 ${PUBLICITY_MIN_DAYS} 日（国发〔2016〕16号；促进科技成果转化法第十八条），现为 ${days} 日`,
          `publicity of an agreed price lasts at least ${PUBLICITY_MIN_DAYS} days (Law Art. 18); this is ${days}`,
        );
      }
      return {
        openPublicity: { id: newId, price: row.agreed_price, startsOn, endsOn, objectionContact: input.objectionContact ?? '' },
        payload: { publicityId: newId, price: row.agreed_price, startsOn, endsOn, days },
      };
    },
  },
  cancel_publicity: {
    ...TRANSITIONS.cancel_publicity,
    readsPublicity: true,
    record: ({ publicity }) => ({
      ...(publicity ? { closePublicity: { id: publicity.id, status: 'cancelled' as const } } : {}),
      payload: { publicityId: publicity?.id ?? null },
    }),
  },
  decide: {
    ...TRANSITIONS.decide,
    readsPublicity: true,
    record: ({ row, input, today, publicity, openObjections }) => {
      if (row.status === 'priced' && row.pricing_method === 'agreement') {
        throw ruleViolation('协议定价须先完成不少于 15 日的公示', 'An agreed price must first go through at least 15 days of publicity');
      }
      const passed: StepRecord = {};
      if (row.status === 'in_publicity') {
        const p = publicity;
        if (!p) throw ruleViolation('没有进行中的公示', 'There is no running publicity');
        if (compareDates(today, p.ends_on) <= 0) {
          throw ruleViolation(`公示期至 ${p.ends_on} 结束，期满后方可决定转化`, `The publicity runs until ${p.ends_on}; decide after it ends`);
        }
        if (openObjections > 0) {
          throw ruleViolation(`公示期内有 ${openObjections} 项异议尚未处理，处理后方可签约`, `${openObjections} objection(s) raised in the publicity are unresolved; resolve them before signing`);
        }
        passed.closePublicity = { id: p.id, status: 'passed' };
        passed.payload = { publicityId: p.id };
      }
      return {
        ...passed,
        sets: { transformation_mode: input.transformationMode, transformation_status: 'under_negotiation' },
        payload: { ...passed.payload, transformationMode: input.transformationMode, note: input.note ?? '' },
      };
    },
  },
  complete: {
    ...TRANSITIONS.complete,
    record: ({ row, input, now }) => {
      const mode = row.transformation_mode as TransformationMode;
      const transformationStatus = STATUS_AFTER_DEAL[mode];
      return {
        sets: {
          transformation_status: transformationStatus,
          contract_amount: input.contractAmount,
          ...(input.techContractRegNo ? { tech_contract_reg_no: input.techContractRegNo } : {}),
          transformed_at: now,
        },
        payload: { transformationMode: mode, transformationStatus, contractAmount: input.contractAmount, techContractRegNo: input.techContractRegNo ?? '' },
      };
    },
  },
  reopen: { ...TRANSITIONS.reopen, record: () => ({ sets: { transformation_status: 'not_transformed', transformation_mode: null } }) },
  dispose: {
    ...TRANSITIONS.dispose,
    record: ({ row }) => ({
      sets: { ...(row.status !== 'transformed' ? { transformation_status: 'abandoned' } : {}), visibility: row.visibility === 'public' ? 'internal' : row.visibility },
    }),
  },
};

/** Refuses an action the record's status does not allow, naming both. */
export function refuseFrom(row: Pick<AchievementRow, 'status'>, action: Action): AppError | null {
  const step = LIFECYCLE[action];
  if (step.from.includes(row.status)) return null;
  const from = STATUS_LABELS[row.status];
  return new AppError('CONFLICT', {
    params: { detail: `成果当前状态为“${from.zh}”，不能执行“${step.zh}”`, detailEn: `cannot ${step.en.toLowerCase()} an achievement that is ${from.en.toLowerCase()}` },
  });
}

/** The whole record of one step: the new status first, then the step's own columns and payload. */
export function stepRecord(action: Action, c: StepContext): Required<Pick<StepRecord, 'sets' | 'payload'>> & StepRecord {
  const step = LIFECYCLE[action];
  const own = step.record?.(c) ?? {};
  return { ...own, sets: { status: step.to, ...own.sets }, payload: { from: c.row.status, to: step.to, ...own.payload } };
}
