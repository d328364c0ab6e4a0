import { describe, expect, it } from 'vitest';
import { achievementEventFacts } from './achievements.events.js';

describe('achievement event facts (the typed reading of its own payloads)', () => {
  it('reads what each event type says', () => {
    expect(achievementEventFacts({ type: 'achievement.accept', payload: {} })).toEqual({ accepted: true, recordedStatus: null, receivedAmount: null, completed: null });
    expect(achievementEventFacts({ type: 'achievement.recorded', payload: { status: 'transformed', visibility: 'public', content: { receivedAmount: '120.00', title: 'x' } } })).toMatchObject({
      recordedStatus: 'transformed',
      receivedAmount: '120.00',
    });
    expect(achievementEventFacts({ type: 'achievement.updated', payload: { fields: { title: 'y' } } }).receivedAmount).toBeNull();
    expect(achievementEventFacts({ type: 'achievement.complete', payload: { transformationMode: 'license', contractAmount: '500000.00' } }).completed).toEqual({
      transformationMode: 'license',
      contractAmount: '500000.00',
    });
    expect(achievementEventFacts({ type: 'achievement.complete', payload: {} }).completed).toEqual({ transformationMode: 'transfer', contractAmount: '0' });
    expect(achievementEventFacts({ type: 'achievement.published', payload: { anything: 1 } })).toEqual({ accepted: false, recordedStatus: null, receivedAmount: null, completed: null });
  });

  it('refuses a payload whose named fields have another shape', () => {
    expect(() => achievementEventFacts({ type: 'achievement.recorded', payload: { status: 'no-such-status' } })).toThrow();
    expect(() => achievementEventFacts({ type: 'achievement.updated', payload: {} })).toThrow();
    expect(() => achievementEventFacts({ type: 'achievement.complete', payload: { transformationMode: 'gift' } })).toThrow();
  });
});
