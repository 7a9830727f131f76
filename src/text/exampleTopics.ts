/**
 * Topics defined by examples instead of keywords: a topic is the centroid of its example comments'
 * feature vectors, and a comment belongs to it when its vector points the same way.
 */
import type { SparseVector } from './commentFeatures.ts';

/** A topic by examples, as an organisation writes it. */
export type ExampleTopicDefinition = { key: string; examples: readonly string[]; threshold?: number };

/** A topic by examples, ready to match: the unit-length centroid and the similarity needed. */
export type ExampleTopic = { key: string; centroid: Map<number, number>; threshold: number };

/** The cosine similarity a comment needs with a centroid unless the topic sets its own. */
export const DEFAULT_EXAMPLE_THRESHOLD = 0.3;

/**
 * Builds an example topic: centroid = Σ v_i / ‖Σ v_i‖ over the (unit-length) example vectors.
 *
 * @param definition - key, examples and optional threshold.
 * @param vectorize - turns a text into its unit-length feature vector.
 * @returns the topic.
 * @throws RangeError when there is no example with features.
 * @example buildExampleTopic({ key: 'late', examples: ['Late again'] }, vectorize).threshold // 0.3
 */
export function buildExampleTopic(
  definition: ExampleTopicDefinition,
  vectorize: (text: string) => SparseVector,
): ExampleTopic {
  const sum = new Map<number, number>();
  for (const example of definition.examples) {
    const { indices, values } = vectorize(example);
    for (let i = 0; i < indices.length; i++) sum.set(indices[i], (sum.get(indices[i]) ?? 0) + values[i]);
  }
  let squares = 0;
  for (const value of sum.values()) squares += value * value;
  if (squares === 0) throw new RangeError(`topic "${definition.key}" has no example with words`);
  const norm = Math.sqrt(squares);
  const centroid = new Map<number, number>();
  for (const [index, value] of [...sum].sort((a, b) => a[0] - b[0])) centroid.set(index, value / norm);
  return { key: definition.key, centroid, threshold: definition.threshold ?? DEFAULT_EXAMPLE_THRESHOLD };
}

/**
 * Cosine similarity of a unit-length vector with a unit-length centroid: Σ_i v_i · c_i.
 *
 * @param vector - the comment's unit-length vector.
 * @param centroid - the topic centroid.
 * @returns the similarity, −1…1 (0…1 for non-negative features).
 * @example centroidSimilarity({ indices: Int32Array.of(1), values: Float64Array.of(1) }, new Map([[1, 1]])) // 1
 */
export function centroidSimilarity(vector: SparseVector, centroid: ReadonlyMap<number, number>): number {
  let dot = 0;
  for (let i = 0; i < vector.indices.length; i++)
    dot += vector.values[i] * (centroid.get(vector.indices[i]) ?? 0);
  return dot;
}

/**
 * The example topics a comment belongs to: those whose centroid similarity reaches their threshold.
 *
 * @param vector - the comment's unit-length vector.
 * @param topics - the example topics.
 * @returns the matching topics with their similarity, most similar first.
 * @example matchExampleTopics(vector, [lateTopic]) // [{ topic: 'late', similarity: 0.62 }]
 */
export function matchExampleTopics(
  vector: SparseVector,
  topics: readonly ExampleTopic[],
): { topic: string; similarity: number }[] {
  return topics
    .map((topic) => ({
      topic: topic.key,
      similarity: centroidSimilarity(vector, topic.centroid),
      threshold: topic.threshold,
    }))
    .filter((match) => match.similarity >= match.threshold)
    .sort((a, b) => b.similarity - a.similarity)
    .map(({ topic, similarity }) => ({ topic, similarity: Number(similarity.toFixed(4)) }));
}
