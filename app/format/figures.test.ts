import { describe, expect, it } from 'vitest';
import { direction, plotted, showMean, showNps, showShare } from './figures.ts';

const f = { number: (v: number, d = 1) => v.toFixed(d), percent: (s: number) => `${Math.round(s * 100)}%` };

describe('figures as text', () => {
  it('shows nothing, not a number, for a suppressed figure', () => {
    expect(showNps({ suppressed: true, n: 4 }, f)).toBeNull();
    expect(showMean({ suppressed: true, n: 0 }, f)).toBeNull();
    expect(showShare(undefined, f)).toBeNull();
    expect(plotted({ suppressed: true, n: 9 })).toBeNull();
  });

  it('shows value, interval and base in the figure’s unit', () => {
    const nps = {
      suppressed: false as const,
      n: 200,
      score: 31.4,
      lower: 20.2,
      upper: 42.9,
      standardError: 5.7,
      promoters: 1,
      passives: 1,
      detractors: 1,
    };
    expect(showNps(nps, f)).toEqual({ value: '31', lower: '20', upper: '43', n: 200 });
    expect(plotted(nps)).toBe(31.4);
    const share = { suppressed: false as const, n: 50, share: 0.62, lower: 0.48, upper: 0.74 };
    expect(showShare(share, f)).toEqual({ value: '62%', lower: '48%', upper: '74%', n: 50 });
    expect(plotted(share)).toBeCloseTo(62);
    const mean = {
      suppressed: false as const,
      n: 50,
      mean: 71.25,
      lower: 68,
      upper: 74.5,
      standardError: 1.6,
    };
    expect(showMean(mean, f)?.value).toBe('71.3');
  });

  it('names the direction of a change', () => {
    expect(direction(2)).toBe('up');
    expect(direction(-0.5)).toBe('down');
    expect(direction(0.01)).toBe('flat');
  });
});
