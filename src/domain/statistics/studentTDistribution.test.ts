import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import expected from '../../../test/fixtures/reference/distributions_expected.json' with { type: 'json' };
import { expectPrinted } from '../../../test/fixtures/reference/printedPrecision.ts';
import {
  studentTCdf,
  studentTCriticalValue,
  studentTDensity,
  studentTQuantile,
  studentTTwoSidedPValue,
} from './studentTDistribution.ts';

describe('Student t distribution', () => {
  it('matches the NIST table of critical values', () => {
    const table = expected.student_t_critical_values;
    for (const [df, value] of Object.entries(table.values)) {
      expectPrinted(studentTQuantile(1 - table.upper_tail_probability, Number(df)), value);
      expectPrinted(studentTCriticalValue(0.95, Number(df)), value);
    }
  });

  it('matches the closed forms for 1 df (Cauchy) and 2 df', () => {
    fc.assert(
      fc.property(fc.double({ min: -50, max: 50, noNaN: true }), (t) => {
        expect(studentTCdf(t, 1)).toBeCloseTo(0.5 + Math.atan(t) / Math.PI, 13);
        expect(studentTCdf(t, 2)).toBeCloseTo(0.5 + t / (2 * Math.sqrt(2 + t * t)), 13);
      }),
    );
    // 2 df: t_p = (2p − 1) / √(2p(1 − p)).
    for (const p of [0.9, 0.975, 0.995]) {
      expect(studentTQuantile(p, 2)).toBeCloseTo((2 * p - 1) / Math.sqrt(2 * p * (1 - p)), 12);
    }
    expect(studentTDensity(0, 1)).toBeCloseTo(1 / Math.PI, 15);
  });

  it('inverts its CDF for fractional degrees of freedom (Welch)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.001, max: 0.999, noNaN: true }),
        fc.double({ min: 1, max: 500, noNaN: true }),
        (p, df) => {
          expect(studentTCdf(studentTQuantile(p, df), df)).toBeCloseTo(p, 12);
        },
      ),
    );
  });

  it('has p = 1 at t = 0 and a symmetric two-sided p-value', () => {
    expect(studentTTwoSidedPValue(0, 7)).toBe(1);
    expect(studentTTwoSidedPValue(-2.5, 7.3)).toBe(studentTTwoSidedPValue(2.5, 7.3));
    expect(studentTTwoSidedPValue(Number.POSITIVE_INFINITY, 3)).toBe(0);
    expect(() => studentTTwoSidedPValue(1, 0)).toThrow(RangeError);
  });
});
