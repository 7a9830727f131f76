import { describe, expect, it } from 'vitest';
import { expectPrinted } from '../../../test/fixtures/reference/printedPrecision.ts';
import extra from '../../../test/fixtures/reference/prop_test_extra_expected.json' with { type: 'json' };
import reference from '../../../test/fixtures/reference/sigtests_expected.json' with { type: 'json' };
import { oneProportionZTest } from './oneProportionZTest.ts';

describe('oneProportionZTest', () => {
  it("matches R's prop.test(30, 100, p = 0.5, correct = FALSE)", () => {
    const expected = reference.two_proportion_z_test[3];
    const result = oneProportionZTest(expected.x ?? 0, expected.n ?? 0, expected.p0 ?? 0);
    // Printed as 16.0 by R at full precision: an exact value.
    expect(result.chiSquare).toBeCloseTo(expected.chisq ?? Number.NaN, 12);
    expectPrinted(result.pValue, expected.p_two_sided);
  });

  it("matches R's prop.test with the continuity correction: X², p and the corrected Wilson interval", () => {
    for (const expected of extra.one_sample) {
      const result = oneProportionZTest(expected.x, expected.n, expected.p0, {
        continuityCorrection: expected.correct,
        confidence: expected.conf_level,
      });
      expectPrinted(result.chiSquare, expected.chisq);
      expectPrinted(result.pValue, expected.p_two_sided);
      expectPrinted(result.lower, expected.conf_int[0]);
      expectPrinted(result.upper, expected.conf_int[1]);
      expect(result.lower).toBeLessThanOrEqual(result.proportion);
      expect(result.upper).toBeGreaterThanOrEqual(result.proportion);
    }
  });

  it('rejects a null proportion outside (0, 1)', () => {
    expect(() => oneProportionZTest(3, 10, 1)).toThrow(RangeError);
  });
});
