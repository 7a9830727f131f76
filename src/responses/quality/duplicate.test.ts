import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, isDuplicate, responseFingerprint } from './duplicate.ts';

const answers = { nps: 9, a1: 4, reasons: ['price', 'speed'], grid: { r1: 3, r2: 5 }, comment: 'Good' };
const anonymous = { surveyId: 's1', ipAddress: '203.0.113.7', userAgent: 'Mozilla/5.0 Firefox/140', answers };

describe('responseFingerprint', () => {
  it('is a sha256 hex digest, the same on every call', () => {
    const fingerprint = responseFingerprint(anonymous);
    expect(fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(responseFingerprint({ ...anonymous, answers: { ...answers } })).toBe(fingerprint);
  });

  it('ignores key order at every depth but keeps list order', () => {
    const reordered = { comment: 'Good', grid: { r2: 5, r1: 3 }, reasons: ['price', 'speed'], a1: 4, nps: 9 };
    expect(responseFingerprint({ ...anonymous, answers: reordered })).toBe(responseFingerprint(anonymous));
    const ranking = { ...answers, reasons: ['speed', 'price'] };
    expect(responseFingerprint({ ...anonymous, answers: ranking })).not.toBe(responseFingerprint(anonymous));
  });

  it('treats unanswered questions as absent', () => {
    const withBlanks = { ...answers, skipped: null, blank: '  ', none: [], missing: undefined };
    expect(responseFingerprint({ ...anonymous, answers: withBlanks })).toBe(responseFingerprint(anonymous));
  });

  it('identifies an anonymous respondent by survey, IP address and user agent', () => {
    const base = responseFingerprint(anonymous);
    expect(responseFingerprint({ ...anonymous, surveyId: 's2' })).not.toBe(base);
    expect(responseFingerprint({ ...anonymous, ipAddress: '203.0.113.8' })).not.toBe(base);
    expect(responseFingerprint({ ...anonymous, userAgent: 'Mozilla/5.0 Chrome/140' })).not.toBe(base);
    expect(responseFingerprint({ ...anonymous, ipAddress: undefined })).not.toBe(base);
  });

  it('normalises how the same IP address and user agent are written', () => {
    const base = responseFingerprint({ ...anonymous, ipAddress: '2001:DB8::1' });
    expect(responseFingerprint({ ...anonymous, ipAddress: ' 2001:db8::1 ' })).toBe(base);
    expect(responseFingerprint({ ...anonymous, ipAddress: '::ffff:203.0.113.7' })).toBe(
      responseFingerprint(anonymous),
    );
    expect(responseFingerprint({ ...anonymous, userAgent: ' Mozilla/5.0 Firefox/140\n' })).toBe(
      responseFingerprint(anonymous),
    );
  });

  it('identifies a known contact by contact id, whatever device they use', () => {
    const contact = { surveyId: 's1', contactId: 'c-42', answers };
    const base = responseFingerprint(contact);
    expect(responseFingerprint({ ...contact, ipAddress: '198.51.100.1', userAgent: 'Phone' })).toBe(base);
    expect(responseFingerprint({ ...contact, contactId: 'c-43' })).not.toBe(base);
    expect(responseFingerprint({ ...anonymous, contactId: 'c-42' })).toBe(base);
    expect(base).not.toBe(responseFingerprint(anonymous));
  });

  it('keeps a "__proto__" answer key as data', () => {
    const tricky = JSON.parse('{"__proto__": 1, "nps": 9}') as Record<string, unknown>;
    expect(responseFingerprint({ surveyId: 's1', answers: tricky })).not.toBe(
      responseFingerprint({ surveyId: 's1', answers: { nps: 9 } }),
    );
  });

  const answerValue = fc.oneof(
    fc.integer({ min: -5, max: 10 }),
    fc.string({ minLength: 1, maxLength: 12 }).filter((text) => text.trim() !== ''),
    fc.boolean(),
    fc.array(fc.constantFrom('a', 'b', 'c', 'd'), { minLength: 1, maxLength: 4 }),
    fc.dictionary(fc.constantFrom('r1', 'r2', 'r3'), fc.integer({ min: 1, max: 5 }), { minKeys: 1 }),
  );
  const answerSet = fc.dictionary(fc.stringMatching(/^[a-z][a-z0-9_]{0,6}$/), answerValue, {
    minKeys: 1,
    maxKeys: 10,
  });
  const reversedKeys = (value: unknown): unknown => {
    if (Array.isArray(value)) return value;
    if (value === null || typeof value !== 'object') return value;
    return Object.fromEntries(
      Object.entries(value)
        .reverse()
        .map(([key, inner]) => [key, reversedKeys(inner)]),
    );
  };

  const sameAnswer = (a: unknown, b: unknown) => {
    const sorted = (value: unknown) =>
      value !== null && typeof value === 'object' && !Array.isArray(value)
        ? Object.entries(value).sort(([x], [y]) => (x < y ? -1 : 1))
        : value;
    return JSON.stringify(sorted(a)) === JSON.stringify(sorted(b));
  };

  it('is stable under any key order of the answers (property)', () => {
    fc.assert(
      fc.property(answerSet, fc.nat(), (set, seed) => {
        const entries = Object.entries(set);
        const rotated = Object.fromEntries([
          ...entries.slice(seed % entries.length),
          ...entries.slice(0, seed % entries.length),
        ]);
        const expected = responseFingerprint({ surveyId: 's', contactId: 'c', answers: set });
        expect(responseFingerprint({ surveyId: 's', contactId: 'c', answers: rotated })).toBe(expected);
        expect(
          responseFingerprint({ surveyId: 's', contactId: 'c', answers: reversedKeys(set) as typeof set }),
        ).toBe(expected);
      }),
      { numRuns: 200 },
    );
  });

  it('changes when any one answer changes (property)', () => {
    fc.assert(
      fc.property(answerSet, fc.nat(), answerValue, (set, pick, replacement) => {
        const keys = Object.keys(set);
        const key = keys[pick % keys.length];
        fc.pre(!sameAnswer(set[key], replacement));
        const changed = { ...set, [key]: replacement };
        expect(responseFingerprint({ ...anonymous, answers: changed })).not.toBe(
          responseFingerprint({ ...anonymous, answers: set }),
        );
      }),
      { numRuns: 200 },
    );
  });
});

describe('canonicalJson', () => {
  // The plain definition: JSON.stringify of a copy whose keys are sorted at every depth.
  const sortedCopy = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(sortedCopy)
      : value !== null && typeof value === 'object'
        ? Object.fromEntries(
            Object.keys(value)
              .sort()
              .map((key) => [key, sortedCopy((value as Record<string, unknown>)[key])]),
          )
        : value;

  it('writes what JSON.stringify writes of a key-sorted copy, for any JSON-like value', () => {
    const values = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        fc.constantFrom(null, undefined, true, false, Number.NaN, Number.POSITIVE_INFINITY, -0),
        fc.double(),
        fc.integer(),
        fc.string({ unit: 'binary' }),
        fc.constantFrom('plain.key', 'a b', 'x/y:z@w', 'quote"d', 'back\\slash', 'line\nbreak'),
        fc.array(tie('value'), { maxLength: 4 }),
        fc.dictionary(fc.string({ unit: 'binary', maxLength: 6 }), tie('value'), { maxKeys: 5 }),
      ),
    })).value;
    fc.assert(
      fc.property(values, (value) => {
        expect(canonicalJson(value)).toBe(JSON.stringify(sortedCopy(value)) ?? 'null');
      }),
      { numRuns: 2000 },
    );
  });
});

describe('isDuplicate', () => {
  const at = (iso: string) => new Date(iso);
  const current = { fingerprint: 'f-new', contactId: 'c1', submittedAt: at('2025-03-02T12:00:00Z') };
  const earlier = (fingerprint: string, contactId: string | null, iso: string) => ({
    fingerprint,
    contactId,
    submittedAt: at(iso),
  });

  it('flags the same contact answering again within 24 hours, inclusive', () => {
    expect(isDuplicate([earlier('f-old', 'c1', '2025-03-01T12:00:00Z')], current)).toBe(true);
    expect(isDuplicate([earlier('f-old', 'c1', '2025-03-02T11:59:59Z')], current)).toBe(true);
    expect(isDuplicate([earlier('f-old', 'c1', '2025-03-02T12:00:00Z')], current)).toBe(true);
  });

  it('does not flag outside the window, nor against a later response', () => {
    expect(isDuplicate([earlier('f-old', 'c1', '2025-03-01T11:59:59.999Z')], current)).toBe(false);
    expect(isDuplicate([earlier('f-old', 'c1', '2025-03-02T12:00:00.001Z')], current)).toBe(false);
  });

  it('uses the survey window', () => {
    const twoDaysAgo = [earlier('f-old', 'c1', '2025-02-28T12:00:00Z')];
    expect(isDuplicate(twoDaysAgo, current, { duplicateWindowHours: 48 })).toBe(true);
    expect(isDuplicate(twoDaysAgo, current, { duplicateWindowHours: 47.9 })).toBe(false);
  });

  it('does not flag other contacts, even from the same company network', () => {
    expect(isDuplicate([earlier('f-old', 'c2', '2025-03-02T11:00:00Z')], current)).toBe(false);
    expect(isDuplicate([earlier('f-old', null, '2025-03-02T11:00:00Z')], current)).toBe(false);
  });

  it('flags an anonymous resubmission by its fingerprint, and only that', () => {
    const anon = { ...current, contactId: null };
    expect(isDuplicate([earlier('f-new', null, '2025-03-02T08:00:00Z')], anon)).toBe(true);
    expect(isDuplicate([earlier('f-other', null, '2025-03-02T08:00:00Z')], anon)).toBe(false);
    expect(isDuplicate([earlier('f-new', null, '2025-03-01T08:00:00Z')], anon)).toBe(false);
  });

  it('never matches two anonymous responses merely for both lacking a contact', () => {
    const anon = { ...current, contactId: undefined };
    expect(
      isDuplicate([{ ...earlier('f-other', null, '2025-03-02T08:00:00Z'), contactId: undefined }], anon),
    ).toBe(false);
  });

  it('is false with no earlier responses', () => {
    expect(isDuplicate([], current)).toBe(false);
  });
});
