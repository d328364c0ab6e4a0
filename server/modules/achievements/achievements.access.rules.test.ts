import { describe, expect, it } from 'vitest';
import { achievementRow, ORG_A, ORG_B, testActor } from '../../../test/helpers/achievements.js';
import { allowedActions, canEditContent, canRead, performerOf } from './achievements.access.rules.js';

const completers = [{ user_id: 'completer' }];
const office = testActor('officer', [ORG_A, 'tto_officer']);
const foreignOffice = testActor('foreign', [ORG_B, 'tto_officer']);
const completer = testActor('completer', [ORG_A, 'researcher']);
const colleague = testActor('colleague', [ORG_A, 'researcher']);

describe('who may do what with an achievement', () => {
  it('shows an internal record to its office and completers only, a public one to everyone', () => {
    expect([office, completer, colleague, foreignOffice, null].map((a) => canRead(a, achievementRow(), completers))).toEqual([true, true, false, false, false]);
    expect(canRead(null, achievementRow({ visibility: 'public', status: 'assessed' }), completers)).toBe(true);
    expect(canRead(foreignOffice, achievementRow({ visibility: 'public', status: 'withdrawn' }), completers)).toBe(false);
  });

  it('makes the office a researcher too (paper disclosures), and a completer only a researcher', () => {
    expect([...performerOf(office, achievementRow(), completers)].sort()).toEqual(['office', 'researcher']);
    expect([...performerOf(completer, achievementRow(), completers)]).toEqual(['researcher']);
    expect([...performerOf(colleague, achievementRow(), completers)]).toEqual([]);
  });

  it('offers the actions the table allows from the status, and publishing to the office', () => {
    expect(allowedActions(completer, achievementRow({ status: 'disclosed' }), completers)).toEqual(['withdraw']);
    expect(allowedActions(office, achievementRow({ status: 'disclosed' }), completers)).toEqual(['withdraw', 'accept', 'return']);
    expect(allowedActions(office, achievementRow({ status: 'assessed', visibility: 'public' }), completers)).toEqual(['assess', 'protect', 'price', 'dispose', 'unpublish']);
  });

  it('lets a researcher edit a draft or a returned disclosure, the office until disposal', () => {
    expect(canEditContent(completer, achievementRow({ status: 'returned' }), completers)).toBe(true);
    expect(canEditContent(completer, achievementRow({ status: 'accepted' }), completers)).toBe(false);
    expect(canEditContent(office, achievementRow({ status: 'transformed' }), completers)).toBe(true);
    expect(canEditContent(office, achievementRow({ status: 'disposed' }), completers)).toBe(false);
  });
});
