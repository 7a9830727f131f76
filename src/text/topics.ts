/**
 * An organisation's codeframe: named topics, each a boolean keyword rule ({@link parseTopicRule}),
 * and matching a comment against it.
 */

import { type Token, tokenize } from './tokenize.ts';
import {
  evaluateTopicRule,
  parseTopicRule,
  type TextSpan,
  type TopicRule,
  TopicRuleError,
} from './topicRule.ts';

export { parseTopicRule, TopicRuleError };

/** A codeframe as an organisation writes it: topic keys and their rules. */
export type Codeframe = { topics: readonly { key: string; rule: string }[] };

/** A codeframe with its rules parsed. */
export type CompiledCodeframe = { topics: readonly { key: string; rule: TopicRule }[] };

/** A topic found in a comment, with the words that matched its rule. */
export type TopicMatch = { topic: string; spans: TextSpan[] };

/**
 * Parses every rule of a codeframe.
 *
 * @param codeframe - the topics and their rules.
 * @returns the compiled codeframe, topics in the same order.
 * @throws TopicRuleError naming the topic whose rule is malformed (position within that rule).
 * @example compileCodeframe({ topics: [{ key: 'billing', rule: 'invoice*' }] }).topics[0].rule.kind // 'term'
 */
export function compileCodeframe(codeframe: Codeframe): CompiledCodeframe {
  return {
    topics: codeframe.topics.map(({ key, rule }) => {
      try {
        return { key, rule: parseTopicRule(rule) };
      } catch (error) {
        if (error instanceof TopicRuleError) {
          const named = new TopicRuleError(
            `topic "${key}": ${error.message.replace(/ \(at character \d+\)$/, '')}`,
            error.position,
          );
          throw named;
        }
        throw error;
      }
    }),
  };
}

const compiledCache = new WeakMap<Codeframe, CompiledCodeframe>();

function isCompiled(codeframe: Codeframe | CompiledCodeframe): codeframe is CompiledCodeframe {
  return codeframe.topics.length > 0 && typeof codeframe.topics[0].rule !== 'string';
}

/**
 * The topics of a codeframe whose rules match a comment (case- and accent-insensitive).
 *
 * @param text - the comment.
 * @param codeframe - the codeframe, as written (compiled once and cached) or compiled.
 * @returns the matching topics in codeframe order, each with the spans that matched.
 * @example matchTopics('Invoice wrong again', { topics: [{ key: 'billing', rule: 'invoice* OR billing' }] }) // [{ topic: 'billing', spans: [{ start: 0, end: 7 }] }]
 */
export function matchTopics(text: string, codeframe: Codeframe | CompiledCodeframe): TopicMatch[] {
  return matchTopicTokens(tokenize(text), codeframe);
}

/**
 * {@link matchTopics} on a comment already tokenised.
 *
 * @param tokens - the comment's tokens ({@link tokenize}).
 * @param codeframe - the codeframe, as written (compiled once and cached) or compiled.
 * @returns the matching topics in codeframe order, each with the spans that matched.
 * @example matchTopicTokens(tokenize('Late delivery'), { topics: [{ key: 'delivery', rule: 'deliver*' }] })[0].topic // 'delivery'
 */
export function matchTopicTokens(
  tokens: readonly Token[],
  codeframe: Codeframe | CompiledCodeframe,
): TopicMatch[] {
  let compiled: CompiledCodeframe;
  if (isCompiled(codeframe)) compiled = codeframe;
  else {
    compiled = compiledCache.get(codeframe) ?? compileCodeframe(codeframe);
    compiledCache.set(codeframe, compiled);
  }
  const matches: TopicMatch[] = [];
  for (const { key, rule } of compiled.topics) {
    const result = evaluateTopicRule(rule, tokens);
    if (result.matched) matches.push({ topic: key, spans: result.spans });
  }
  return matches;
}
