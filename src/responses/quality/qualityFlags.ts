import {
  type Answers,
  isAnswered,
  type SurveyDefinition,
  surveyQuestions,
} from '../../surveys/definition/index.ts';
import { botSignals } from './bot.ts';
import { type CleaningRules, DEFAULT_CLEANING_RULES } from './cleaningRules.ts';
import { type DuplicateCandidate, isDuplicate } from './duplicate.ts';
import { isGibberish } from './gibberish.ts';
import { QUALITY_FLAGS, type QualityFlag } from './qualityFlag.ts';
import { isSpeeder } from './speeder.ts';
import { isStraightLiner } from './straightLining.ts';

/** Everything the quality check needs to know about one submitted response. */
export type QualityCheckInput = {
  readonly definition: SurveyDefinition;
  readonly answers: Answers;
  /** Seconds from start to submit; null when unknown. */
  readonly durationSeconds: number | null;
  /** Median duration of the survey's completed responses; null when there are too few to tell. */
  readonly medianSeconds: number | null;
  /** The hidden honeypot field's value; undefined/null when the form had none or it came back empty. */
  readonly honeypot: string | null | undefined;
  /** The response's verbatim comments (text answers and "other" texts). */
  readonly comments: readonly string[];
  /** The respondent's language, for the gibberish check. */
  readonly language?: string;
  /** `responseFingerprint` of this response. */
  readonly fingerprint: string;
  readonly contactId: string | null | undefined;
  readonly submittedAt: Date;
  /** The survey's responses submitted before this one within (at least) the duplicate window. */
  readonly recent: readonly DuplicateCandidate[];
};

/** The quality verdict on a response: its flags, and whether they keep it out of analysis. */
export type QualityVerdict = { flags: QualityFlag[]; excluded: boolean };

/**
 * All quality flags of a response, combining the individual checks:
 * `speeder` (`isSpeeder`), `straight_liner` (`isStraightLiner`), `duplicate` (`isDuplicate` against
 * `recent`), `bot` (any of `botSignals`, counting the questions of the survey that were answered)
 * and `gibberish` (any non-blank comment for which `isGibberish`).
 * The response is excluded from analysis when it carries at least one flag listed in
 * `rules.excludeFlags`; flags outside that list are recorded for review only.
 *
 * @param input the response and its context
 * @param rules the survey's cleaning rules (default `DEFAULT_CLEANING_RULES`)
 * @returns the flags, in the order of `QUALITY_FLAGS`, and `excluded`
 * @example qualityFlags({ ...cleanResponse, durationSeconds: 40, medianSeconds: 300 }) // { flags: ['speeder'], excluded: true } (40 s is under a third of 300 s, and over 1 s per question)
 */
export function qualityFlags(
  input: QualityCheckInput,
  rules: CleaningRules = DEFAULT_CLEANING_RULES,
): QualityVerdict {
  const answeredQuestions = surveyQuestions(input.definition).filter((question) =>
    isAnswered(input.answers[question.id]),
  ).length;
  const found: Record<QualityFlag, boolean> = {
    speeder: isSpeeder(input.durationSeconds, input.medianSeconds, rules),
    straight_liner: isStraightLiner(input.definition, input.answers, rules),
    duplicate: isDuplicate(
      input.recent,
      { fingerprint: input.fingerprint, contactId: input.contactId, submittedAt: input.submittedAt },
      rules,
    ),
    bot:
      botSignals(
        { honeypot: input.honeypot, durationSeconds: input.durationSeconds, answeredQuestions },
        rules,
      ).length > 0,
    gibberish: input.comments.some(
      (comment) => comment.trim() !== '' && isGibberish(comment, input.language, rules.gibberish),
    ),
  };
  const flags = QUALITY_FLAGS.filter((flag) => found[flag]);
  return { flags, excluded: flags.some((flag) => rules.excludeFlags.includes(flag)) };
}
