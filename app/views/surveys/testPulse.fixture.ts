import { touchpointPulseTemplate } from '../../../src/surveys/library/index.ts';
import type { SurveyDefinition } from './draft.ts';

/**
 * The touchpoint pulse the editing tests work on (NPS, two Force items, a comment), without its
 * expectation block so the question orders they expect stay short.
 */
export function testPulse(): SurveyDefinition {
  const pulse = touchpointPulseTemplate({
    touchpointName: { en: 'Delivery', it: 'Consegna' },
    forces: ['certainty', 'control'],
    metric: 'nps',
  });
  return {
    ...pulse,
    pages: pulse.pages.map((page) => ({
      ...page,
      blocks: page.blocks.filter((block) => block.id !== 'expectation'),
    })),
  };
}
