import { describe, expect, it } from 'vitest';
import { achievementRow } from '../../../test/helpers/achievements.js';
import { AppError } from '../../lib/errors.js';
import { LIFECYCLE, refuseFrom, type StepContext, stepRecord } from './achievements.lifecycle.rules.js';

describe('the lifecycle table', () => {
  const at = (over: Partial<StepContext> = {}): StepContext => ({
    row: achievementRow(),
    input: {},
    now: new Date('2026-03-02T02:00:00Z'),
    today: '2026-03-02',
    newId: 'new',
    publicity: null,
    openObjections: 0,
    ...over,
  });

  it('refuses an action from a status the table does not list, naming both', () => {
    expect(refuseFrom(achievementRow({ status: 'disclosed' }), 'accept')).toBeNull();
    const refused = refuseFrom(achievementRow({ status: 'draft' }), 'accept');
    expect(refused).toBeInstanceOf(AppError);
    expect(refused?.params).toMatchObject({ detailEn: 'cannot accept an achievement that is draft' });
  });

  it('records the new status first, then what the step sets and its payload', () => {
    const rec = stepRecord('assess', at({ row: achievementRow({ status: 'accepted' }), input: { trl: 6, notes: '中试' } }));
    expect(rec.sets).toEqual({ status: 'assessed', trl: 6, trl_notes: '中试' });
    expect(rec.payload).toEqual({ from: 'accepted', to: 'assessed', trl: 6, stage: 'development', notes: '中试' });
  });

  it('opens a filing on protection and marks the record authorised when granted', () => {
    const rec = stepRecord('protect', at({ row: achievementRow({ status: 'assessed', ip_numbers: ['CN1'] }), input: { ipType: 'patent_invention', applicationNo: 'CN2', grantedOn: '2026-02-01' } }));
    expect(rec.filing).toEqual({ id: 'new', ipType: 'patent_invention', applicationNo: 'CN2', filedOn: '2026-03-02', grantedOn: '2026-02-01', nextAnnuityDue: null });
    expect(rec.sets).toEqual({ status: 'protected', ip_numbers: ['CN1', 'CN2'], authorised: true });
  });

  it('holds an agreed price to at least 15 days of publicity, then to a closed window without open objections', () => {
    const priced = achievementRow({ status: 'priced', pricing_method: 'agreement', agreed_price: '800000.00' });
    expect(() => stepRecord('start_publicity', at({ row: priced, input: { endsOn: '2026-03-10' } }))).toThrow(AppError);
    expect(stepRecord('start_publicity', at({ row: priced })).openPublicity).toEqual({ id: 'new', price: '800000.00', startsOn: '2026-03-02', endsOn: '2026-03-16', objectionContact: '' });
    expect(() => stepRecord('decide', at({ row: priced, input: { transformationMode: 'license' } }))).toThrow(AppError);

    const inPublicity = { ...priced, status: 'in_publicity' as const };
    const publicity = { id: 'p', price: '800000.00', starts_on: '2026-03-02', ends_on: '2026-03-16' };
    const decide = (today: string, openObjections: number) => () => stepRecord('decide', at({ row: inPublicity, today, publicity, openObjections, input: { transformationMode: 'license' } }));
    expect(decide('2026-03-16', 0)).toThrow(AppError);
    expect(decide('2026-03-17', 1)).toThrow(AppError);
    expect(decide('2026-03-17', 0)()).toMatchObject({
      closePublicity: { id: 'p', status: 'passed' },
      sets: { status: 'transforming', transformation_mode: 'license', transformation_status: 'under_negotiation' },
      payload: { from: 'in_publicity', to: 'transforming', publicityId: 'p', transformationMode: 'license', note: '' },
    });
  });

  it('asks for a reason on the steps that need one', () => {
    expect(
      Object.entries(LIFECYCLE)
        .filter(([, s]) => s.needsReason)
        .map(([a]) => a),
    ).toEqual(['withdraw', 'return', 'cancel_publicity', 'reopen', 'dispose']);
  });
});
