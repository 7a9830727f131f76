import { describe, expect, it } from 'vitest';
import {
  type Condition,
  conditionHolds,
  conditionSchema,
  conditionsHold,
  containsPhrase,
  needsTextAnalysis,
  type ResponseFacts,
  ruleApplies,
} from './conditions.ts';

const facts = (over: Partial<ResponseFacts> = {}): ResponseFacts => ({
  nps: 8,
  forces: { certainty: 70, control: 60, fairTreatment: 55, belonging: 50, status: 40, enjoyment: 80 },
  segment: 'functionally_satisfied',
  dissonance: 'in_line',
  criticalIncident: false,
  accountTier: 'standard',
  commentText: '',
  analyses: null,
  ...over,
});

describe('alert conditions', () => {
  it('NPS at most x, inclusive, and never on a missing answer', () => {
    const c: Condition = { type: 'nps_at_most', value: 6 };
    expect(conditionHolds(c, facts({ nps: 6 }))).toBe(true);
    expect(conditionHolds(c, facts({ nps: 7 }))).toBe(false);
    expect(conditionHolds(c, facts({ nps: 0 }))).toBe(true);
    expect(conditionHolds(c, facts({ nps: null }))).toBe(false);
  });

  it('a Force score at most y', () => {
    const c: Condition = { type: 'force_at_most', force: 'status', value: 40 };
    expect(conditionHolds(c, facts())).toBe(true);
    expect(conditionHolds(c, facts({ forces: { ...facts().forces, status: 40.5 } }))).toBe(false);
    expect(conditionHolds(c, facts({ forces: { ...facts().forces, status: null } }))).toBe(false);
  });

  it('segment, dissonance worse than promised, critical incident, key-account tier', () => {
    expect(
      conditionHolds({ type: 'segment', segments: ['unfulfilled'] }, facts({ segment: 'unfulfilled' })),
    ).toBe(true);
    expect(conditionHolds({ type: 'segment', segments: ['unfulfilled'] }, facts())).toBe(false);
    expect(conditionHolds({ type: 'dissonance_worse' }, facts({ dissonance: 'worse' }))).toBe(true);
    expect(conditionHolds({ type: 'dissonance_worse' }, facts({ dissonance: 'better' }))).toBe(false);
    expect(conditionHolds({ type: 'critical_incident' }, facts({ criticalIncident: true }))).toBe(true);
    expect(conditionHolds({ type: 'critical_incident' }, facts({ criticalIncident: null }))).toBe(false);
    expect(conditionHolds({ type: 'account_tier', tiers: ['key'] }, facts({ accountTier: 'key' }))).toBe(
      true,
    );
    expect(conditionHolds({ type: 'account_tier', tiers: ['key'] }, facts({ accountTier: null }))).toBe(
      false,
    );
  });

  it('Force tension and topics need the text analysis and do not hold before it', () => {
    const tension: Condition = { type: 'comment_force_tension', force: 'fairTreatment' };
    const anyTension: Condition = { type: 'comment_force_tension' };
    const topic: Condition = { type: 'comment_topic', topics: ['billing'] };
    expect(conditionHolds(tension, facts())).toBe(false);
    expect(conditionHolds(topic, facts())).toBe(false);
    const analysed = facts({
      analyses: [
        { force: 'fairTreatment', polarity: 'tension', topics: ['billing'], sentiment: -0.8 },
        { force: 'enjoyment', polarity: 'fulfilled', topics: [], sentiment: 0.5 },
      ],
    });
    expect(conditionHolds(tension, analysed)).toBe(true);
    expect(conditionHolds(anyTension, analysed)).toBe(true);
    expect(conditionHolds({ type: 'comment_force_tension', force: 'enjoyment' }, analysed)).toBe(false);
    expect(conditionHolds(topic, analysed)).toBe(true);
    expect(conditionHolds({ type: 'comment_topic', topics: ['delivery'] }, analysed)).toBe(false);
    expect(needsTextAnalysis([tension])).toBe(true);
    expect(needsTextAnalysis([{ type: 'nps_at_most', value: 3 }])).toBe(false);
  });

  it('keywords match whole words, ignoring case and accents', () => {
    expect(containsPhrase('The delivery was LATE again.', 'late')).toBe(true);
    expect(containsPhrase('I love chocolate', 'late')).toBe(false);
    expect(containsPhrase('Voglio disdire il contratto: perché?', 'perche')).toBe(true);
    expect(containsPhrase('we will  cancel\nthe contract', 'cancel the contract')).toBe(true);
    expect(containsPhrase('anything', '   ')).toBe(false);
    expect(
      conditionHolds(
        { type: 'keyword', words: ['lawyer', 'cancel'] },
        facts({ commentText: 'We may Cancel.' }),
      ),
    ).toBe(true);
  });

  it('all conditions must hold; an empty rule never matches', () => {
    const conditions: Condition[] = [
      { type: 'nps_at_most', value: 6 },
      { type: 'account_tier', tiers: ['key'] },
    ];
    expect(conditionsHold(conditions, facts({ nps: 3, accountTier: 'key' }))).toBe(true);
    expect(conditionsHold(conditions, facts({ nps: 3 }))).toBe(false);
    expect(conditionsHold([], facts())).toBe(false);
  });

  it('a rule reaches its survey and touchpoint only', () => {
    expect(ruleApplies({ surveyId: null, touchpointId: null }, { surveyId: 's', touchpointId: null })).toBe(
      true,
    );
    expect(ruleApplies({ surveyId: 's', touchpointId: null }, { surveyId: 't', touchpointId: null })).toBe(
      false,
    );
    expect(ruleApplies({ surveyId: null, touchpointId: 'p' }, { surveyId: 's', touchpointId: 'p' })).toBe(
      true,
    );
    expect(ruleApplies({ surveyId: null, touchpointId: 'p' }, { surveyId: 's', touchpointId: null })).toBe(
      false,
    );
  });

  it('the schema refuses unknown condition types and fields', () => {
    expect(conditionSchema.safeParse({ type: 'nps_at_most', value: 11 }).success).toBe(false);
    expect(conditionSchema.safeParse({ type: 'mood', value: 1 }).success).toBe(false);
    expect(conditionSchema.safeParse({ type: 'dissonance_worse', extra: 1 }).success).toBe(false);
    expect(conditionSchema.safeParse({ type: 'force_at_most', force: 'status', value: 30 }).success).toBe(
      true,
    );
  });
});
