import { describe, expect, it } from 'vitest';
import { driverListOf, predictorSpecOf } from './driverList.ts';

describe('driverListOf', () => {
  it('reads columns and named groups, trimming names', () => {
    const list = driverListOf(' Seat Comfort , service = staff + speed ,price');
    expect(list.players).toEqual([
      { name: 'Seat Comfort', members: ['Seat Comfort'] },
      { name: 'service', members: ['staff', 'speed'] },
      { name: 'price', members: ['price'] },
    ]);
    expect(list.grouped).toBe(true);
    expect(list.columns).toEqual(['Seat Comfort', 'staff', 'speed', 'price']);
  });

  it('gives the domain a plain list without groups and a record with them', () => {
    expect(predictorSpecOf(driverListOf('a,b'))).toEqual(['a', 'b']);
    expect(predictorSpecOf(driverListOf('g=a+b,c'))).toEqual({ g: ['a', 'b'], c: ['c'] });
  });

  it('rejects malformed lists with the expected form', () => {
    for (const text of ['', 'a,', 'a+b', 'g=', 'g=a+', '=a', 'a,a', 'g=a+b,h=b+c']) {
      expect(() => driverListOf(text), text).toThrow(/is malformed: .*write --drivers "A,B,C"/);
    }
  });
});
