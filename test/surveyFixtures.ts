import type { FastifyInstance } from 'fastify';
import { generateAnswers } from '../src/demo/answerGenerator.ts';
import { drawLatentRespondent } from '../src/demo/causalModel.ts';
import { SeededRandom } from '../src/demo/seededRandom.ts';
import type { SurveyDefinition } from '../src/surveys/definition/index.ts';
import { relationshipSurveyTemplate } from '../src/surveys/library/index.ts';

/** Creates and publishes the Forces relationship survey through the API; returns its id and slug. */
export async function publishRelationshipSurvey(
  app: FastifyInstance,
  session: { cookie: string; csrfToken: string },
  slug?: string,
) {
  const headers = { cookie: session.cookie, 'x-csrf-token': session.csrfToken };
  const definition = relationshipSurveyTemplate();
  const created = await app.inject({
    method: 'POST',
    url: '/api/v1/surveys',
    headers,
    payload: { name: 'Relationship', kind: 'relationship', definition, ...(slug ? { slug } : {}) },
  });
  if (created.statusCode !== 201) throw new Error(`create failed: ${created.body}`);
  const { surveyId, slug: finalSlug } = created.json() as { surveyId: string; slug: string };
  const published = await app.inject({ method: 'POST', url: `/api/v1/surveys/${surveyId}/publish`, headers });
  if (published.statusCode !== 200) throw new Error(`publish failed: ${published.body}`);
  return { surveyId, slug: finalSlug, definition };
}

/** A complete, valid set of answers a plausible respondent would give (seeded). */
export function validAnswers(definition: SurveyDefinition, seed = 1): Record<string, unknown> {
  const random = new SeededRandom(seed);
  const latent = drawLatentRespondent(random, 0.3, 0);
  return generateAnswers(random, definition, latent, 'en', 1).answers;
}
