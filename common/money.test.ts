import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  abs,
  add,
  cmp,
  div,
  eq,
  formatAmount,
  formatPercent,
  formatWan,
  formatYuan,
  isMoney,
  isNegative,
  isRatio,
  isZero,
  MoneyInputError,
  max,
  min,
  mul,
  negate,
  parseMoneyInput,
  percentOf,
  percentToRatio,
  ratioOf,
  ratioToPercent,
  splitByWeights,
  splitEvenly,
  sub,
  sum,
  toFen,
} from './money.js';

describe('MONEY_PATTERN / isMoney', () => {
  it('accepts API amounts with up to 16 integer digits and 2 decimals', () => {
    for (const s of ['0', '0.5', '12345.67', '-12345.67', '9999999999999999.99', '-0.01']) {
      expect(isMoney(s), s).toBe(true);
    }
  });
  it('refuses floats-in-disguise, exponents, 3 decimals, 17 digits and leading zeros', () => {
    for (const s of ['', '1.', '.5', '1.234', '1e5', '12345678901234567', '007', '+1', '1,000', ' 1', 'NaN']) {
      expect(isMoney(s), s).toBe(false);
    }
    expect(isMoney(12.5)).toBe(false);
  });
});

describe('toFen rounds half up on the magnitude (四舍五入)', () => {
  it.each([
    ['0.005', '0.01'],
    ['-0.005', '-0.01'],
    ['0.004', '0.00'],
    ['-0.004', '0.00'],
    ['2.675', '2.68'], // 2.675 as a float is 2.67499…; as a decimal it rounds up
    ['1.005', '1.01'],
    ['12345', '12345.00'],
    ['-0', '0.00'],
    ['9999999999999999.994', '9999999999999999.99'],
  ])('%s → %s', (x, expected) => {
    expect(toFen(x)).toBe(expected);
  });
  it('refuses numbers and non-decimal strings', () => {
    expect(() => toFen(0.1 as unknown as string)).toThrow(TypeError);
    expect(() => toFen('1e3')).toThrow(/not a decimal string/);
    expect(() => toFen('abc')).toThrow(TypeError);
  });
});

describe('arithmetic', () => {
  it('adds without float error: 0.1 + 0.2 = 0.30', () => {
    expect(add('0.1', '0.2')).toBe('0.30');
    expect(add()).toBe('0.00');
    expect(sum(['1.10', '2.20', '-0.30'])).toBe('3.00');
  });
  it('rounds once at the end, not per operand', () => {
    // 0.004 + 0.004 = 0.008 → 0.01 (per-operand rounding would give 0.00)
    expect(add('0.004', '0.004')).toBe('0.01');
  });
  it('subtracts, multiplies by ratios, divides', () => {
    expect(sub('100.00', '0.01')).toBe('99.99');
    expect(mul('10000', '0.035')).toBe('350.00');
    expect(mul('33.33', '0.5')).toBe('16.67'); // 16.665 → 16.67
    expect(mul('-33.33', '0.5')).toBe('-16.67');
    expect(div('100', '3')).toBe('33.33');
    expect(div('200', '3')).toBe('66.67');
    expect(() => div('1', '0')).toThrow(RangeError);
    expect(percentOf('1234567.89', '0.7')).toBe('864197.52'); // 864197.523
  });
  it('is exact beyond 2^53', () => {
    expect(add('9007199254740993.01', '0.01')).toBe('9007199254740993.02');
    expect(mul('9999999999999999.99', '1')).toBe('9999999999999999.99');
  });
  it('compares exact values', () => {
    expect(cmp('1.5', '1.50')).toBe(0);
    expect(cmp('-1', '0')).toBe(-1);
    expect(cmp('10', '9.99')).toBe(1);
    expect(eq('0', '-0.00')).toBe(true);
    expect(isZero('0.00')).toBe(true);
    expect(isZero('-0.00')).toBe(true);
    expect(isNegative('-0.00')).toBe(false);
    expect(isNegative('-0.01')).toBe(true);
    expect(max('1', '3.5', '2')).toBe('3.50');
    expect(min('1', '-3.5', '2')).toBe('-3.50');
    expect(() => max()).toThrow(RangeError);
    expect(negate('0')).toBe('0.00');
    expect(negate('1.2')).toBe('-1.20');
    expect(abs('-1.2')).toBe('1.20');
  });
});

const fenAmount = fc.bigInt({ min: -(10n ** 18n) + 1n, max: 10n ** 18n - 1n }).map((f) => {
  const neg = f < 0n;
  const digits = (neg ? -f : f).toString().padStart(3, '0');
  return `${neg ? '-' : ''}${digits.slice(0, -2)}.${digits.slice(-2)}`;
});

describe('add/sub round trips (property)', () => {
  it('sub(add(a, b), b) === a and add(sub(a, b), b) === a', () => {
    fc.assert(
      fc.property(fenAmount, fenAmount, (a, b) => {
        expect(sub(add(a, b), b)).toBe(a);
        expect(add(sub(a, b), b)).toBe(a);
        expect(add(a, b)).toBe(add(b, a));
      }),
    );
  });
  it('every fen amount is valid API money and toFen is the identity on it', () => {
    fc.assert(
      fc.property(fenAmount, (a) => {
        expect(isMoney(a)).toBe(true);
        expect(toFen(a)).toBe(a);
      }),
    );
  });
});

describe('splitByWeights (largest remainder)', () => {
  it('splits 100.00 three ways 1:1:1 → 33.34, 33.33, 33.33 (tie goes to the earlier index)', () => {
    expect(splitByWeights('100.00', ['1', '1', '1'])).toEqual(['33.34', '33.33', '33.33']);
  });
  it('gives the leftover fen to the largest remainders, not to the first or last part', () => {
    // exact shares: 14.2857…, 28.5714…, 57.1428… → floors 14.28, 28.57, 57.14 (sum 99.99);
    // remainders .57, .14, .28 → the single leftover fen goes to part 0
    expect(splitByWeights('100.00', ['1', '2', '4'])).toEqual(['14.29', '28.57', '57.14']);
    // 70 % / 20 % / 10 % of 0.05: 0.035, 0.01, 0.005 → floors 0.03, 0.01, 0.00; remainders .5, 0, .5
    expect(splitByWeights('0.05', ['0.7', '0.2', '0.1'])).toEqual(['0.04', '0.01', '0.00']);
  });
  it('keeps zero weights at zero and accepts decimal weights', () => {
    expect(splitByWeights('10.00', ['0', '0.35', '0.65'])).toEqual(['0.00', '3.50', '6.50']);
  });
  it('splits negative totals by symmetry', () => {
    expect(splitByWeights('-100.00', ['1', '1', '1'])).toEqual(['-33.34', '-33.33', '-33.33']);
  });
  it('splits zero into zeros and a single weight into the total', () => {
    expect(splitByWeights('0', ['1', '2'])).toEqual(['0.00', '0.00']);
    expect(splitByWeights('12.345', ['7'])).toEqual(['12.35']);
  });
  it('refuses empty, all-zero and negative weights', () => {
    expect(() => splitByWeights('1', [])).toThrow(RangeError);
    expect(() => splitByWeights('1', ['0', '0.00'])).toThrow(/all be zero/);
    expect(() => splitByWeights('1', ['1', '-1', '1'])).toThrow(/negative/);
    expect(() => splitByWeights('1', ['x'])).toThrow(TypeError);
  });
  it('splitEvenly spreads the leftover fen over the first parts', () => {
    expect(splitEvenly('0.05', 3)).toEqual(['0.02', '0.02', '0.01']);
    expect(splitEvenly('1000000.00', 7)).toEqual(['142857.15', '142857.15', '142857.14', '142857.14', '142857.14', '142857.14', '142857.14']);
    expect(() => splitEvenly('1', 0)).toThrow(RangeError);
    expect(() => splitEvenly('1', 1.5)).toThrow(RangeError);
  });

  const weight = fc.oneof(
    fc.nat({ max: 1000 }).map(String),
    fc.tuple(fc.nat({ max: 99 }), fc.nat({ max: 9999 })).map(([i, f]) => `${i}.${String(f).padStart(4, '0')}`),
  );
  const weightsWithOnePositive = fc.array(weight, { minLength: 1, maxLength: 12 }).filter((ws) => ws.some((w) => Number(w) > 0));

  /** Weight as a rational p/10^4 for an independent exactness check. */
  const scaled = (w: string) => {
    const [i = '0', f = ''] = w.split('.');
    return BigInt(i + f.padEnd(4, '0'));
  };
  const toFenInt = (m: string) => BigInt(m.replace('.', ''));

  it('parts always sum exactly to the total and each is within one fen of its exact share (property)', () => {
    fc.assert(
      fc.property(fenAmount, weightsWithOnePositive, (total, weights) => {
        const parts = splitByWeights(total, weights);
        expect(parts).toHaveLength(weights.length);
        expect(sum(parts)).toBe(total);
        const t = toFenInt(total);
        const ws = weights.map(scaled);
        const W = ws.reduce((a, b) => a + b, 0n);
        parts.forEach((p, i) => {
          expect(isMoney(p)).toBe(true);
          // |part − t·w/W| < 1 fen  ⇔  |part·W − t·w| < W
          const diff = toFenInt(p) * W - t * ws[i]!;
          expect(diff < W && diff > -W).toBe(true);
        });
      }),
    );
  });
});

describe('ratios', () => {
  it('converts between percent and ratio exactly', () => {
    expect(percentToRatio('3.5')).toBe('0.035');
    expect(percentToRatio('70')).toBe('0.7');
    expect(ratioToPercent('0.035')).toBe('3.5');
    expect(ratioToPercent('0.0000001')).toBe('0.00001'); // never exponent notation
    expect(ratioOf('1', '3')).toBe('0.333333');
    expect(ratioOf('2', '3', 2)).toBe('0.67');
    expect(ratioOf('50', '100')).toBe('0.5');
    expect(() => ratioOf('1', '0')).toThrow(RangeError);
  });
  it('validates unit-interval ratios', () => {
    for (const s of ['0', '1', '0.5', '0.035', '1.000', '0.000001']) expect(isRatio(s), s).toBe(true);
    for (const s of ['1.01', '-0.1', '0.0000001', '.5', '50%', '2']) expect(isRatio(s), s).toBe(false);
  });
  it('formats percentages', () => {
    expect(formatPercent('0.035')).toBe('3.5%');
    expect(formatPercent('0.5', 'en-US')).toBe('50%');
  });
});

describe('display', () => {
  it('formats yuan from the string, exactly, beyond float precision', () => {
    expect(formatYuan('12345.67')).toBe('¥12,345.67');
    expect(formatYuan('12345678901234567.85')).toBe('¥12,345,678,901,234,567.85');
    expect(formatYuan('-0.005')).toBe('-¥0.01');
    expect(formatYuan('0')).toBe('¥0.00');
    expect(formatYuan('12345.67', 'en-US')).toBe('CN¥12,345.67');
  });
  it('formats other currencies', () => {
    expect(formatAmount('1000', 'USD', 'en-US')).toBe('$1,000.00');
    expect(formatAmount('1000', 'USD', 'zh-CN')).toBe('US$1,000.00');
    expect(formatAmount('1000.5', 'EUR', 'en-US')).toBe('€1,000.50');
  });
  it('formats 万元 in zh-CN and millions in en-US', () => {
    expect(formatWan('12345678.9')).toBe('1,234.57万元');
    expect(formatWan('5000')).toBe('0.50万元');
    expect(formatWan('-12345')).toBe('-1.23万元'); // -1.2345 → -1.23
    expect(formatWan('12345')).toBe('1.23万元');
    expect(formatWan('12350')).toBe('1.24万元'); // 1.235 → 1.24 (half up)
    expect(formatWan('12345678.9', 'en-US')).toBe('CNY 12.35 million');
    expect(formatWan('1000000', 'en-US')).toBe('CNY 1.00 million');
    expect(formatWan('999999.99', 'en-US')).toBe('CNY 999,999.99');
    expect(formatWan('-2500000', 'en-US')).toBe('CNY -2.50 million');
  });
});

describe('parseMoneyInput', () => {
  it.each([
    ['1,234.5', '1234.50'],
    ['1234', '1234.00'],
    ['  12.3 ', '12.30'],
    ['１２３４．５', '1234.50'],
    ['１，２３４元', '1234.00'],
    ['100元', '100.00'],
    ['¥1,000', '1000.00'],
    ['￥88.8', '88.80'],
    ['12.5万元', '125000.00'],
    ['12.5 万', '125000.00'],
    ['0.000001万元', '0.01'],
    ['-3.2', '-3.20'],
    ['－３.２', '-3.20'],
    ['1234.500', '1234.50'],
  ])('%j → %s', (input, expected) => {
    expect(parseMoneyInput(input)).toBe(expected);
  });
  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['abc', 'format'],
    ['1,5', 'format'],
    ['12,34.5', 'format'],
    ['1.2.3', 'format'],
    ['1e5', 'format'],
    ['5美元', 'format'],
    ['1.234', 'precision'],
    ['0.0000001万元', 'precision'],
    ['12345678901234567', 'range'],
    ['1000000000000万元', 'range'],
  ])('%j is refused (%s)', (input, reason) => {
    expect(() => parseMoneyInput(input)).toThrow(MoneyInputError);
    try {
      parseMoneyInput(input);
    } catch (e) {
      expect((e as MoneyInputError).reason).toBe(reason);
      expect((e as Error).message.length).toBeGreaterThan(0);
    }
  });
});
