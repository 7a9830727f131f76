import { describe, expect, it } from 'vitest';
import {
  type Condition,
  conditionDraft,
  conditionOf,
  newCondition,
  ruleChange,
  ruleDraft,
  splitList,
} from './ruleDraft.ts';

describe('alert rule drafts', () => {
  it('round-trips every condition type through the form unchanged', () => {
    const conditions: Condition[] = [
      { type: 'nps_at_most', value: 4 },
      { type: 'force_at_most', force: 'status', value: 35 },
      { type: 'segment', segments: ['functionally_satisfied', 'unfulfilled'] },
      { type: 'dissonance_worse' },
      { type: 'critical_incident' },
      { type: 'comment_force_tension' },
      { type: 'comment_force_tension', force: 'control' },
      { type: 'comment_topic', topics: ['billing', 'delivery'] },
      { type: 'keyword', words: ['cancel', 'lawyer'] },
      { type: 'account_tier', tiers: ['key'] },
    ];
    for (const condition of conditions) expect(conditionOf(conditionDraft(condition))).toEqual(condition);
  });

  it('sends only the keys a type has when the type is changed in the form', () => {
    const draft = {
      ...conditionDraft({ type: 'force_at_most', force: 'status', value: 35 }),
      type: 'keyword' as const,
    };
    draft.list = ' late,, delivery late , late ';
    expect(conditionOf(draft)).toEqual({ type: 'keyword', words: ['late', 'delivery late'] });
    expect(conditionOf(newCondition('comment_force_tension'))).toEqual({ type: 'comment_force_tension' });
    expect(splitList(' , ')).toEqual([]);
  });

  it('turns a rule into its change with empty reach as null and channels in a stable order', () => {
    const draft = ruleDraft({
      ruleId: 'r',
      name: 'Detractor',
      surveyId: null,
      touchpointId: 'tp',
      conditions: [{ type: 'nps_at_most', value: 6 }],
      priority: 'high',
      fallbackQueue: 'cx-team',
      firstContactHours: 24,
      resolutionDays: 5,
      channels: ['inbox', 'email'],
      active: true,
    });
    draft.touchpointId = '';
    expect(ruleChange(draft)).toEqual({
      name: 'Detractor',
      surveyId: null,
      touchpointId: null,
      conditions: [{ type: 'nps_at_most', value: 6 }],
      priority: 'high',
      fallbackQueue: 'cx-team',
      firstContactHours: 24,
      resolutionDays: 5,
      channels: ['email', 'inbox'],
    });
  });
});
