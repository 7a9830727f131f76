/**
 * Which engine reads an organisation's comments: its own model when it has one (the latest
 * version), else the base model. Engines are built once per model version and kept for the most
 * recently used organisations; asking costs one indexed query per batch.
 */
import type { Database } from '../../db/database.ts';
import { createBuiltInEngine } from '../builtInEngine.ts';
import { defaultLanguageDetector } from '../fastTextDetection.ts';
import { modelFromFileContents } from '../modelFiles.ts';
import type { EngineChoice, EngineForOrganisation } from '../pipeline/analyseComments.ts';

/** Organisations whose engines are kept in memory at once. */
const KEPT = 16;

/**
 * @param database - the database.
 * @param base - the engine of organisations without a model of their own.
 * @returns the engine choice function for the pipeline.
 * @example const engineFor = organisationEngines(database, base); (await engineFor(orgId)).version
 */
export function organisationEngines(database: Database, base: EngineChoice): EngineForOrganisation {
  const kept = new Map<string, EngineChoice>();
  return async (orgId, db = database.db) => {
    const latest = await db
      .selectFrom('text_org_models')
      .select('model_version')
      .where('org_id', '=', orgId)
      .orderBy('version', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (!latest) return base;
    const cached = kept.get(orgId);
    if (cached?.version === latest.model_version) {
      kept.delete(orgId);
      kept.set(orgId, cached);
      return cached;
    }
    const stored = await db
      .selectFrom('text_org_models')
      .select('model')
      .where('org_id', '=', orgId)
      .where('model_version', '=', latest.model_version)
      .limit(1)
      .executeTakeFirstOrThrow();
    const model = modelFromFileContents(JSON.parse(stored.model));
    const choice: EngineChoice = {
      engine: createBuiltInEngine(model, { languageDetector: await defaultLanguageDetector(model) }),
      version: latest.model_version,
    };
    kept.delete(orgId);
    kept.set(orgId, choice);
    if (kept.size > KEPT) kept.delete(kept.keys().next().value!);
    return choice;
  };
}
