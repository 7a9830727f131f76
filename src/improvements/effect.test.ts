import { describe, expect, it } from 'vitest';
import { momentsOf } from '../domain/statistics/index.ts';
import { effectColumns, effectWindows, measureEffect } from './effect.ts';

const sumsOf = (key: string, values: number[]) => {
  const m = momentsOf(values);
  return { [`${key}_n`]: m.n, [`${key}_sum`]: m.sum, [`${key}_sumsq`]: m.sumSq };
};
const spread = (centre: number, n: number) =>
  Array.from({ length: n }, (_, i) => centre + ((i % 11) - 5) * 4);

describe('effect of an improvement action', () => {
  it('a clear rise in a Force score is significant; no change is not', () => {
    const rise = measureEffect(
      'certainty',
      sumsOf('certainty', spread(50, 200)),
      sumsOf('certainty', spread(62, 200)),
    );
    expect(rise.before.value).toBeCloseTo(50, 0);
    expect(rise.after.value).toBeCloseTo(62, 0);
    expect(rise.difference).toBeCloseTo(12, 0);
    expect(rise.significant).toBe(true);
    expect(rise.pValue).toBeLessThan(0.001);
    const flat = measureEffect(
      'certainty',
      sumsOf('certainty', spread(50, 200)),
      sumsOf('certainty', spread(50.5, 200)),
    );
    expect(flat.significant).toBe(false);
  });

  it('compares NPS as NPS', () => {
    const effect = measureEffect(
      'nps',
      { promoters: 40, passives: 30, detractors: 30 },
      { promoters: 60, passives: 25, detractors: 15 },
    );
    expect(effect.before.value).toBeCloseTo(10);
    expect(effect.after.value).toBeCloseTo(45);
    expect(effect.difference).toBeCloseTo(35);
    expect(effect.significant).toBe(true);
  });

  it('says when the base is too small rather than testing', () => {
    const effect = measureEffect('status', sumsOf('status', [10, 20, 30]), sumsOf('status', spread(80, 100)));
    expect(effect.insufficient).toBe(true);
    expect(effect.significant).toBe(false);
    expect(effect.pValue).toBeNull();
    expect(measureEffect('nps', {}, {}).before).toEqual({ n: 0, value: null });
  });

  it('windows of equal length around the start day', () => {
    expect(effectWindows('2025-03-01', 28)).toEqual({
      before: { from: '2025-02-01', to: '2025-03-01' },
      after: { from: '2025-03-01', to: '2025-03-29' },
    });
    expect(effectColumns('nps')).toEqual(['promoters', 'passives', 'detractors']);
    expect(effectColumns('fair_treatment')).toEqual([
      'fair_treatment_n',
      'fair_treatment_sum',
      'fair_treatment_sumsq',
    ]);
  });
});
