import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { surveyQuestions } from '../surveys/definition/index.ts';
import { relationshipSurveyTemplate } from '../surveys/library/index.ts';
import { exportColumns, exportLine, exportLineWriter } from './exportColumns.ts';
import { copyTextFields } from './exportResponses.ts';
import { fixtureSurvey } from './fixtures/fixtureSurvey.ts';

// Any value an answer could hold, well-formed or not: the writer must agree with the reference
// cell by cell whatever is stored.
const anyAnswer = fc.oneof(
  fc.integer({ min: -3, max: 12 }),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.string(),
  fc.constantFrom('a,b', 'say "hi"', 'two\nlines', '_other', 'us', 'inHouse', 'hurried'),
  fc.array(fc.oneof(fc.string(), fc.constantFrom('us', 'inHouse', 'hurried', 'neglected'))),
  fc.array(fc.record({ other: fc.string() })),
  fc.record({ other: fc.oneof(fc.string(), fc.integer()) }),
  fc.dictionary(fc.constantFrom('r1', 'r2', 'speed', 'quality'), fc.oneof(fc.integer(), fc.string())),
);

const metaFields = fc.array(fc.option(fc.string(), { nil: null }), { minLength: 8, maxLength: 8 });

describe('exportLineWriter', () => {
  for (const [name, definition] of [
    ['the fixture survey', fixtureSurvey()],
    ['the relationship survey', relationshipSurveyTemplate()],
  ] as const) {
    it(`writes the same line as the reference cells, for any answers to ${name}`, () => {
      const columns = exportColumns(definition);
      const writeLine = exportLineWriter(columns);
      const ids = surveyQuestions(definition).map((q) => q.id);
      const answers = fc.dictionary(fc.constantFrom(...ids), anyAnswer);
      fc.assert(
        fc.property(metaFields, answers, (fields, given) => {
          expect(writeLine(fields, given)).toBe(exportLine(columns, { fields, answers: given }));
        }),
        { numRuns: 500 },
      );
    });
  }
});

describe('copyTextFields', () => {
  it("reads COPY's text format: tabs between fields, \\N for null, backslash escapes", () => {
    expect(copyTextFields('a\t\\N\t\tx\\ty\\\\z\\nw')).toEqual(['a', null, '', 'x\ty\\z\nw']);
    expect(copyTextFields('')).toEqual(['']);
  });
});
