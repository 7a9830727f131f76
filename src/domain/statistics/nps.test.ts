import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import reference from '../../../test/fixtures/reference/nps_expected.json' with { type: 'json' };
import { expectPrinted } from '../../../test/fixtures/reference/printedPrecision.ts';
import type { CategoryCounts } from './categoryCounts.ts';
import { categoryCountsOf, emptyCategoryCounts, mergeCategoryCounts } from './categoryCounts.ts';
import { npsFromCounts } from './nps.ts';

const fromNeutrals = (c: { promoters: number; neutrals: number; detractors: number }): CategoryCounts => ({
  promoters: c.promoters,
  passives: c.neutrals,
  detractors: c.detractors,
});

describe('npsFromCounts', () => {
  it('reproduces every fixed-list reference', () => {
    for (const test of reference.fixed_list_tests) {
      let counts: CategoryCounts;
      if (test.scores !== undefined) counts = categoryCountsOf(test.scores);
      else if (test.counts !== undefined) counts = fromNeutrals(test.counts);
      else
        counts = (test.counts_list ?? []).map(fromNeutrals).reduce(mergeCategoryCounts, emptyCategoryCounts);
      const { score } = npsFromCounts(counts);
      if ('note' in test && test.note?.includes('rounded integer')) {
        expect(Math.round(score)).toBe(test.nps);
      } else if (Math.abs(test.nps) <= 1) {
        // Published on the −1…1 scale; the values are exact ratios of counts.
        expect(score / 100).toBeCloseTo(test.nps, 12);
      } else {
        expect(score).toBeCloseTo(test.nps, 12);
      }
    }
  });

  it('uses the variance (p + d) − (p − d)² of the +1/0/−1 score (whuber example: 3 / 2 / 1)', () => {
    const example = reference.worked_examples[0];
    const result = npsFromCounts({ promoters: 3, passives: 2, detractors: 1 });
    expectPrinted(result.promoterShare, example.p_promoter);
    expectPrinted(result.passiveShare, example.p_passive ?? Number.NaN);
    expectPrinted(result.detractorShare, example.p_detractor);
    expectPrinted(result.score / 100, example.nps ?? Number.NaN);
    // The published expression: Var = (1 − NPS)² p₁ + (0 − NPS)² p₀ + (−1 − NPS)² p₋₁.
    const nps = 1 / 3;
    const published = (1 - nps) ** 2 * (1 / 2) + nps ** 2 * (1 / 3) + (-1 - nps) ** 2 * (1 / 6);
    expect(result.respondentVariance).toBeCloseTo(published, 14);
    expect(result.respondentVariance).toBeCloseTo(5 / 9, 14);
    expect(result.standardError).toBeCloseTo(100 * Math.sqrt(5 / 9 / 6), 12);
  });

  it("matches cybaea's rule of thumb: 95 % interval ≈ 320 / √n wide when p = d = ⅓", () => {
    const n = 900;
    const result = npsFromCounts({ promoters: 300, passives: 300, detractors: 300 });
    const widthTimesRootN = (result.upper - result.lower) * Math.sqrt(n);
    expect(Math.round(widthTimesRootN)).toBe(320);
    // The page's figure 320.07 is 2 · 1.96 · 100 · √(2/3), i.e. with z rounded to 1.96.
    expectPrinted(2 * 1.96 * result.standardError * Math.sqrt(n), 320.07);
  });

  it('has the standard error of the mean of the per-respondent scores, in both published forms', () => {
    fc.assert(
      fc.property(fc.nat(60), fc.nat(60), fc.nat(60), (promoters, passives, detractors) => {
        fc.pre(promoters + passives + detractors > 0);
        const n = promoters + passives + detractors;
        const result = npsFromCounts({ promoters, passives, detractors });
        const values = [
          ...Array(promoters).fill(1),
          ...Array(passives).fill(0),
          ...Array(detractors).fill(-1),
        ];
        const mean = values.reduce((s, v) => s + v, 0) / n;
        const populationVariance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / n;
        expect(result.respondentVariance).toBeCloseTo(populationVariance, 12);
        const p = promoters / n;
        const d = detractors / n;
        expect(result.standardError).toBeCloseTo(
          100 * Math.sqrt((p * (1 - p) + d * (1 - d) + 2 * p * d) / n),
          10,
        );
        expect(result.lower).toBeLessThanOrEqual(result.score);
        expect(result.upper).toBeGreaterThanOrEqual(result.score);
        expect(result.lower).toBeGreaterThanOrEqual(-100);
        expect(result.upper).toBeLessThanOrEqual(100);
      }),
    );
  });

  it('refuses an empty base and invalid counts', () => {
    expect(() => npsFromCounts(emptyCategoryCounts)).toThrow(/at least one respondent/);
    expect(() => npsFromCounts({ promoters: -1, passives: 0, detractors: 2 })).toThrow(/promoters/);
  });
});
