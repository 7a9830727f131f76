import { describe, expect, it } from 'vitest';
import { parseSurveyDefinition, type SurveyDefinition } from '../surveys/definition/index.ts';
import { pageNavigation, pagePath } from './pageNavigation.ts';

const t = (en: string) => ({ en });

function define(): SurveyDefinition {
  const parsed = parseSurveyDefinition({
    formatVersion: 1,
    title: t('S'),
    languages: ['en'],
    defaultLanguage: 'en',
    hiddenFields: ['tier'],
    pages: [
      {
        id: 'p0',
        blocks: [
          {
            id: 'b0',
            questions: [{ id: 'nps', type: 'nps', text: t('n'), minLabel: t('0'), maxLabel: t('10') }],
          },
        ],
        skipTo: [
          { when: { question: 'nps', op: 'gte', value: 9 }, to: 'p3' },
          { when: { question: 'nps', op: 'eq', value: 0 }, to: 'end' },
        ],
      },
      {
        id: 'p1',
        blocks: [{ id: 'b1', questions: [{ id: 'why', type: 'text', text: t('w') }] }],
      },
      {
        id: 'p2',
        blocks: [
          {
            id: 'b2',
            questions: [
              {
                id: 'key',
                type: 'text',
                text: t('k'),
                displayIf: { hidden: 'tier', op: 'eq', value: 'key' },
              },
            ],
          },
        ],
      },
      { id: 'p3', blocks: [{ id: 'b3', questions: [{ id: 'role', type: 'text', text: t('r') }] }] },
    ],
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.definition;
}

const survey = define();

describe('pagePath', () => {
  it('follows skips and leaves out pages on which nothing is shown', () => {
    expect(pagePath(survey, {}, {})).toEqual([0, 1, 3]);
    expect(pagePath(survey, {}, { tier: 'key' })).toEqual([0, 1, 2, 3]);
    expect(pagePath(survey, { nps: 10 }, { tier: 'key' })).toEqual([0, 3]);
    expect(pagePath(survey, { nps: 0 }, {})).toEqual([0]);
  });
});

describe('pageNavigation', () => {
  it('gives next, previous and the place in the progress', () => {
    expect(pageNavigation(survey, 0, { nps: 10 }, {})).toEqual({
      next: 3,
      previous: null,
      page: 1,
      pages: 2,
    });
    expect(pageNavigation(survey, 3, { nps: 10 }, {})).toEqual({
      next: null,
      previous: 0,
      page: 2,
      pages: 2,
    });
    expect(pageNavigation(survey, 1, { nps: 5 }, { tier: 'key' })).toEqual({
      next: 2,
      previous: 0,
      page: 2,
      pages: 4,
    });
  });

  it('ends the survey after a skip to the end', () => {
    expect(pageNavigation(survey, 0, { nps: 0 }, {})).toEqual({
      next: null,
      previous: null,
      page: 1,
      pages: 1,
    });
  });

  it('still counts a page that is off the path for the current answers', () => {
    expect(pageNavigation(survey, 2, {}, {})).toEqual({ next: 3, previous: 1, page: 3, pages: 4 });
  });
});
