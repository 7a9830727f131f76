import { FORCE_KEYS, type ForceKey } from '../domain/forces/index.ts';
import { questionsOf } from '../responses/measures.ts';
import { EXPERIENCE_EMOTIONS, type SurveyDefinition, visibleQuestions } from '../surveys/definition/index.ts';
import { FORCE_BASELINE, type LatentRespondent, toScale } from './causalModel.ts';
import { PHRASE_BANK } from './phraseBank.ts';
import type { SeededRandom } from './seededRandom.ts';

export interface GeneratedAnswers {
  answers: Record<string, unknown>;
  comment: { questionId: string; text: string; force: ForceKey; polarity: 'fulfilled' | 'tension' } | null;
}

const clamp = (value: number, min: number, max: number) => Math.max(min, Math.min(max, value));

const emotionPools = new Map<string, (typeof EXPERIENCE_EMOTIONS)[number][]>();

/** The emotions a picker offers with one valence, computed once per picker. */
function emotionPool(offered: readonly string[] | undefined, valence: 'positive' | 'negative') {
  const key = `${valence}:${offered?.join(',') ?? '*'}`;
  let pool = emotionPools.get(key);
  if (!pool) {
    pool = EXPERIENCE_EMOTIONS.filter((e) => e.valence === valence && (!offered || offered.includes(e.key)));
    emotionPools.set(key, pool);
  }
  return pool;
}

const logicByDefinition = new WeakMap<SurveyDefinition, boolean>();

/** Whether any display or skip logic can hide a question of this survey. */
function hasLogic(definition: SurveyDefinition): boolean {
  let logic = logicByDefinition.get(definition);
  if (logic === undefined) {
    logic =
      questionsOf(definition).some((q) => q.displayIf) ||
      definition.pages.some((page) => page.skipTo?.length);
    logicByDefinition.set(definition, logic);
  }
  return logic;
}

/** The Force a comment talks about: the one furthest from the respondent's own average. */
function mostSalientForce(latent: LatentRespondent): { force: ForceKey; polarity: 'fulfilled' | 'tension' } {
  const average = FORCE_KEYS.reduce((sum, force) => sum + latent.forces[force], 0) / FORCE_KEYS.length;
  let best: ForceKey = 'certainty';
  let distance = -1;
  for (const force of FORCE_KEYS) {
    const d = Math.abs(latent.forces[force] - average) + Math.abs(latent.forces[force]) * 0.5;
    if (d > distance) {
      distance = d;
      best = force;
    }
  }
  return { force: best, polarity: latent.forces[best] >= 0 ? 'fulfilled' : 'tension' };
}

/**
 * Answers one respondent would give to a survey, from their latent scores. Only questions the
 * survey's logic shows are answered, so generated responses pass the same validation as real ones.
 */
export function generateAnswers(
  random: SeededRandom,
  definition: SurveyDefinition,
  latent: LatentRespondent,
  language: 'en' | 'it',
  commentRate: number,
): GeneratedAnswers {
  const answers: Record<string, unknown> = {};
  let comment: GeneratedAnswers['comment'] = null;
  for (const question of questionsOf(definition)) {
    switch (question.type) {
      case 'agreement': {
        if (question.force) {
          const centre = 1 + (4 * FORCE_BASELINE[question.force]) / 100;
          const fulfilled = toScale(
            latent.forces[question.force] + 0.45 * random.normal(),
            1,
            5,
            centre,
            1.05,
          );
          answers[question.id] = question.keying === 'tension' ? 6 - fulfilled : fulfilled;
        } else if (question.measure === 'attachment') {
          const value = toScale(latent.attached / 1.05 + 0.4 * random.normal(), 1, 5, 3.45, 1.0);
          answers[question.id] = question.keying === 'tension' ? 6 - value : value;
        } else answers[question.id] = toScale(random.normal(), 1, 5, 3.5, 1);
        break;
      }
      case 'nps':
        answers[question.id] = toScale(latent.loyalty + 0.45 * random.normal(), 0, 10, 7.9, 2.0);
        break;
      case 'rating': {
        const { min, max } = question;
        const span = max - min;
        let latentValue = 0.5 * random.normal();
        let centre = min + span * 0.6;
        if (question.measure === 'csat') {
          latentValue = latent.satisfied / 1.03 + 0.35 * random.normal();
          centre = min + span * 0.74;
        } else if (question.measure === 'continue') {
          latentValue = latent.loyalty + 0.5 * random.normal();
          centre = min + span * 0.76;
        } else if (question.measure === 'buyMore') {
          latentValue = latent.loyalty + 0.6 * random.normal();
          centre = min + span * 0.55;
        } else if (question.measure === 'shareOfSpend') {
          latentValue = latent.loyalty + 0.6 * random.normal();
          centre = min + span * 0.5;
        } else if (question.measure === 'ces') {
          latentValue = latent.forces.enjoyment + 0.5 * random.normal();
          centre = min + span * 0.62;
        } else if (question.measure === 'attachment') {
          latentValue = latent.attached / 1.05 + 0.4 * random.normal();
        }
        answers[question.id] = toScale(latentValue, min, max, centre, span * 0.2);
        break;
      }
      case 'ranking': {
        const others = question.options.map((o) => o.value).filter((v) => v !== question.supplierOption);
        for (let i = others.length - 1; i > 0; i--) {
          const j = random.integer(0, i);
          [others[i], others[j]] = [others[j], others[i]];
        }
        if (!question.supplierOption) {
          answers[question.id] = others;
          break;
        }
        const rank = clamp(latent.loyalty > 0.4 ? 0 : latent.loyalty > -0.6 ? 1 : 2, 0, others.length);
        others.splice(rank, 0, question.supplierOption);
        answers[question.id] = others;
        break;
      }
      case 'dissonance': {
        const gap = 0.5 * latent.satisfied + 0.5 * latent.attached + 0.5 * random.normal();
        answers[question.id] = gap < -0.75 ? 'worse' : gap > 0.85 ? 'better' : 'inLine';
        break;
      }
      case 'singleChoice': {
        if (question.measure === 'criticalIncident') {
          const p = 1 / (1 + Math.exp(1.6 + 0.9 * latent.satisfied));
          const yes = random.chance(p);
          const option =
            question.options.find((o) => o.value === (yes ? 'yes' : 'no')) ?? question.options[0];
          answers[question.id] = option.value;
        } else {
          answers[question.id] = random.pick(question.options).value;
        }
        break;
      }
      case 'multipleChoice': {
        const first = random.pick(question.options).value;
        answers[question.id] = [first];
        break;
      }
      case 'emotions': {
        const valence = latent.loyalty + 0.5 * random.normal() >= 0 ? 'positive' : 'negative';
        const pool = emotionPool(question.emotions, valence);
        const picks = new Set<string>();
        const count = Math.min(question.maxPicks, random.integer(1, 2), pool.length);
        while (picks.size < count) picks.add(random.pick(pool).key);
        answers[question.id] = [...picks];
        break;
      }
      case 'text': {
        if (comment === null && random.chance(commentRate)) {
          const { force, polarity } = mostSalientForce(latent);
          const text = random.pick(PHRASE_BANK[language][force][polarity]);
          answers[question.id] = text;
          comment = { questionId: question.id, text, force, polarity };
        }
        break;
      }
      case 'matrix': {
        const rows: Record<string, number> = {};
        for (const row of question.rows)
          rows[row.id] = random.integer(question.scale.min, question.scale.max);
        answers[question.id] = rows;
        break;
      }
      case 'consent':
        answers[question.id] = true;
        break;
    }
  }
  // Drop answers to questions the logic hides, as a respondent would never have seen them.
  if (!hasLogic(definition)) return { answers, comment };
  const shown = new Set(visibleQuestions(definition, answers, {}).map((q) => q.id));
  for (const id of Object.keys(answers)) if (!shown.has(id)) delete answers[id];
  if (comment && !shown.has(comment.questionId)) comment = null;
  return { answers, comment };
}
