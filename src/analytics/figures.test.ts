import { describe, expect, it } from 'vitest';
import { meanFigure } from './figures.ts';

describe('mean figures', () => {
  it('suppresses a mean of one answer even when the base allows it (no interval exists)', () => {
    expect(meanFigure({ csat_n: 1, csat_sum: 80, csat_sumsq: 6400 }, 'csat', 1)).toEqual({
      suppressed: true,
      n: 1,
    });
  });

  it('gives the t interval from two answers on', () => {
    const figure = meanFigure({ csat_n: 2, csat_sum: 150, csat_sumsq: 70 * 70 + 80 * 80 }, 'csat', 1);
    expect(figure.suppressed).toBe(false);
    if (figure.suppressed) return;
    expect(figure.mean).toBe(75);
    // s = 7.0711, SE = 5, t(0.975, 1) = 12.7062
    expect(figure.lower).toBeCloseTo(75 - 12.7062 * 5, 2);
    expect(figure.upper).toBeCloseTo(75 + 12.7062 * 5, 2);
  });
});
