import { describe, expect, it } from 'vitest';
import { CONTRACT_STATUSES } from '../../../common/contracts.js';
import { stepRefusal, TRANSITIONS } from './contracts.lifecycle.rules.js';

const licensor = { licensor: true, licensee: false };
const licensee = { licensor: false, licensee: true };
const nobody = { licensor: false, licensee: false };

describe('the contract lifecycle table', () => {
  it('lets the licensor office activate a signed or registered contract, and nobody else', () => {
    expect(stepRefusal('activate', 'signed', licensor)).toBeNull();
    expect(stepRefusal('activate', 'registered', licensor)).toBeNull();
    expect(stepRefusal('activate', 'draft', licensor)).toBe('status');
    expect(stepRefusal('activate', 'signed', licensee)).toBe('forbidden');
  });

  it('checks the side before the status (a stranger learns nothing of the status)', () => {
    expect(stepRefusal('complete', 'draft', licensee)).toBe('forbidden');
    expect(stepRefusal('exit', 'draft', licensor)).toBe('forbidden');
    expect(stepRefusal('sign', 'completed', nobody)).toBe('forbidden');
  });

  it('lets either party sign while the terms are open', () => {
    expect(stepRefusal('sign', 'draft', licensee)).toBeNull();
    expect(stepRefusal('sign', 'in_publicity', licensor)).toBeNull();
    expect(stepRefusal('sign', 'signed', licensee)).toBe('status');
  });

  it('ends only contracts in force: the licensee exits, the office terminates', () => {
    for (const s of CONTRACT_STATUSES) {
      expect(stepRefusal('exit', s, licensee)).toBe(s === 'in_force' ? null : 'status');
      expect(stepRefusal('terminate', s, licensor)).toBe(s === 'in_force' ? null : 'status');
    }
    expect(TRANSITIONS.exit.to).toBe('terminated');
    expect(TRANSITIONS.terminate.to).toBe('terminated');
  });

  it('locks the terms once signed', () => {
    expect(CONTRACT_STATUSES.filter((s) => stepRefusal('setPlan', s, licensor) === null)).toEqual(['draft', 'in_publicity']);
  });
});
