/**
 * The quality flags a response can carry. These exact strings are stored in the
 * `responses.quality_flags text[]` column, so they are part of the data format: add, never rename.
 *
 * - `speeder`: finished much faster than the survey's median respondent.
 * - `straight_liner`: gave the same answer to every agreement item (six or more by default).
 * - `duplicate`: the same contact, or the same anonymous device with the same answers, answered
 *   the survey again within the duplicate window.
 * - `bot`: filled the hidden honeypot field, or answered faster than a person can read.
 * - `gibberish`: a verbatim comment is keyboard mashing or nonsense.
 */
export const QUALITY_FLAGS = ['speeder', 'straight_liner', 'duplicate', 'bot', 'gibberish'] as const;

/** One quality flag, as stored in `responses.quality_flags`. */
export type QualityFlag = (typeof QUALITY_FLAGS)[number];
