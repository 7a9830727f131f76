/**
 * An organisation's codeframe as the engine takes it: keyword rules and example topics, read from
 * text_topics. With no topics of its own, an organisation gets the built-in codeframe.
 */
import type { Kysely } from 'kysely';
import type { Schema } from '../../db/schema.ts';
import type { BuiltInEngineOptions } from '../builtInEngine.ts';
import { DEFAULT_CODEFRAME } from '../defaultCodeframe.ts';
import { fnv1a } from '../featureHash.ts';

/** The engine options of a codeframe, and a signature that changes whenever a topic does. */
export type OrganisationCodeframe = {
  options: Pick<BuiltInEngineOptions, 'codeframe' | 'exampleTopics'>;
  /** null for the built-in codeframe. */
  signature: string | null;
};

/** A stored topic, as the engine needs it. */
export type StoredTopic = {
  key: string;
  rule: string | null;
  examples: { text: string; language: 'en' | 'it' }[];
  threshold: number | null;
};

/**
 * The engine options of a list of topics (pure).
 *
 * @param topics - the organisation's topics, in a stable order.
 * @returns the options and signature; the built-in codeframe when the list is empty.
 * @example codeframeOptions([]).signature // null
 */
export function codeframeOptions(topics: readonly StoredTopic[]): OrganisationCodeframe {
  if (topics.length === 0) return { options: { codeframe: DEFAULT_CODEFRAME }, signature: null };
  const codeframe = {
    topics: topics.filter((t) => t.rule !== null).map((t) => ({ key: t.key, rule: t.rule! })),
  };
  const exampleTopics = topics.flatMap((t) =>
    (['en', 'it'] as const)
      .map((language) => ({
        key: t.key,
        language,
        examples: t.examples.filter((e) => e.language === language).map((e) => e.text),
        ...(t.threshold === null ? {} : { threshold: t.threshold }),
      }))
      .filter((d) => d.examples.length > 0),
  );
  const signature = fnv1a(JSON.stringify(topics)).toString(16).padStart(8, '0');
  return { options: { codeframe, exampleTopics }, signature };
}

/**
 * Reads an organisation's topics.
 *
 * @param db - the database or the caller's transaction.
 * @param orgId - the organisation.
 * @returns the topics, ordered by key.
 * @example await organisationTopics(db, orgId) // [{ key: 'billing', rule: 'invoice*', examples: [], threshold: null }]
 */
export async function organisationTopics(db: Kysely<Schema>, orgId: string): Promise<StoredTopic[]> {
  const rows = await db
    .selectFrom('text_topics')
    .select(['key', 'rule', 'examples', 'threshold'])
    .where('org_id', '=', orgId)
    .orderBy('key')
    .execute();
  return rows.map((r) => ({
    key: r.key,
    rule: r.rule,
    examples: r.examples as StoredTopic['examples'],
    threshold: r.threshold,
  }));
}
