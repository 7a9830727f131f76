/**
 * Alert conditions and their evaluation against one response: pure, no I/O. A rule's conditions
 * must all hold; a condition whose data is missing (no NPS answer, no comment analysis yet) does
 * not hold, so a rule that needs the text analysis matches only once it has arrived.
 */
import { z } from 'zod';
import { FORCE_KEYS, type ForceKey } from '../domain/forces/framework.ts';
import { foldText } from '../text/foldText.ts';

const forceKey = z.enum(FORCE_KEYS);

export const conditionSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('nps_at_most'), value: z.number().int().min(0).max(10) }).strict(),
  z.object({ type: z.literal('force_at_most'), force: forceKey, value: z.number().min(0).max(100) }).strict(),
  z
    .object({
      type: z.literal('segment'),
      segments: z.array(z.enum(['emotionally_attached', 'functionally_satisfied', 'unfulfilled'])).min(1),
    })
    .strict(),
  z.object({ type: z.literal('dissonance_worse') }).strict(),
  z.object({ type: z.literal('critical_incident') }).strict(),
  /** A Force in tension named in a comment (any Force when `force` is absent), from the text analysis. */
  z.object({ type: z.literal('comment_force_tension'), force: forceKey.optional() }).strict(),
  /** A codeframe topic found in a comment, from the text analysis. */
  z.object({ type: z.literal('comment_topic'), topics: z.array(z.string().min(1).max(100)).min(1) }).strict(),
  /** A word or phrase in the raw comment text (case and accents ignored, whole words only). */
  z
    .object({ type: z.literal('keyword'), words: z.array(z.string().min(1).max(100)).min(1).max(100) })
    .strict(),
  z.object({ type: z.literal('account_tier'), tiers: z.array(z.string().min(1).max(50)).min(1) }).strict(),
]);
export type Condition = z.infer<typeof conditionSchema>;

/** What the text analysis says about one comment (the text engine's output, as the alerts need it). */
export interface CommentAnalysis {
  force: ForceKey | null;
  polarity: 'fulfilled' | 'tension' | null;
  topics: string[];
  sentiment: number | null;
}

/** The facts about one response that conditions look at. */
export interface ResponseFacts {
  nps: number | null;
  forces: Record<ForceKey, number | null>;
  segment: string | null;
  dissonance: string | null;
  criticalIncident: boolean | null;
  accountTier: string | null;
  /** The response's comments, joined. */
  commentText: string;
  /** The text analysis of its comments; null while it has not run. */
  analyses: CommentAnalysis[] | null;
}

/** True when one condition holds for the response. */
export function conditionHolds(condition: Condition, facts: ResponseFacts): boolean {
  switch (condition.type) {
    case 'nps_at_most':
      return facts.nps !== null && facts.nps <= condition.value;
    case 'force_at_most': {
      const score = facts.forces[condition.force];
      return score !== null && score <= condition.value;
    }
    case 'segment':
      return facts.segment !== null && (condition.segments as string[]).includes(facts.segment);
    case 'dissonance_worse':
      return facts.dissonance === 'worse';
    case 'critical_incident':
      return facts.criticalIncident === true;
    case 'comment_force_tension':
      return (
        facts.analyses?.some(
          (a) =>
            a.polarity === 'tension' && a.force !== null && (!condition.force || a.force === condition.force),
        ) ?? false
      );
    case 'comment_topic':
      return facts.analyses?.some((a) => a.topics.some((t) => condition.topics.includes(t))) ?? false;
    case 'keyword':
      return condition.words.some((word) => containsPhrase(facts.commentText, word));
    case 'account_tier':
      return facts.accountTier !== null && condition.tiers.includes(facts.accountTier);
  }
}

/** True when every condition holds (a rule with no conditions never matches). */
export function conditionsHold(conditions: readonly Condition[], facts: ResponseFacts): boolean {
  return conditions.length > 0 && conditions.every((condition) => conditionHolds(condition, facts));
}

/** True when some condition can only be decided by the text analysis. */
export function needsTextAnalysis(conditions: readonly Condition[]): boolean {
  return conditions.some((c) => c.type === 'comment_force_tension' || c.type === 'comment_topic');
}

const WORD_CHARACTERS = /[\p{L}\p{N}]/u;

/**
 * Whole-word, case- and accent-insensitive phrase search: "late" matches "Delivery was LATE." but
 * not "chocolate"; a phrase's inner spaces match any run of whitespace.
 */
export function containsPhrase(text: string, phrase: string): boolean {
  const haystack = foldText(text).replace(/\s+/g, ' ');
  const needle = foldText(phrase).trim().replace(/\s+/g, ' ');
  if (needle === '') return false;
  let from = 0;
  for (;;) {
    const at = haystack.indexOf(needle, from);
    if (at < 0) return false;
    const before = at === 0 ? '' : haystack[at - 1];
    const after = haystack[at + needle.length] ?? '';
    if (!WORD_CHARACTERS.test(before) && !WORD_CHARACTERS.test(after)) return true;
    from = at + 1;
  }
}

/** A rule's reach: its survey and touchpoint, when set, must be the response's. */
export function ruleApplies(
  rule: { surveyId: string | null; touchpointId: string | null },
  response: { surveyId: string; touchpointId: string | null },
): boolean {
  if (rule.surveyId !== null && rule.surveyId !== response.surveyId) return false;
  if (rule.touchpointId !== null && rule.touchpointId !== response.touchpointId) return false;
  return true;
}
