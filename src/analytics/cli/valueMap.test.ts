import { describe, expect, it } from 'vitest';
import { mappedValue, valueMapOf } from './valueMap.ts';

describe('valueMapOf / mappedValue', () => {
  it('recodes labels case-insensitively and everything else with *', () => {
    const map = valueMapOf('Satisfaction=satisfied:1,*:0');
    expect(map).toEqual({ column: 'Satisfaction', labels: { satisfied: 1 }, otherwise: 0 });
    expect(mappedValue(' SATISFIED ', map)).toBe(1);
    expect(mappedValue('Neutral or Dissatisfied', map)).toBe(0);
  });

  it('leaves uncovered values to the number parser when there is no *', () => {
    const map = valueMapOf('plan=gold:3, silver:2 ,time: 10:30:1.5');
    expect(map.labels).toEqual({ gold: 3, silver: 2, 'time: 10:30': 1.5 });
    expect(mappedValue('bronze', map)).toBeUndefined();
  });

  it('rejects malformed maps', () => {
    for (const text of ['satisfied:1', '=a:1', 'c=a', 'c=a:one', 'c=:1', 'c=a:1,']) {
      expect(() => valueMapOf(text), text).toThrow(/--map .* is malformed/);
    }
  });
});
