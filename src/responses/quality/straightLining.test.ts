import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { agreementItems, sampleSurvey } from './sampleSurvey.fixture.ts';
import { isStraightLiner } from './straightLining.ts';

const sixItems = sampleSurvey(agreementItems(6));
const same = (value: unknown, count: number) =>
  Object.fromEntries(Array.from({ length: count }, (_, index) => [`a${index + 1}`, value]));

describe('isStraightLiner', () => {
  it('flags the same answer on six agreement items, fulfilled and tension alike', () => {
    expect(isStraightLiner(sixItems, same(4, 6))).toBe(true);
    expect(isStraightLiner(sixItems, same(1, 6))).toBe(true);
  });

  it('needs at least six answered items', () => {
    expect(isStraightLiner(sixItems, { ...same(4, 6), a6: undefined })).toBe(false);
    expect(isStraightLiner(sampleSurvey(agreementItems(5)), same(3, 5))).toBe(false);
  });

  it('uses the survey minimum', () => {
    expect(isStraightLiner(sampleSurvey(agreementItems(5)), same(3, 5), { straightLineMinItems: 5 })).toBe(
      true,
    );
    expect(isStraightLiner(sixItems, same(3, 6), { straightLineMinItems: 7 })).toBe(false);
  });

  it('is broken by a single different answer', () => {
    expect(isStraightLiner(sixItems, { ...same(4, 6), a6: 5 })).toBe(false);
  });

  it('does not flag a careful respondent who agrees with fulfilled and disagrees with tension wordings', () => {
    // Reverse-scored, every answer means "very fulfilled"; the raw answers differ, so no line.
    expect(isStraightLiner(sixItems, { a1: 5, a2: 1, a3: 5, a4: 1, a5: 5, a6: 1 })).toBe(false);
  });

  it('ignores not-applicable and unanswered items rather than breaking the line', () => {
    const survey = sampleSurvey([
      ...agreementItems(6),
      { id: 'optional', allowNotApplicable: true },
      { id: 'skipped' },
    ]);
    expect(isStraightLiner(survey, { ...same(2, 6), optional: 'notApplicable', skipped: null })).toBe(true);
    expect(isStraightLiner(survey, { ...same(2, 5), a6: 'notApplicable', optional: 2 })).toBe(true);
    expect(isStraightLiner(survey, { ...same(2, 5), a6: 'notApplicable' })).toBe(false);
  });

  it('counts only agreement items: NPS and comments neither help nor break the line', () => {
    expect(isStraightLiner(sixItems, { ...same(4, 5), nps: 4, comment: '4' })).toBe(false);
    expect(isStraightLiner(sixItems, { ...same(4, 6), nps: 10, comment: 'fine' })).toBe(true);
  });

  it('ignores answers to questions the survey does not have', () => {
    expect(isStraightLiner(sampleSurvey(agreementItems(3)), same(4, 6))).toBe(false);
  });

  it('gives the same verdict whichever items are tension-keyed', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 12 }).chain((count) =>
          fc.record({
            keyingsA: fc.array(fc.boolean(), { minLength: count, maxLength: count }),
            keyingsB: fc.array(fc.boolean(), { minLength: count, maxLength: count }),
            // Half the time one repeated value (with gaps), so straight-liners are well represented.
            values: fc.oneof(
              fc.array(fc.oneof(fc.integer({ min: 1, max: 5 }), fc.constant(undefined)), {
                minLength: count,
                maxLength: count,
              }),
              fc.integer({ min: 1, max: 5 }).chain((value) =>
                fc.array(fc.oneof(fc.constant(value), fc.constant(undefined)), {
                  minLength: count,
                  maxLength: count,
                }),
              ),
            ),
            minItems: fc.integer({ min: 2, max: 8 }),
          }),
        ),
        ({ keyingsA, keyingsB, values, minItems }) => {
          const surveyWith = (tension: boolean[]) =>
            sampleSurvey(
              tension.map((isTension, index) => ({
                id: `a${index + 1}`,
                keying: isTension ? 'tension' : 'fulfilled',
              })),
            );
          const answers = Object.fromEntries(values.map((value, index) => [`a${index + 1}`, value]));
          const rules = { straightLineMinItems: minItems };
          const verdict = isStraightLiner(surveyWith(keyingsA), answers, rules);
          expect(isStraightLiner(surveyWith(keyingsB), answers, rules)).toBe(verdict);
          // The raw rule, computed independently: enough answers, one distinct value.
          const answered = values.filter((value) => value !== undefined);
          expect(verdict).toBe(answered.length >= minItems && new Set(answered).size === 1);
        },
      ),
      { numRuns: 150 },
    );
  });
});
