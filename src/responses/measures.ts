import {
  agreementToPoints,
  csatPoints,
  FORCE_KEYS,
  type ForceKey,
  forceScore,
  type Keying,
  relationshipSegment,
  relationshipStrength,
} from '../domain/forces/index.ts';
import { type Question, type SurveyDefinition, surveyQuestions } from '../surveys/definition/index.ts';

/** The derived measures stored as typed columns with every response. */
export interface ResponseMeasures {
  nps: number | null;
  csat: number | null;
  ces: number | null;
  forces: Record<ForceKey, number | null>;
  satisfaction: number | null;
  attachment: number | null;
  segment: 'emotionally_attached' | 'functionally_satisfied' | 'unfulfilled' | null;
  relationshipStrength: number | null;
  continueLikelihood: number | null;
  buyMore: number | null;
  shareOfSpend: number | null;
  preferenceRank: number | null;
  rankedAmong: number | null;
  dissonance: 'worse' | 'in_line' | 'better' | null;
  criticalIncident: boolean | null;
}

// A published survey version never changes, so its flattened question list is computed once.
const questionsByDefinition = new WeakMap<SurveyDefinition, readonly Question[]>();

export function questionsOf(definition: SurveyDefinition): readonly Question[] {
  let questions = questionsByDefinition.get(definition);
  if (!questions) {
    questions = Object.freeze(surveyQuestions(definition));
    questionsByDefinition.set(definition, questions);
  }
  return questions;
}

const numberOrNull = (value: unknown): number | null => (typeof value === 'number' ? value : null);
const mean = (values: number[]) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : null);

/**
 * Computes a response's measures from its answers with the Forces core. Which question feeds which
 * measure is read from the survey's own metadata (a Force and keying on agreement items, `measure`
 * on the others), so any survey built from the library scores the same way.
 */
export function responseMeasures(
  definition: SurveyDefinition,
  answers: Record<string, unknown>,
): ResponseMeasures {
  const forceItems = new Map<ForceKey, { value: number | null; keying: Keying }[]>();
  const attachmentPoints: number[] = [];
  const measures: ResponseMeasures = {
    nps: null,
    csat: null,
    ces: null,
    forces: Object.fromEntries(FORCE_KEYS.map((force) => [force, null])) as Record<ForceKey, number | null>,
    satisfaction: null,
    attachment: null,
    segment: null,
    relationshipStrength: null,
    continueLikelihood: null,
    buyMore: null,
    shareOfSpend: null,
    preferenceRank: null,
    rankedAmong: null,
    dissonance: null,
    criticalIncident: null,
  };
  for (const question of questionsOf(definition)) {
    const answer = answers[question.id];
    if (answer === undefined || answer === null) continue;
    switch (question.type) {
      case 'nps':
        measures.nps ??= numberOrNull(answer);
        break;
      case 'agreement': {
        const value = numberOrNull(answer);
        if (value === null) break;
        if (question.force) {
          const items = forceItems.get(question.force) ?? [];
          items.push({ value, keying: question.keying ?? 'fulfilled' });
          forceItems.set(question.force, items);
        } else if (question.measure === 'attachment') {
          attachmentPoints.push(agreementToPoints(value, undefined, question.keying ?? 'fulfilled'));
        }
        break;
      }
      case 'rating': {
        const value = numberOrNull(answer);
        if (value === null) break;
        if (question.measure === 'csat') {
          measures.csat = value;
          measures.satisfaction = csatPoints(value, question.min, question.max);
        } else if (question.measure === 'ces') measures.ces = value;
        else if (question.measure === 'attachment')
          attachmentPoints.push(((value - question.min) / (question.max - question.min)) * 100);
        else if (question.measure === 'continue') measures.continueLikelihood = value;
        else if (question.measure === 'buyMore') measures.buyMore = value;
        else if (question.measure === 'shareOfSpend') measures.shareOfSpend = value;
        break;
      }
      case 'ranking':
        if (question.measure === 'preference' && question.supplierOption && Array.isArray(answer)) {
          const rank = answer.indexOf(question.supplierOption);
          if (rank >= 0) {
            measures.preferenceRank = rank + 1;
            measures.rankedAmong = answer.length;
          }
        }
        break;
      case 'dissonance':
        measures.dissonance =
          answer === 'worse'
            ? 'worse'
            : answer === 'better'
              ? 'better'
              : answer === 'inLine'
                ? 'in_line'
                : null;
        break;
      case 'singleChoice':
        if (question.measure === 'criticalIncident') measures.criticalIncident = answer === 'yes';
        break;
      default:
        break;
    }
  }
  for (const [force, items] of forceItems) measures.forces[force] = forceScore(items);
  measures.attachment = mean(attachmentPoints);
  const segment = relationshipSegment({
    satisfaction: measures.satisfaction,
    attachment: measures.attachment,
  });
  measures.segment = segment.segment;
  measures.relationshipStrength = relationshipStrength({
    continueLikelihood: measures.continueLikelihood,
    shareOfSpend: measures.shareOfSpend,
    preferenceRank: measures.rankedAmong && measures.rankedAmong >= 2 ? measures.preferenceRank : null,
    rankedAmong: measures.rankedAmong && measures.rankedAmong >= 2 ? measures.rankedAmong : null,
    recommend: measures.nps,
    buyMore: measures.buyMore,
  });
  return measures;
}

/** The measures as the responses table names its columns (every writer of responses uses this). */
export function measureColumns(m: ResponseMeasures) {
  return {
    nps: m.nps,
    csat: m.csat,
    ces: m.ces,
    force_certainty: m.forces.certainty,
    force_control: m.forces.control,
    force_fair_treatment: m.forces.fairTreatment,
    force_belonging: m.forces.belonging,
    force_status: m.forces.status,
    force_enjoyment: m.forces.enjoyment,
    satisfaction: m.satisfaction,
    attachment: m.attachment,
    segment: m.segment,
    relationship_strength: m.relationshipStrength,
    continue_likelihood: m.continueLikelihood,
    buy_more: m.buyMore,
    share_of_spend: m.shareOfSpend,
    preference_rank: m.preferenceRank,
    dissonance: m.dissonance,
    critical_incident: m.criticalIncident,
  };
}
