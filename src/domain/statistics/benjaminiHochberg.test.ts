import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import reference from '../../../test/fixtures/reference/bh_expected.json' with { type: 'json' };
import { expectPrinted } from '../../../test/fixtures/reference/printedPrecision.ts';
import { benjaminiHochberg, benjaminiHochbergAdjust } from './benjaminiHochberg.ts';

const pValues = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 40 });

describe('Benjamini–Hochberg', () => {
  it('rejects the four smallest of the 1995 example at q = 0.05 and matches the adjusted values', () => {
    const result = benjaminiHochberg(reference.p_values, reference.q);
    expect(result.rejectedCount).toBe(reference.rejected_count);
    expect(result.rejected.slice(0, 4)).toEqual([true, true, true, true]);
    result.adjusted.forEach((value, i) => {
      expectPrinted(value, reference.adjusted[i]);
    });
  });

  it('agrees with the step-up definition: reject p₍₁₎…p₍ₖ₎, k = max{i : p₍ᵢ₎ ≤ i·q/m}', () => {
    fc.assert(
      fc.property(pValues, fc.double({ min: 0.01, max: 0.3, noNaN: true }), (p, q) => {
        const m = p.length;
        const sorted = [...p].sort((a, b) => a - b);
        let k = 0;
        sorted.forEach((value, i) => {
          if (value <= ((i + 1) * q) / m) k = i + 1;
        });
        const threshold = k > 0 ? sorted[k - 1] : -1;
        expect(benjaminiHochberg(p, q).rejected).toEqual(p.map((value) => value <= threshold));
      }),
    );
  });

  it('gives adjusted values that are ≥ p, ≤ 1, monotone in p, and independent of the order', () => {
    fc.assert(
      fc.property(pValues, (p) => {
        const adjusted = benjaminiHochbergAdjust(p);
        p.forEach((value, i) => {
          expect(adjusted[i]).toBeGreaterThanOrEqual(value);
          expect(adjusted[i]).toBeLessThanOrEqual(1);
          p.forEach((other, j) => {
            if (value < other) expect(adjusted[i]).toBeLessThanOrEqual(adjusted[j]);
          });
        });
        const reversed = benjaminiHochbergAdjust([...p].reverse());
        expect(reversed).toEqual([...adjusted].reverse());
      }),
    );
  });

  it('rejects invalid p-values and levels', () => {
    expect(() => benjaminiHochbergAdjust([0.1, 1.2])).toThrow(/p-value 1/);
    expect(() => benjaminiHochberg([0.1], 0)).toThrow(RangeError);
  });
});
