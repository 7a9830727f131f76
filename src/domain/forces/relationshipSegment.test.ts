import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SEGMENT_RULES,
  type RelationshipSegment,
  relationshipSegment,
  type SegmentResult,
} from './relationshipSegment.ts';

const notEnough: SegmentResult = { segment: null, reason: 'not_enough_answers' };
const points = fc.double({ min: 0, max: 100, noNaN: true });
const maybePoints = fc.option(points, { nil: null });
const rules = fc.record({ satisfiedAtLeast: points, attachedAtLeast: points });

describe('DEFAULT_SEGMENT_RULES', () => {
  it('puts both thresholds at 75 (top-two box on 1–5, agree on average)', () => {
    expect(DEFAULT_SEGMENT_RULES).toEqual({ satisfiedAtLeast: 75, attachedAtLeast: 75 });
  });
});

describe('relationshipSegment', () => {
  it('segments satisfied and attached respondents', () => {
    expect(relationshipSegment({ satisfaction: 100, attachment: 80 })).toEqual({
      segment: 'emotionally_attached',
    });
    expect(relationshipSegment({ satisfaction: 75, attachment: 75 })).toEqual({
      segment: 'emotionally_attached',
    });
  });

  it('segments satisfied but not attached respondents', () => {
    expect(relationshipSegment({ satisfaction: 75, attachment: 74.9 })).toEqual({
      segment: 'functionally_satisfied',
    });
  });

  it('calls every unsatisfied respondent unfulfilled, whatever the attachment', () => {
    expect(relationshipSegment({ satisfaction: 50, attachment: 100 })).toEqual({ segment: 'unfulfilled' });
    expect(relationshipSegment({ satisfaction: 74.9, attachment: null })).toEqual({ segment: 'unfulfilled' });
  });

  it('says not_enough_answers without satisfaction, or when satisfied without attachment', () => {
    expect(relationshipSegment({ satisfaction: null, attachment: 100 })).toEqual(notEnough);
    expect(relationshipSegment({ satisfaction: 100, attachment: null })).toEqual(notEnough);
  });

  it('uses custom rules', () => {
    const lenient = { satisfiedAtLeast: 50, attachedAtLeast: 60 };
    expect(relationshipSegment({ satisfaction: 50, attachment: 60 }, lenient)).toEqual({
      segment: 'emotionally_attached',
    });
    expect(relationshipSegment({ satisfaction: 50, attachment: 60 })).toEqual({ segment: 'unfulfilled' });
  });

  it('rejects scores and thresholds outside 0..100', () => {
    expect(() => relationshipSegment({ satisfaction: 101, attachment: 50 })).toThrow(RangeError);
    expect(() => relationshipSegment({ satisfaction: 50, attachment: -1 })).toThrow(RangeError);
    expect(() => relationshipSegment({ satisfaction: Number.NaN, attachment: 50 })).toThrow(RangeError);
    expect(() =>
      relationshipSegment(
        { satisfaction: 50, attachment: 50 },
        { satisfiedAtLeast: 120, attachedAtLeast: 75 },
      ),
    ).toThrow(RangeError);
    expect(() =>
      relationshipSegment(
        { satisfaction: 50, attachment: 50 },
        { satisfiedAtLeast: 75, attachedAtLeast: -5 },
      ),
    ).toThrow(RangeError);
  });

  it('is total: every input gets exactly one segment or not_enough_answers, as the rules say (property)', () => {
    fc.assert(
      fc.property(maybePoints, maybePoints, rules, (satisfaction, attachment, r) => {
        const result = relationshipSegment({ satisfaction, attachment }, r);
        const satisfied = satisfaction !== null && satisfaction >= r.satisfiedAtLeast;
        let expected: SegmentResult;
        if (satisfaction === null) expected = notEnough;
        else if (!satisfied) expected = { segment: 'unfulfilled' };
        else if (attachment === null) expected = notEnough;
        else if (attachment >= r.attachedAtLeast) expected = { segment: 'emotionally_attached' };
        else expected = { segment: 'functionally_satisfied' };
        expect(result).toEqual(expected);
        // Exactly one of the four outcomes, nothing else in the object.
        const keys = Object.keys(result).sort();
        expect(keys).toEqual(result.segment === null ? ['reason', 'segment'] : ['segment']);
      }),
    );
  });

  it('is monotone: raising attachment or satisfaction never lowers the segment (property)', () => {
    const rank: Record<RelationshipSegment, number> = {
      unfulfilled: 0,
      functionally_satisfied: 1,
      emotionally_attached: 2,
    };
    fc.assert(
      fc.property(points, points, points, points, rules, (s1, s2, a1, a2, r) => {
        const [sLow, sHigh] = s1 <= s2 ? [s1, s2] : [s2, s1];
        const [aLow, aHigh] = a1 <= a2 ? [a1, a2] : [a2, a1];
        const before = relationshipSegment({ satisfaction: sLow, attachment: aLow }, r).segment;
        const moreAttached = relationshipSegment({ satisfaction: sLow, attachment: aHigh }, r).segment;
        const moreSatisfied = relationshipSegment({ satisfaction: sHigh, attachment: aLow }, r).segment;
        // Both present, so a segment is always given.
        expect(before).not.toBeNull();
        expect(rank[moreAttached!]).toBeGreaterThanOrEqual(rank[before!]);
        expect(rank[moreSatisfied!]).toBeGreaterThanOrEqual(rank[before!]);
        if (before === 'emotionally_attached') expect(moreAttached).toBe('emotionally_attached');
      }),
    );
  });
});
