import { describe, expect, it } from 'vitest';
import { relationshipSurveyTemplate } from '../../../src/surveys/library/index.ts';
import { surveyTexts } from './draft.ts';
import { textOwner } from './textOwner.ts';

describe('whose text a path names', () => {
  it('names the survey, a page or a question, and which of its texts, for every text of the template', () => {
    const definition = relationshipSurveyTemplate();
    const owners = surveyTexts(definition).map(({ segments }) => textOwner(definition, segments));
    expect(owners[0]).toEqual({ kind: 'survey', part: { kind: 'title' } });
    expect(owners.some((o) => o.kind === 'page' && o.part.kind === 'title')).toBe(true);
    expect(owners).toContainEqual({ kind: 'question', id: 'outcome.nps', part: { kind: 'minLabel' } });
    expect(owners).toContainEqual({
      kind: 'question',
      id: 'incident.occurred',
      part: { kind: 'option', value: 'yes' },
    });
    // Nothing falls through to the raw path.
    expect(owners.filter((o) => o.part.kind === 'other')).toEqual([]);
  });
});
