import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CLEANING_RULES, resolveCleaningRules } from './cleaningRules.ts';
import { type QualityCheckInput, qualityFlags } from './qualityFlags.ts';
import { GENUINE_COMMENTS, GIBBERISH_COMMENTS } from './sampleComments.fixture.ts';
import { agreementItems, sampleSurvey } from './sampleSurvey.fixture.ts';

const survey = sampleSurvey(agreementItems(8));
const submittedAt = new Date('2025-05-06T10:00:00Z');
const hoursBefore = (hours: number) => new Date(submittedAt.getTime() - hours * 3_600_000);

/** A careful respondent: varied answers, a normal pace, a real comment, first time answering. */
const careful: QualityCheckInput = {
  definition: survey,
  answers: { nps: 8, a1: 4, a2: 2, a3: 5, a4: 2, a5: 4, a6: 1, a7: 4, a8: 3, comment: 'Invoices still late' },
  durationSeconds: 240,
  medianSeconds: 260,
  honeypot: undefined,
  comments: ['Invoices still late'],
  language: 'en',
  fingerprint: 'f-new',
  contactId: 'c1',
  submittedAt,
  recent: [
    { fingerprint: 'f-a', contactId: 'c2', submittedAt: hoursBefore(1) },
    { fingerprint: 'f-b', contactId: 'c1', submittedAt: hoursBefore(30) },
  ],
};

describe('qualityFlags', () => {
  it('leaves a careful response unflagged and in the analysis', () => {
    expect(qualityFlags(careful)).toEqual({ flags: [], excluded: false });
  });

  it('flags a speeder', () => {
    expect(qualityFlags({ ...careful, durationSeconds: 80 }).flags).toEqual(['speeder']);
    expect(qualityFlags({ ...careful, durationSeconds: 80, medianSeconds: null }).flags).toEqual([]);
  });

  it('flags a straight-liner', () => {
    const answers = { ...careful.answers, a1: 3, a2: 3, a3: 3, a4: 3, a5: 3, a6: 3, a7: 3, a8: 3 };
    expect(qualityFlags({ ...careful, answers }).flags).toEqual(['straight_liner']);
  });

  it('flags a duplicate within the window', () => {
    const recent = [...careful.recent, { fingerprint: 'f-c', contactId: 'c1', submittedAt: hoursBefore(23) }];
    expect(qualityFlags({ ...careful, recent }).flags).toEqual(['duplicate']);
  });

  it('flags a bot by its honeypot', () => {
    expect(qualityFlags({ ...careful, honeypot: 'buy now' }).flags).toEqual(['bot']);
  });

  it('flags a bot answering faster than a second per answered survey question', () => {
    // 10 answered questions (nps, a1–a8, comment); stray keys are not questions of the survey.
    const input = { ...careful, medianSeconds: null, answers: { ...careful.answers, stray: 1, other: 2 } };
    expect(qualityFlags({ ...input, durationSeconds: 9.9 }).flags).toEqual(['bot']);
    expect(qualityFlags({ ...input, durationSeconds: 10 }).flags).toEqual([]);
  });

  it('flags gibberish when any non-blank comment is gibberish', () => {
    expect(qualityFlags({ ...careful, comments: ['Invoices late', 'asdfgh jkl'] }).flags).toEqual([
      'gibberish',
    ]);
    expect(qualityFlags({ ...careful, comments: ['', '   ', 'ok'] }).flags).toEqual([]);
    expect(qualityFlags({ ...careful, comments: [] }).flags).toEqual([]);
  });

  it('passes the language to the gibberish check', () => {
    expect(qualityFlags({ ...careful, comments: ['zxcvbnm'], language: 'cs' }).flags).toEqual([]);
  });

  it('lists several flags in the stored order', () => {
    const verdict = qualityFlags({
      ...careful,
      durationSeconds: 5,
      honeypot: 'x',
      comments: ['qqqqqqq'],
      answers: { a1: 5, a2: 5, a3: 5, a4: 5, a5: 5, a6: 5 },
      recent: [{ fingerprint: 'f-new', contactId: null, submittedAt: hoursBefore(2) }],
    });
    expect(verdict).toEqual({
      flags: ['speeder', 'straight_liner', 'duplicate', 'bot', 'gibberish'],
      excluded: true,
    });
  });

  it('excludes only for the flags the survey excludes', () => {
    const rules = resolveCleaningRules({ excludeFlags: ['bot', 'duplicate'] });
    expect(qualityFlags({ ...careful, comments: ['qqqqqqq'] }, rules)).toEqual({
      flags: ['gibberish'],
      excluded: false,
    });
    expect(qualityFlags({ ...careful, honeypot: 'x' }, rules)).toEqual({ flags: ['bot'], excluded: true });
    expect(qualityFlags({ ...careful, honeypot: 'x' }, { ...rules, excludeFlags: [] }).excluded).toBe(false);
  });

  it('applies the survey thresholds', () => {
    const rules = { ...DEFAULT_CLEANING_RULES, speederShareOfMedian: 0.95 };
    expect(qualityFlags({ ...careful, durationSeconds: 240 }, rules).flags).toEqual(['speeder']);
  });

  it('never flags varied answers at a normal pace with a genuine comment (property)', () => {
    const response = fc.integer({ min: 2, max: 14 }).chain((items) =>
      fc.record({
        items: fc.constant(items),
        tension: fc.array(fc.boolean(), { minLength: items, maxLength: items }),
        values: fc
          .array(fc.integer({ min: 1, max: 5 }), { minLength: items, maxLength: items })
          .filter((values) => new Set(values).size > 1),
        nps: fc.integer({ min: 0, max: 10 }),
        comment: fc.constantFrom(...GENUINE_COMMENTS),
        medianSeconds: fc.option(fc.integer({ min: 30, max: 1200 }), { nil: null }),
        pace: fc.double({ min: 0.34, max: 5, noNaN: true }),
        contactId: fc.option(fc.constantFrom('c1', 'c2', 'c3'), { nil: null }),
        earlierHours: fc.array(fc.double({ min: 24.001, max: 24 * 60, noNaN: true }), { maxLength: 4 }),
        othersHours: fc.array(fc.double({ min: 0, max: 48, noNaN: true }), { maxLength: 4 }),
        honeypot: fc.constantFrom(undefined, null, '', '  '),
        language: fc.constantFrom(undefined, 'en', 'it'),
      }),
    );
    fc.assert(
      fc.property(response, (r) => {
        const definition = sampleSurvey(
          r.tension.map((isTension, index) => ({
            id: `a${index + 1}`,
            keying: isTension ? 'tension' : 'fulfilled',
          })),
        );
        const answers = {
          nps: r.nps,
          comment: r.comment,
          ...Object.fromEntries(r.values.map((value, index) => [`a${index + 1}`, value])),
        };
        // A normal pace: not under a third of the median, and at least 3 s per question to read.
        const readingTime = 3 * (r.items + 2);
        const durationSeconds = Math.max(readingTime, (r.medianSeconds ?? 0) * r.pace);
        const recent = [
          // The same respondent, but long ago…
          ...r.earlierHours.map((hours) => ({
            fingerprint: 'f-self',
            contactId: r.contactId,
            submittedAt: hoursBefore(hours),
          })),
          // …and other people, lately.
          ...r.othersHours.map((hours, index) => ({
            fingerprint: `f-other-${index}`,
            contactId: `other-${index}`,
            submittedAt: hoursBefore(hours),
          })),
        ];
        const verdict = qualityFlags({
          definition,
          answers,
          durationSeconds,
          medianSeconds: r.medianSeconds,
          honeypot: r.honeypot,
          comments: [r.comment],
          language: r.language,
          fingerprint: 'f-self',
          contactId: r.contactId,
          submittedAt,
          recent,
        });
        expect(verdict).toEqual({ flags: [], excluded: false });
      }),
      { numRuns: 200 },
    );
  });

  it('does flag the same response once its comment is gibberish (the property can fail)', () => {
    for (const comment of GIBBERISH_COMMENTS.slice(0, 5)) {
      expect(qualityFlags({ ...careful, comments: [comment] }).flags).toEqual(['gibberish']);
    }
  });
});
