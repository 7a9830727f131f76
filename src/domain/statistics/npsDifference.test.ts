import { describe, expect, it } from 'vitest';
import { npsFromCounts } from './nps.ts';
import { npsDifference } from './npsDifference.ts';

describe('npsDifference', () => {
  it('matches a hand computation', () => {
    // a: p = .6, d = .2 → NPS 40, var = .8 − .16 = .64, SE = 100·√(.64/100) = 8
    // b: p = .4, d = .3 → NPS 10, var = .7 − .01 = .69, SE = 100·√(.69/100) = 8.3066
    const result = npsDifference(
      npsFromCounts({ promoters: 60, passives: 20, detractors: 20 }),
      npsFromCounts({ promoters: 40, passives: 30, detractors: 30 }),
    );
    expect(result.difference).toBeCloseTo(30, 10);
    expect(result.standardError).toBeCloseTo(Math.sqrt(64 + 69), 10);
    expect(result.z).toBeCloseTo(30 / Math.sqrt(133), 10);
    // Φ(−2.6013) = 0.004644 → two-sided 0.009288
    expect(result.pValue).toBeCloseTo(0.009288, 5);
  });

  it('is antisymmetric and gives p = 1 for identical samples', () => {
    const a = npsFromCounts({ promoters: 30, passives: 50, detractors: 20 });
    const b = npsFromCounts({ promoters: 25, passives: 40, detractors: 35 });
    expect(npsDifference(a, b).z).toBeCloseTo(-npsDifference(b, a).z, 12);
    expect(npsDifference(a, a).pValue).toBeCloseTo(1, 12);
  });
});
