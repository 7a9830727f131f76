import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../http/authentication.ts';
import type { AppContext } from '../http/context.ts';

const localized = z.record(z.string(), z.string());

/** The framework(s) an organisation measures with, and its journeys → stages → touchpoints. */
export const journeyRoutes: FastifyPluginAsyncZod<AppContext> = async (app, context) => {
  const { db } = context.database;

  app.get(
    '/frameworks',
    {
      schema: {
        tags: ['framework'],
        summary: 'Forces frameworks (versioned) with their Forces and facets',
        response: {
          200: z.object({
            frameworks: z.array(
              z.object({
                frameworkId: z.string(),
                name: z.string(),
                version: z.string(),
                mapsTo: z.string().nullable(),
                forceMap: z.record(z.string(), z.string().nullable()),
                forces: z.array(
                  z.object({
                    key: z.string(),
                    name: localized,
                    facets: z.array(z.unknown()),
                    fulfilled: localized,
                    tension: localized,
                  }),
                ),
              }),
            ),
          }),
        },
      },
    },
    async (request) => {
      const actor = requireActor(request, 'organisation:read');
      const [frameworks, forces] = await Promise.all([
        db
          .selectFrom('frameworks')
          .selectAll()
          .where('org_id', '=', actor.orgId)
          .orderBy('version')
          .execute(),
        db.selectFrom('forces').selectAll().where('org_id', '=', actor.orgId).orderBy('position').execute(),
      ]);
      return {
        frameworks: frameworks.map((f) => ({
          frameworkId: f.framework_id,
          name: f.name,
          version: f.version,
          mapsTo: f.maps_to,
          forceMap: f.force_map,
          forces: forces
            .filter((force) => force.framework_id === f.framework_id)
            .map((force) => ({
              key: force.force_key,
              name: force.name,
              facets: force.facets,
              fulfilled: force.fulfilled,
              tension: force.tension,
            })),
        })),
      };
    },
  );

  app.get(
    '/journeys',
    {
      schema: {
        tags: ['framework'],
        summary: 'Journeys with their stages and touchpoints',
        response: {
          200: z.object({
            journeys: z.array(
              z.object({
                journeyId: z.string(),
                key: z.string(),
                name: localized,
                stages: z.array(
                  z.object({
                    stageId: z.string(),
                    key: z.string(),
                    name: localized,
                    touchpoints: z.array(
                      z.object({
                        touchpointId: z.string(),
                        key: z.string(),
                        name: localized,
                        channel: z.string(),
                        owningDepartment: z.string(),
                        targetForces: z.array(z.string()),
                        ideal: z
                          .record(z.string(), z.unknown())
                          .describe('The levels the CX team wants here, e.g. { forces: { certainty: 75 } }'),
                      }),
                    ),
                  }),
                ),
              }),
            ),
          }),
        },
      },
    },
    async (request) => {
      const actor = requireActor(request, 'organisation:read');
      const [journeys, stages, touchpoints] = await Promise.all([
        db.selectFrom('journeys').selectAll().where('org_id', '=', actor.orgId).orderBy('position').execute(),
        db
          .selectFrom('journey_stages')
          .selectAll()
          .where('org_id', '=', actor.orgId)
          .orderBy('position')
          .execute(),
        db
          .selectFrom('touchpoints')
          .selectAll()
          .where('org_id', '=', actor.orgId)
          .orderBy('position')
          .execute(),
      ]);
      return {
        journeys: journeys.map((j) => ({
          journeyId: j.journey_id,
          key: j.key,
          name: j.name,
          stages: stages
            .filter((s) => s.journey_id === j.journey_id)
            .map((s) => ({
              stageId: s.stage_id,
              key: s.key,
              name: s.name,
              touchpoints: touchpoints
                .filter((t) => t.stage_id === s.stage_id)
                .map((t) => ({
                  touchpointId: t.touchpoint_id,
                  key: t.key,
                  name: t.name,
                  channel: t.channel,
                  owningDepartment: t.owning_department,
                  targetForces: t.target_forces,
                  ideal: t.ideal,
                })),
            })),
        })),
      };
    },
  );
};
