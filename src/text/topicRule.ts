/**
 * Boolean keyword rules of an organisation's codeframe, e.g. `(invoice* OR billing) AND NOT thanks`.
 *
 * Grammar (operators case-insensitive; precedence NOT > AND > OR; AND may be left out between two
 * operands, so `late delivery` means `late AND delivery`):
 *   rule    := or
 *   or      := and ( "OR" and )*
 *   and     := unary ( ["AND"] unary )*
 *   unary   := "NOT" unary | primary
 *   primary := "(" or ")" | '"' words '"' | word
 * A word matches one word of the comment; `word*` any word starting with it (at least two letters
 * before the `*`); a quoted phrase matches consecutive words, each of which may end in `*`. Matching
 * ignores case and accents ({@link foldText}); quote an operator to search for it as a word ("not").
 */
import { type PatternWord, parsePattern } from './phraseMatcher.ts';
import type { Token } from './tokenize.ts';

/** A parsed rule. `at` is where the part starts in the rule text (0-based). */
export type TopicRule =
  | { kind: 'term'; words: PatternWord[]; source: string; at: number }
  | { kind: 'and' | 'or'; operands: TopicRule[]; at: number }
  | { kind: 'not'; operand: TopicRule; at: number };

/** A malformed rule: `position` is the 0-based character offset of the problem in the rule text. */
export class TopicRuleError extends Error {
  readonly position: number;

  constructor(message: string, position: number) {
    super(`${message} (at character ${position + 1})`);
    this.name = 'TopicRuleError';
    this.position = position;
  }
}

type Lexeme =
  | { type: '(' | ')' | 'AND' | 'OR' | 'NOT' | 'end'; at: number }
  | { type: 'word' | 'phrase'; text: string; at: number };

const OPERATORS = new Set(['AND', 'OR', 'NOT']);

function lex(rule: string): Lexeme[] {
  const lexemes: Lexeme[] = [];
  let i = 0;
  while (i < rule.length) {
    const c = rule[i];
    if (/\s/.test(c)) {
      i++;
    } else if (c === '(' || c === ')') {
      lexemes.push({ type: c, at: i });
      i++;
    } else if (c === '"') {
      const close = rule.indexOf('"', i + 1);
      if (close < 0) throw new TopicRuleError('unterminated quoted phrase', i);
      lexemes.push({ type: 'phrase', text: rule.slice(i + 1, close), at: i });
      i = close + 1;
    } else {
      let j = i;
      while (j < rule.length && !/[\s()"]/.test(rule[j])) j++;
      const text = rule.slice(i, j);
      const upper = text.toUpperCase();
      if (OPERATORS.has(upper)) lexemes.push({ type: upper as 'AND' | 'OR' | 'NOT', at: i });
      else lexemes.push({ type: 'word', text, at: i });
      i = j;
    }
  }
  lexemes.push({ type: 'end', at: rule.length });
  return lexemes;
}

function termWords(text: string, at: number, quoted: boolean): PatternWord[] {
  const offset = quoted ? at + 1 : at;
  const parts = text.split(/(\s+)/);
  let position = offset;
  for (const part of parts) {
    const star = part.indexOf('*');
    if (star >= 0 && star !== part.length - 1) {
      throw new TopicRuleError('a * may only end a word', position + star);
    }
    if (
      star >= 0 &&
      parsePattern(part.slice(0, -1))
        .map((w) => w.norm)
        .join('').length < 2
    ) {
      throw new TopicRuleError('a * needs at least two letters before it', position + star);
    }
    position += part.length;
  }
  const words = parsePattern(text);
  if (words.length === 0) {
    throw new TopicRuleError(quoted ? 'empty quoted phrase' : `"${text}" has no letters or digits`, at);
  }
  return words;
}

/**
 * Parses a codeframe rule (grammar in the module comment).
 *
 * @param rule - the rule text.
 * @returns the rule tree.
 * @throws TopicRuleError with the position of the first problem: an empty rule, a missing operand
 *   or ")", an unbalanced "(" or ")", an unterminated quote, a misplaced `*`.
 * @example parseTopicRule('invoice* AND NOT thanks').kind // 'and'
 */
export function parseTopicRule(rule: string): TopicRule {
  const lexemes = lex(rule);
  let next = 0;
  const peek = () => lexemes[next];

  const parseOr = (): TopicRule => {
    const at = peek().at;
    const operands = [parseAnd()];
    while (peek().type === 'OR') {
      next++;
      operands.push(parseAnd());
    }
    return operands.length === 1 ? operands[0] : { kind: 'or', operands, at };
  };
  const startsOperand = (lexeme: Lexeme) =>
    lexeme.type === 'word' || lexeme.type === 'phrase' || lexeme.type === '(' || lexeme.type === 'NOT';
  const parseAnd = (): TopicRule => {
    const at = peek().at;
    const operands = [parseUnary()];
    for (;;) {
      if (peek().type === 'AND') {
        next++;
        operands.push(parseUnary());
      } else if (startsOperand(peek())) {
        operands.push(parseUnary());
      } else break;
    }
    return operands.length === 1 ? operands[0] : { kind: 'and', operands, at };
  };
  const parseUnary = (): TopicRule => {
    const lexeme = peek();
    if (lexeme.type === 'NOT') {
      next++;
      return { kind: 'not', operand: parseUnary(), at: lexeme.at };
    }
    return parsePrimary();
  };
  const parsePrimary = (): TopicRule => {
    const lexeme = peek();
    if (lexeme.type === '(') {
      next++;
      if (peek().type === ')') throw new TopicRuleError('empty parentheses', peek().at);
      const inner = parseOr();
      if (peek().type !== ')') throw new TopicRuleError('missing ")" for the "(" here', lexeme.at);
      next++;
      return inner;
    }
    if (lexeme.type === 'word' || lexeme.type === 'phrase') {
      next++;
      const quoted = lexeme.type === 'phrase';
      return {
        kind: 'term',
        words: termWords(lexeme.text, lexeme.at, quoted),
        source: lexeme.text,
        at: lexeme.at,
      };
    }
    if (lexeme.type === 'end') {
      throw new TopicRuleError(
        next === 0 ? 'empty rule' : 'the rule ends where a word was expected',
        lexeme.at,
      );
    }
    throw new TopicRuleError(`expected a word, a quoted phrase or "(" but found "${lexeme.type}"`, lexeme.at);
  };

  const tree = parseOr();
  const rest = peek();
  if (rest.type === ')') throw new TopicRuleError('")" without a matching "("', rest.at);
  if (rest.type !== 'end') throw new TopicRuleError(`unexpected "${rest.type}"`, rest.at);
  return tree;
}

/** A span of the comment: `text.slice(start, end)`. */
export type TextSpan = { start: number; end: number };

/** Whether a rule matched a comment, and the words that made it match (none for a NOT). */
export type RuleMatch = { matched: boolean; spans: TextSpan[] };

function termSpans(words: readonly PatternWord[], tokens: readonly Token[]): TextSpan[] {
  const spans: TextSpan[] = [];
  for (let i = 0; i + words.length <= tokens.length; i++) {
    let ok = true;
    for (let w = 0; w < words.length && ok; w++) {
      const word = words[w];
      const norm = tokens[i + w].norm;
      ok = word.prefix ? norm.startsWith(word.norm) : norm === word.norm;
    }
    if (ok) spans.push({ start: tokens[i].start, end: tokens[i + words.length - 1].end });
  }
  return spans;
}

/**
 * Evaluates a rule on a tokenised comment. A term matches where its words occur in order; AND
 * matches when every operand does, OR when one does, NOT when its operand does not. The spans are
 * those of the matching terms that made the rule true (a negated term contributes none).
 *
 * @param rule - a parsed rule ({@link parseTopicRule}).
 * @param tokens - the comment's tokens.
 * @returns whether it matched, and the spans, sorted and without duplicates.
 * @example evaluateTopicRule(parseTopicRule('late'), tokenize('Late again')) // { matched: true, spans: [{ start: 0, end: 4 }] }
 */
export function evaluateTopicRule(rule: TopicRule, tokens: readonly Token[]): RuleMatch {
  const spans = collect(rule, tokens);
  if (!spans) return { matched: false, spans: [] };
  const unique = new Map<string, TextSpan>();
  for (const span of spans) unique.set(`${span.start}:${span.end}`, span);
  return { matched: true, spans: [...unique.values()].sort((a, b) => a.start - b.start || a.end - b.end) };
}

/** The spans that make the rule true, or null when it is false. */
function collect(rule: TopicRule, tokens: readonly Token[]): TextSpan[] | null {
  switch (rule.kind) {
    case 'term': {
      const spans = termSpans(rule.words, tokens);
      return spans.length > 0 ? spans : null;
    }
    case 'not':
      return collect(rule.operand, tokens) ? null : [];
    case 'and': {
      const spans: TextSpan[] = [];
      for (const operand of rule.operands) {
        const found = collect(operand, tokens);
        if (!found) return null;
        spans.push(...found);
      }
      return spans;
    }
    case 'or': {
      let matched = false;
      const spans: TextSpan[] = [];
      for (const operand of rule.operands) {
        const found = collect(operand, tokens);
        if (found) {
          matched = true;
          spans.push(...found);
        }
      }
      return matched ? spans : null;
    }
  }
}
