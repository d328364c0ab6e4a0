import { describe, expect, it } from 'vitest';
import { FLOORS, floorOf } from './reward-floors.js';

describe('the statutory reward floors', () => {
  it('names each floor with its clause', () => {
    expect(floorOf('teamShareOfNetIncome').min).toBe('0.5');
    expect(floorOf('teamShareOfNetIncome').clause.zh).toContain('第四十五条');
    expect(floorOf('operatingProfitYears')).toMatchObject({ min: 3, max: 5 });
    expect(floorOf('officeShareOfRetained').min).toBe('0.15');
    expect(new Set(FLOORS.map((f) => f.key)).size).toBe(FLOORS.length);
  });
});
