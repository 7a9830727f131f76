/**
 * Which engine reads an organisation's comments: its own model when it has one (the latest
 * version), else the base model; with its own codeframe when it has topics, else the built-in one.
 * Engines are built once per (model, codeframe) and kept for the most recently used organisations;
 * asking costs two indexed queries per batch.
 */
import type { Database } from '../../db/database.ts';
import { createBuiltInEngine } from '../builtInEngine.ts';
import { codeframeOptions, organisationTopics } from '../codeframe/organisationCodeframe.ts';
import type { LanguageDetector } from '../languageDetection.ts';
import { modelFromFileContents } from '../modelFiles.ts';
import type { EngineChoice, EngineForOrganisation } from '../pipeline/analyseComments.ts';
import type { TextModel } from '../textModel.ts';

/** Organisations whose engines are kept in memory at once. */
const KEPT = 16;

/** The base model, its version and the language detector shared by every engine. */
export type BaseModel = { model: TextModel; version: string; languageDetector: LanguageDetector };

/**
 * @param database - the database.
 * @param base - the model of organisations without one of their own.
 * @returns the engine choice function for the pipeline.
 * @example const engineFor = organisationEngines(database, base); (await engineFor(orgId)).version
 */
export function organisationEngines(database: Database, base: BaseModel): EngineForOrganisation {
  const shared: EngineChoice = {
    engine: createBuiltInEngine(base.model, { languageDetector: base.languageDetector }),
    version: base.version,
  };
  const kept = new Map<string, EngineChoice>();
  return async (orgId, db = database.db) => {
    const latest = await db
      .selectFrom('text_org_models')
      .select('model_version')
      .where('org_id', '=', orgId)
      .orderBy('version', 'desc')
      .limit(1)
      .executeTakeFirst();
    const codeframe = codeframeOptions(await organisationTopics(db, orgId));
    if (!latest && codeframe.signature === null) return shared;
    const modelVersion = latest?.model_version ?? base.version;
    const version = codeframe.signature ? `${modelVersion}+topics:${codeframe.signature}` : modelVersion;
    const cached = kept.get(orgId);
    kept.delete(orgId);
    if (cached?.version === version) {
      kept.set(orgId, cached);
      return cached;
    }
    let model = base.model;
    if (latest) {
      const stored = await db
        .selectFrom('text_org_models')
        .select('model')
        .where('org_id', '=', orgId)
        .where('model_version', '=', latest.model_version)
        .limit(1)
        .executeTakeFirstOrThrow();
      model = modelFromFileContents(JSON.parse(stored.model));
    }
    const choice: EngineChoice = {
      engine: createBuiltInEngine(model, { languageDetector: base.languageDetector, ...codeframe.options }),
      version,
    };
    kept.set(orgId, choice);
    if (kept.size > KEPT) kept.delete(kept.keys().next().value!);
    return choice;
  };
}
