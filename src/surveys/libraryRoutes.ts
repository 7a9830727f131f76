import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../http/authentication.ts';
import type { AppContext } from '../http/context.ts';
import { badRequest } from '../http/problem.ts';
import { forceKeySchema, type Question, SURVEY_FORCE_KEYS } from './definition/index.ts';
import {
  ATTACHMENT_ITEMS,
  FORCE_ITEMS,
  forceItemQuestion,
  LIBRARY_LANGUAGES,
  OUTCOME_ITEMS,
  PULSE_ITEMS,
  relationshipSurveyTemplate,
  touchpointPulseTemplate,
} from './library/index.ts';

const PURPOSES = ['force', 'attachment', 'outcome', 'pulse'] as const;

const libraryItem = z.object({
  key: z.string().describe('Stable key of the item in the library'),
  purpose: z.enum(PURPOSES).describe('force (a Force item), attachment, outcome (relationship) or pulse'),
  force: z.enum(SURVEY_FORCE_KEYS).nullable(),
  keying: z.enum(['fulfilled', 'tension']).nullable(),
  use: z
    .enum(['relationship', 'touchpoint'])
    .nullable()
    .describe('Force items: the whole relationship or one interaction'),
  question: z
    .record(z.string(), z.unknown())
    .describe('The question to add to a survey, in English and Italian'),
});
type LibraryItem = z.infer<typeof libraryItem>;

/** The whole library as the builder lists it, built once: the library is constant. */
const LIBRARY: readonly LibraryItem[] = [
  ...FORCE_ITEMS.map((item) => ({
    key: item.id,
    purpose: 'force' as const,
    force: item.force,
    keying: item.keying,
    use: item.use,
    question: forceItemQuestion(item),
  })),
  ...ATTACHMENT_ITEMS.map((question) => other('attachment', question.id, question)),
  ...Object.entries(OUTCOME_ITEMS).map(([key, question]) => other('outcome', `outcome.${key}`, question)),
  ...Object.entries(PULSE_ITEMS).map(([key, question]) => other('pulse', `pulse.${key}`, question)),
];

function other(purpose: 'attachment' | 'outcome' | 'pulse', key: string, question: Question): LibraryItem {
  return { key, purpose, force: null, keying: null, use: null, question: structuredClone(question) };
}

const libraryLanguages = z.array(z.enum(LIBRARY_LANGUAGES)).min(1).max(2).optional();

const templateBody = z.discriminatedUnion('template', [
  z.strictObject({
    template: z.literal('relationship'),
    languages: libraryLanguages,
    supplierName: z.string().min(1).max(200).optional().describe('Your company as respondents know it'),
  }),
  z.strictObject({
    template: z.literal('touchpointPulse'),
    languages: libraryLanguages,
    touchpointName: z
      .record(z.string().regex(/^[a-z]{2}$/), z.string().min(1).max(200))
      .describe('The touchpoint as respondents know it, per language'),
    forces: z
      .tuple([forceKeySchema, forceKeySchema])
      .describe('The two Forces the touchpoint should dial up'),
    metric: z.enum(['nps', 'csat']),
  }),
]);

/** The Forces item library and the two templates, for survey builders. */
export const surveyLibraryRoutes: FastifyPluginAsyncZod<AppContext> = async (app) => {
  app.get(
    '/survey-library',
    {
      schema: {
        tags: ['surveys'],
        summary:
          'The item library: Force items (by Force, fulfilled or tension), attachment, outcome and pulse items',
        response: {
          200: z.object({
            languages: z.array(z.string()),
            forces: z.array(z.string()),
            items: z.array(libraryItem),
          }),
        },
      },
    },
    async (request) => {
      requireActor(request, 'surveys:read');
      return {
        languages: [...LIBRARY_LANGUAGES],
        forces: [...SURVEY_FORCE_KEYS],
        items: structuredClone([...LIBRARY]),
      };
    },
  );

  app.post(
    '/survey-templates',
    {
      schema: {
        tags: ['surveys'],
        summary:
          'A ready definition from a template (the Forces relationship survey or a touchpoint pulse), to create a survey with',
        body: templateBody,
        response: { 200: z.object({ definition: z.record(z.string(), z.unknown()) }) },
      },
    },
    async (request) => {
      requireActor(request, 'surveys:manage');
      const body = request.body;
      if (body.template === 'relationship') {
        return {
          definition: relationshipSurveyTemplate({
            ...(body.languages ? { languages: body.languages } : {}),
            ...(body.supplierName ? { supplierName: body.supplierName } : {}),
          }),
        };
      }
      if (body.forces[0] === body.forces[1])
        throw badRequest('Choose two different Forces.', [
          { field: 'body.forces', message: 'The two Forces must differ' },
        ]);
      const languages = body.languages ?? LIBRARY_LANGUAGES;
      const missing = languages.filter((language) => !body.touchpointName[language]?.trim());
      if (missing.length)
        throw badRequest(
          'Name the touchpoint in every language of the survey.',
          missing.map((language) => ({ field: `body.touchpointName.${language}`, message: 'Required' })),
        );
      return {
        definition: touchpointPulseTemplate({
          touchpointName: body.touchpointName,
          forces: body.forces,
          metric: body.metric,
          languages,
        }),
      };
    },
  );
};
