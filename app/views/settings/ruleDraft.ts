/**
 * An alert rule as a form edits it, and back. Pure, so the editor's conversions are tested without
 * a browser. Lists (keywords, topics, tiers) are typed as text separated by commas and split on save.
 */
import { FORCES, SEGMENTS } from '../../api/types.ts';

export const CONDITION_TYPES = [
  'nps_at_most',
  'force_at_most',
  'segment',
  'dissonance_worse',
  'critical_incident',
  'comment_force_tension',
  'comment_topic',
  'keyword',
  'account_tier',
] as const;
export type ConditionType = (typeof CONDITION_TYPES)[number];
export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export const CHANNELS = ['email', 'webhook', 'inbox'] as const;

/** A condition as the API stores it. */
export interface Condition {
  type: string;
  [key: string]: unknown;
}

/** An alert rule as GET /alert-rules returns it. */
export interface Rule {
  ruleId: string;
  name: string;
  surveyId: string | null;
  touchpointId: string | null;
  conditions: Condition[];
  priority: string;
  fallbackQueue: string;
  firstContactHours: number;
  resolutionDays: number;
  channels: string[];
  active: boolean;
}

/** One condition in the form: every input's value, whichever the type uses. */
export interface ConditionDraft {
  type: ConditionType;
  value: number;
  /** A Force key, or '' for "any Force" (tension only). */
  force: string;
  segments: string[];
  /** Words, topics or tiers, separated by commas. */
  list: string;
}

export interface RuleDraft {
  name: string;
  surveyId: string;
  touchpointId: string;
  conditions: ConditionDraft[];
  priority: string;
  fallbackQueue: string;
  firstContactHours: number;
  resolutionDays: number;
  channels: string[];
}

/** The list key each list-typed condition uses. */
const LIST_KEY: Partial<Record<ConditionType, 'words' | 'topics' | 'tiers'>> = {
  keyword: 'words',
  comment_topic: 'topics',
  account_tier: 'tiers',
};

const isConditionType = (type: string): type is ConditionType =>
  (CONDITION_TYPES as readonly string[]).includes(type);

/** A fresh condition of a type, with inputs set to a sensible start (a detractor, a weak Force). */
export function newCondition(type: ConditionType): ConditionDraft {
  return {
    type,
    value: type === 'force_at_most' ? 40 : 6,
    force: type === 'comment_force_tension' ? '' : FORCES[0],
    segments: type === 'segment' ? ['unfulfilled'] : [],
    list: '',
  };
}

export function conditionDraft(condition: Condition): ConditionDraft {
  const type = isConditionType(condition.type) ? condition.type : 'nps_at_most';
  const draft = newCondition(type);
  if (typeof condition.value === 'number') draft.value = condition.value;
  if (typeof condition.force === 'string') draft.force = condition.force;
  if (type === 'comment_force_tension' && condition.force === undefined) draft.force = '';
  if (Array.isArray(condition.segments)) draft.segments = condition.segments.map(String);
  const listKey = LIST_KEY[type];
  if (listKey && Array.isArray(condition[listKey])) draft.list = (condition[listKey] as unknown[]).join(', ');
  return draft;
}

/** Comma-separated text as a list: trimmed, empty pieces dropped, repeats removed. */
export function splitList(text: string): string[] {
  return [
    ...new Set(
      text
        .split(',')
        .map((piece) => piece.trim())
        .filter(Boolean),
    ),
  ];
}

/** The condition the API expects: only the keys its type has (the API refuses any other). */
export function conditionOf(draft: ConditionDraft): Condition {
  switch (draft.type) {
    case 'nps_at_most':
      return { type: draft.type, value: draft.value };
    case 'force_at_most':
      return { type: draft.type, force: draft.force, value: draft.value };
    case 'segment':
      return { type: draft.type, segments: SEGMENTS.filter((s) => draft.segments.includes(s)) };
    case 'comment_force_tension':
      return draft.force ? { type: draft.type, force: draft.force } : { type: draft.type };
    case 'keyword':
    case 'comment_topic':
    case 'account_tier':
      return { type: draft.type, [LIST_KEY[draft.type]!]: splitList(draft.list) };
    default:
      return { type: draft.type };
  }
}

export function ruleDraft(rule: Rule): RuleDraft {
  return {
    name: rule.name,
    surveyId: rule.surveyId ?? '',
    touchpointId: rule.touchpointId ?? '',
    conditions: rule.conditions.map(conditionDraft),
    priority: rule.priority,
    fallbackQueue: rule.fallbackQueue,
    firstContactHours: rule.firstContactHours,
    resolutionDays: rule.resolutionDays,
    channels: [...rule.channels],
  };
}

/** The PATCH body: every editable field (activity is switched in the list, not here). */
export function ruleChange(draft: RuleDraft) {
  return {
    name: draft.name,
    surveyId: draft.surveyId || null,
    touchpointId: draft.touchpointId || null,
    conditions: draft.conditions.map(conditionOf),
    priority: draft.priority,
    fallbackQueue: draft.fallbackQueue,
    firstContactHours: draft.firstContactHours,
    resolutionDays: draft.resolutionDays,
    channels: CHANNELS.filter((c) => draft.channels.includes(c)),
  };
}
