import { measureColumns, responseMeasures } from '../responses/measures.ts';
import type { SurveyDefinition } from '../surveys/definition/index.ts';
import { generateAnswers } from './answerGenerator.ts';
import { drawLatentRespondent } from './causalModel.ts';
import type { SeededRandom } from './seededRandom.ts';

export const RESPONSE_COLUMNS = [
  'org_id',
  'response_id',
  'survey_id',
  'survey_version',
  'contact_id',
  'account_id',
  'touchpoint_id',
  'unit_id',
  'channel',
  'language',
  'started_at',
  'submitted_at',
  'status',
  'nps',
  'csat',
  'ces',
  'force_certainty',
  'force_control',
  'force_fair_treatment',
  'force_belonging',
  'force_status',
  'force_enjoyment',
  'satisfaction',
  'attachment',
  'segment',
  'relationship_strength',
  'continue_likelihood',
  'buy_more',
  'share_of_spend',
  'preference_rank',
  'dissonance',
  'critical_incident',
  'answers',
  'hidden',
] as const;

export const COMMENT_COLUMNS = [
  'org_id',
  'comment_id',
  'response_id',
  'question_id',
  'source',
  'text',
  'language',
  'account_id',
  'contact_id',
  'created_at',
] as const;

/** Everything response generation needs, as plain data so it can cross to a worker thread. */
export interface DemoPlan {
  orgId: string;
  responses: number;
  /** Start of the period (ms since the epoch) and its length in days. */
  start: number;
  periodDays: number;
  surveys: {
    surveyId: string;
    definition: SurveyDefinition;
    touchpointId: string | null;
    channel: string;
    share: number;
  }[];
  contacts: {
    contactId: string;
    accountId: string;
    unitId: string;
    externalId: string;
    language: 'en' | 'it';
    quality: number;
    shift: number;
  }[];
}

export interface DemoRow {
  response: Record<string, unknown>;
  comment: Record<string, unknown> | null;
}

const DAY = 86_400_000;

function pickSurvey(plan: DemoPlan, roll: number) {
  let cumulative = 0;
  for (const survey of plan.surveys) {
    cumulative += survey.share;
    if (roll < cumulative) return survey;
  }
  return plan.surveys[plan.surveys.length - 1];
}

/**
 * The demo's responses in order, drawn from one random stream: a contact, a survey, a time, the
 * respondent's latent scores (causalModel.ts), their answers and the measures the Forces core derives.
 */
export function* demoResponses(plan: DemoPlan, random: SeededRandom): Generator<DemoRow> {
  for (let index = 0; index < plan.responses; index++) {
    const contact = plan.contacts[random.integer(0, plan.contacts.length - 1)];
    const survey = pickSurvey(plan, random.next());
    // Responses arrive evenly over the period, with a slow improvement the CX programme can show.
    const progress = index / Math.max(1, plan.responses);
    const submitted = new Date(
      plan.start + progress * plan.periodDays * DAY + random.integer(8, 18) * 3_600_000,
    );
    const latent = drawLatentRespondent(random, contact.quality, contact.shift + 0.25 * (progress - 0.5));
    const { answers, comment } = generateAnswers(random, survey.definition, latent, contact.language, 0.35);
    const m = responseMeasures(survey.definition, answers);
    const responseId = random.timeOrderedUuid(submitted.getTime());
    yield {
      comment: comment && {
        org_id: plan.orgId,
        comment_id: random.timeOrderedUuid(submitted.getTime()),
        response_id: responseId,
        question_id: comment.questionId,
        source: 'survey',
        text: comment.text,
        language: contact.language,
        account_id: contact.accountId,
        contact_id: contact.contactId,
        created_at: submitted,
      },
      response: {
        org_id: plan.orgId,
        response_id: responseId,
        survey_id: survey.surveyId,
        survey_version: 1,
        contact_id: contact.contactId,
        account_id: contact.accountId,
        touchpoint_id: survey.touchpointId,
        unit_id: contact.unitId,
        channel: survey.channel,
        language: contact.language,
        started_at: new Date(submitted.getTime() - random.integer(90, 600) * 1000),
        submitted_at: submitted,
        status: 'complete',
        ...measureColumns(m),
        answers,
        hidden: { account: contact.externalId },
      },
    };
  }
}
