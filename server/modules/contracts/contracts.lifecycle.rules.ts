import type { ContractStatus } from '../../../common/contracts.js';

/**
 * The contract's lifecycle as a table: for each step, who may take it, from which statuses, and
 * the status it leads to (where fixed). Pure; the lifecycle service checks a step against it
 * before it writes.
 *
 *   draft ⇄ in_publicity ──sign×2──▶ signed ──register──▶ registered
 *                                      └──────activate─────┴──▶ in_force ──complete──▶ completed
 *                                                              └──exit / terminate──▶ terminated
 */

export type ContractSide = 'licensor' | 'licensee' | 'party';

export interface Transition {
  /** Who may take the step: the licensor's office, the licensee firm, or either party. */
  by: ContractSide;
  from: readonly ContractStatus[];
  /** The status after the step; absent when it depends on the step (signatures, publicity). */
  to?: ContractStatus;
  /** Why the step is refused in another status, after "the contract is …". */
  refusal: { zh: string; en: string };
}

export const TRANSITIONS = {
  /** Terms may change until signed; a new plan voids signatures given to the old one (→ draft or in_publicity). */
  setPlan: { by: 'licensor', from: ['draft', 'in_publicity'], refusal: { zh: '条款已锁定，不能修改', en: 'terms are locked' } },
  /** Each party signs once; with both signatures → signed. */
  sign: { by: 'party', from: ['draft', 'in_publicity'], refusal: { zh: '不能再签署', en: 'it can no longer be signed' } },
  /** The registration number granted (技术合同认定登记); a signed contract → registered. */
  register: { by: 'licensor', from: ['signed', 'in_force'], refusal: { zh: '签订后方可登记', en: 'register it after signing' } },
  activate: { by: 'licensor', from: ['signed', 'registered'], to: 'in_force', refusal: { zh: '签订后方可生效履行', en: 'it must be signed first' } },
  complete: { by: 'licensor', from: ['in_force'], to: 'completed', refusal: { zh: '只有履行中的合同可以完成', en: 'only a contract in force can be completed' } },
  exit: { by: 'licensee', from: ['in_force'], to: 'terminated', refusal: { zh: '只有履行中的合同可以终止', en: 'only a contract in force can end' } },
  terminate: { by: 'licensor', from: ['in_force'], to: 'terminated', refusal: { zh: '只有履行中的合同可以终止', en: 'only a contract in force can end' } },
} as const satisfies Record<string, Transition>;
export type ContractStep = keyof typeof TRANSITIONS;

/**
 * Why a step cannot be taken, or null: `forbidden` when the actor is not the side that takes
 * it (checked first), `status` when the contract is in another status.
 */
export function stepRefusal(step: ContractStep, status: ContractStatus, sides: { licensor: boolean; licensee: boolean }): 'forbidden' | 'status' | null {
  const t: Transition = TRANSITIONS[step];
  const allowed = t.by === 'party' ? sides.licensor || sides.licensee : sides[t.by];
  if (!allowed) return 'forbidden';
  if (!t.from.includes(status)) return 'status';
  return null;
}
