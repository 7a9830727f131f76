import { describe, expect, it } from 'vitest';
import { EXPERIENCE_EMOTIONS } from '../../../src/surveys/definition/experienceEmotions.ts';
import { POLARITIES, SENTIMENTS } from '../../../src/text/corpus.ts';
import { DEFAULT_CODEFRAME } from '../../../src/text/defaultCodeframe.ts';
import * as vocabulary from './vocabulary.ts';

describe('the comments view’s vocabulary', () => {
  it('names every emotion as the survey does, and lists the API’s polarities, sentiments and built-in topics', () => {
    expect(vocabulary.EMOTION_NAMES).toEqual(
      Object.fromEntries(EXPERIENCE_EMOTIONS.map((e) => [e.key, { en: e.label.en, it: e.label.it }])),
    );
    expect([...vocabulary.POLARITIES]).toEqual([...POLARITIES]);
    expect([...vocabulary.SENTIMENTS]).toEqual([...SENTIMENTS]);
    expect([...vocabulary.BUILT_IN_TOPICS]).toEqual(DEFAULT_CODEFRAME.topics.map((t) => t.key));
  });
});
