import { type CleaningRules, DEFAULT_CLEANING_RULES } from './cleaningRules.ts';

/** Why a response looks automated. */
export type BotSignal = 'honeypot' | 'too_fast_to_read';

/** What the bot check looks at. */
export type BotCheckInput = {
  /** The hidden honeypot field: people never see it, form-filling bots fill it in. */
  readonly honeypot: string | null | undefined;
  /** Seconds from start to submit; null/undefined when unknown. */
  readonly durationSeconds: number | null | undefined;
  /** How many questions the response answered. */
  readonly answeredQuestions: number;
};

/**
 * The signs that a response was submitted by a bot rather than a person.
 *
 * - `honeypot`: the hidden honeypot field holds anything but whitespace.
 * - `too_fast_to_read`: durationSeconds < minSecondsPerQuestion × answeredQuestions, i.e. faster
 *   than anyone can read the questions answered (needs a known duration and at least one answer).
 *
 * @param input the honeypot value, the duration and the number of answered questions
 * @param rules `minSecondsPerQuestion` (default 1; 0 turns the speed signal off)
 * @returns the signals found, in the order above; empty when the response looks human
 * @example botSignals({ honeypot: 'http://spam', durationSeconds: 5, answeredQuestions: 20 }) // ['honeypot', 'too_fast_to_read']
 */
export function botSignals(
  input: BotCheckInput,
  rules: Pick<CleaningRules, 'minSecondsPerQuestion'> = DEFAULT_CLEANING_RULES,
): BotSignal[] {
  const signals: BotSignal[] = [];
  if (input.honeypot != null && input.honeypot.trim() !== '') signals.push('honeypot');
  const { durationSeconds, answeredQuestions } = input;
  if (
    durationSeconds != null &&
    Number.isFinite(durationSeconds) &&
    answeredQuestions > 0 &&
    durationSeconds < rules.minSecondsPerQuestion * answeredQuestions
  ) {
    signals.push('too_fast_to_read');
  }
  return signals;
}
