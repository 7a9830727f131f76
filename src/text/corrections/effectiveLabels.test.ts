import { expect, it } from 'vitest';
import { effectiveLabels } from './effectiveLabels.ts';

const model = {
  force: 'control',
  polarity: 'tension' as const,
  sentiment: 'negative' as const,
  emotions: [{ key: 'frustrated' }],
  topics: ['billing'],
};

it('shows the model, with each corrected label replacing its own', () => {
  expect(effectiveLabels(model, null)).toEqual({
    force: 'control',
    polarity: 'tension',
    sentiment: 'negative',
    emotions: ['frustrated'],
    topics: ['billing'],
    corrected: [],
  });
  expect(effectiveLabels(model, { force: null, polarity: null, topics: [] })).toEqual({
    force: null,
    polarity: null,
    sentiment: 'negative',
    emotions: ['frustrated'],
    topics: [],
    corrected: ['force', 'polarity', 'topics'],
  });
  expect(effectiveLabels(null, { sentiment: 'mixed' })).toMatchObject({
    force: null,
    sentiment: 'mixed',
    emotions: [],
  });
});
