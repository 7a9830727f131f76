import type { RelationshipSegment, SegmentRules } from '../../domain/forces/index.ts';
import { csatTopTwoBox, DEFAULT_SEGMENT_RULES, relationshipSegment } from '../../domain/forces/index.ts';
import { categoryCountsOf, npsFromCounts } from '../../domain/statistics/index.ts';
import { AnalyzeInputError } from './analyzeInputError.ts';
import type { AnswerScale } from './answerScale.ts';
import { answerScaleOf, assertOnScale, pointsOnScale } from './answerScale.ts';
import { assertColumnsExist } from './columnIndex.ts';
import { COMMON_OPTIONS, cellRulesOf, commandOptionsOf } from './commandOptions.ts';
import type { CsvTable } from './csvTable.ts';
import { figureText, intervalText, percentText } from './figureText.ts';
import { npsAnswersOf } from './npsAnswers.ts';
import type { CellRules } from './numericColumn.ts';
import { assertRuleColumns, numericColumn } from './numericColumn.ts';
import type { SubcommandContext } from './subcommandContext.ts';
import { formatTextTable } from './textTable.ts';

export const SEGMENTS_USAGE =
  'rapport analyze segments --csv FILE --satisfaction COL --attachment COL [--satisfaction-scale 1-5] [--attachment-scale 1-5|0-100] [--nps COL] [--retention COL] [--retention-scale 1-5] [--missing CODES] [--json]';

/** Scale of satisfaction, attachment and retention answers when no option says otherwise. */
export const DEFAULT_ANSWER_SCALE: AnswerScale = { min: 1, max: 5 };

/** The segments in report order, with their names for people. */
export const SEGMENT_LABELS: Readonly<Record<RelationshipSegment, string>> = {
  emotionally_attached: 'emotionally attached',
  functionally_satisfied: 'functionally satisfied',
  unfulfilled: 'unfulfilled',
};

/** What the analyst asked `rapport analyze segments` for. */
export interface SegmentsRequest {
  readonly satisfaction: string;
  readonly attachment: string;
  readonly satisfactionScale: AnswerScale;
  readonly attachmentScale: AnswerScale;
  /** 0–10 likelihood-to-recommend column, if any. */
  readonly nps?: string;
  /** Likelihood-to-continue column, if any, and its scale. */
  readonly retention?: string;
  readonly retentionScale: AnswerScale;
  readonly rules: CellRules;
}

/** NPS of a segment. */
export interface SegmentNps {
  /** Segment members who answered the recommendation question. */
  readonly n: number;
  readonly score: number;
  readonly standardError: number;
  readonly lower: number;
  readonly upper: number;
}

/** Retention of a segment. */
export interface SegmentRetention {
  /** Segment members who answered the retention question. */
  readonly n: number;
  /** Mean answer on the retention scale. */
  readonly mean: number;
  /** Share (0–1) in the top two points of the scale; null on a scale of fewer than 3 points. */
  readonly topTwoBoxShare: number | null;
}

/** One row of the segment outcome table. */
export interface SegmentFigures {
  readonly segment: RelationshipSegment;
  readonly n: number;
  /** n / respondents placed in a segment. */
  readonly share: number;
  /** Null when no NPS column was given or nobody in the segment answered it. */
  readonly nps: SegmentNps | null;
  /** Mean satisfaction in 0–100 points; null for an empty segment. */
  readonly meanSatisfaction: number | null;
  /** Null when no retention column was given or nobody in the segment answered it. */
  readonly retention: SegmentRetention | null;
}

/** The result of `rapport analyze segments`. */
export interface SegmentsReport {
  readonly command: 'segments';
  readonly file: string;
  /** Data rows in the file. */
  readonly rows: number;
  /** Rows placed in a segment. */
  readonly segmented: number;
  /** Rows without a segment: satisfaction missing, or satisfied with attachment missing. */
  readonly notEnoughAnswers: number;
  readonly satisfaction: { readonly column: string; readonly scale: AnswerScale };
  readonly attachment: { readonly column: string; readonly scale: AnswerScale };
  readonly segmentRules: SegmentRules;
  readonly nps: { readonly column: string } | null;
  readonly retention: { readonly column: string; readonly scale: AnswerScale } | null;
  readonly segments: readonly SegmentFigures[];
}

/**
 * The relationship segment outcome table: respondents placed by the Forces core's
 * `relationshipSegment` with its default rules (satisfied at ≥ 75 points, attached at ≥ 75), and per
 * segment its size, share, NPS with 95 % interval, mean satisfaction and retention.
 *
 * Scale conversions: satisfaction and attachment answers become 0–100 points with `csatPoints`,
 * 100 · (x − min) / (max − min): a 1–5 answer maps 1→0, 2→25, 3→50, 4→75, 5→100 (so "satisfied"
 * is the top-two box and "attached" is agreeing on average), and a 0–100 attachment index stays
 * as it is. Retention is reported on its own scale (mean) and as the top-two-box share.
 *
 * @param table the parsed CSV
 * @param request columns, scales and cell rules
 * @returns the table, with the count of respondents who could not be placed
 * @throws AnalyzeInputError for unknown columns, non-numeric or out-of-scale answers (with their
 *   line), or when nobody can be placed in a segment
 * @example
 * const table = { source: 'x.csv', delimiter: ',', columns: ['sat', 'att'], rows: [['5', '4'], ['4', '2'], ['2', ''], ['', '5']], lines: [2, 3, 4, 5] };
 * const scale = DEFAULT_ANSWER_SCALE;
 * segmentsReportOf(table, { satisfaction: 'sat', attachment: 'att', satisfactionScale: scale, attachmentScale: scale, retentionScale: scale, rules: PLAIN_CELLS }).segments.map((s) => s.n) // [1, 1, 1]
 */
export function segmentsReportOf(table: CsvTable, request: SegmentsRequest): SegmentsReport {
  assertColumnsExist(
    table,
    [request.satisfaction, request.attachment, request.nps, request.retention].filter(
      (name) => name !== undefined,
    ),
  );
  assertRuleColumns(table, request.rules);
  const satisfaction = pointsOnScale(
    numericColumn(table, request.satisfaction, request.rules),
    request.satisfactionScale,
    { table, column: request.satisfaction, option: '--satisfaction-scale' },
  );
  const attachment = pointsOnScale(
    numericColumn(table, request.attachment, request.rules),
    request.attachmentScale,
    { table, column: request.attachment, option: '--attachment-scale' },
  );
  const nps = request.nps === undefined ? undefined : npsAnswersOf(table, request.nps, request.rules);
  const retention = request.retention === undefined ? undefined : retentionAnswersOf(table, request);

  const members: Record<RelationshipSegment, number[]> = {
    emotionally_attached: [],
    functionally_satisfied: [],
    unfulfilled: [],
  };
  let notEnoughAnswers = 0;
  table.rows.forEach((_, r) => {
    const placed = relationshipSegment({ satisfaction: satisfaction[r], attachment: attachment[r] });
    if (placed.segment === null) notEnoughAnswers++;
    else members[placed.segment].push(r);
  });
  const segmented = table.rows.length - notEnoughAnswers;
  if (segmented === 0) {
    throw new AnalyzeInputError(
      'too_few_rows',
      `nobody in ${table.source} can be placed in a segment: every row lacks '${request.satisfaction}', or is satisfied without '${request.attachment}'`,
    );
  }
  const segments = (Object.keys(SEGMENT_LABELS) as RelationshipSegment[]).map((segment) => {
    const rows = members[segment];
    return {
      segment,
      n: rows.length,
      share: rows.length / segmented,
      nps: nps === undefined ? null : segmentNps(rows.map((r) => nps[r])),
      meanSatisfaction: meanOf(rows.map((r) => satisfaction[r])),
      retention:
        retention === undefined
          ? null
          : segmentRetention(
              rows.map((r) => retention[r]),
              request.retentionScale,
            ),
    };
  });
  return {
    command: 'segments',
    file: table.source,
    rows: table.rows.length,
    segmented,
    notEnoughAnswers,
    satisfaction: { column: request.satisfaction, scale: request.satisfactionScale },
    attachment: { column: request.attachment, scale: request.attachmentScale },
    segmentRules: DEFAULT_SEGMENT_RULES,
    nps: request.nps === undefined ? null : { column: request.nps },
    retention:
      request.retention === undefined ? null : { column: request.retention, scale: request.retentionScale },
    segments,
  };
}

/**
 * The segment table as plain text: what was measured and how it was rescaled, then one row per
 * segment and the count of respondents with not enough answers.
 *
 * @param report the report
 * @returns the text (no final newline)
 * @example formatSegmentsReport(report).split('\n')[0] // with the report of `segmentsReportOf`'s example: 'Relationship segments in x.csv: 3 of 4 rows placed (1 with not enough answers)'
 */
export function formatSegmentsReport(report: SegmentsReport): string {
  const scale = ({ min, max }: AnswerScale) => `${min}-${max}`;
  const withNps = report.nps !== null;
  const withRetention = report.retention !== null;
  const header = [
    'segment',
    'n',
    'share',
    ...(withNps ? ['NPS', 'NPS 95% CI', 'NPS n'] : []),
    'satisfaction',
    ...(withRetention ? ['retention mean', 'retention top-2', 'retention n'] : []),
  ];
  const rows = report.segments.map((figures) => [
    SEGMENT_LABELS[figures.segment],
    String(figures.n),
    percentText(figures.share),
    ...(withNps
      ? figures.nps === null
        ? ['–', '–', '0']
        : [
            figureText(figures.nps.score, 1),
            intervalText(figures.nps.lower, figures.nps.upper, 1),
            String(figures.nps.n),
          ]
      : []),
    figureText(figures.meanSatisfaction, 1),
    ...(withRetention
      ? figures.retention === null
        ? ['–', '–', '0']
        : [
            figureText(figures.retention.mean, 2),
            percentText(figures.retention.topTwoBoxShare),
            String(figures.retention.n),
          ]
      : []),
  ]);
  rows.push(['not enough answers', String(report.notEnoughAnswers), ...header.slice(2).map(() => '')]);
  const rules = report.segmentRules;
  return [
    `Relationship segments in ${report.file}: ${report.segmented} of ${report.rows} rows placed (${report.notEnoughAnswers} with not enough answers)`,
    `satisfaction '${report.satisfaction.column}' (${scale(report.satisfaction.scale)}) and attachment '${report.attachment.column}' (${scale(report.attachment.scale)}) rescaled to 0-100; satisfied at >= ${rules.satisfiedAtLeast}, attached at >= ${rules.attachedAtLeast}; satisfaction column is the segment mean in points`,
    ...(report.retention === null
      ? []
      : [
          `retention '${report.retention.column}' on ${scale(report.retention.scale)}: mean answer and share in the top two points`,
        ]),
    '',
    formatTextTable(header, rows),
  ].join('\n');
}

/**
 * `rapport analyze segments`: reads the options and the file, computes the segment table and
 * writes it as text or JSON.
 *
 * @param args the arguments after `segments`
 * @param context output and file loading
 * @throws AnalyzeInputError for bad options or input
 * @example await runSegmentsCommand(['--csv', 'x.csv', '--satisfaction', 'sat', '--attachment', 'att'], context) // resolves after context.stdout received the table
 */
export async function runSegmentsCommand(args: readonly string[], context: SubcommandContext): Promise<void> {
  const options = commandOptionsOf(
    args,
    {
      ...COMMON_OPTIONS,
      satisfaction: 'string',
      attachment: 'string',
      'satisfaction-scale': 'string',
      'attachment-scale': 'string',
      nps: 'string',
      retention: 'string',
      'retention-scale': 'string',
    },
    SEGMENTS_USAGE,
  );
  const csv = options.required('csv');
  const scaleOption = (name: string) => {
    const text = options.text(name);
    return text === undefined ? DEFAULT_ANSWER_SCALE : answerScaleOf(text, `--${name}`);
  };
  const nps = options.text('nps')?.trim();
  const retention = options.text('retention')?.trim();
  const request: SegmentsRequest = {
    satisfaction: options.required('satisfaction').trim(),
    attachment: options.required('attachment').trim(),
    satisfactionScale: scaleOption('satisfaction-scale'),
    attachmentScale: scaleOption('attachment-scale'),
    retentionScale: scaleOption('retention-scale'),
    rules: cellRulesOf(options),
    ...(nps === undefined ? {} : { nps }),
    ...(retention === undefined ? {} : { retention }),
  };
  const report = segmentsReportOf(await context.loadTable(csv), request);
  context.stdout(options.flag('json') ? JSON.stringify(report, null, 2) : formatSegmentsReport(report));
}

function retentionAnswersOf(table: CsvTable, request: SegmentsRequest): (number | null)[] {
  const column = request.retention ?? '';
  const values = numericColumn(table, column, request.rules);
  values.forEach((value, r) => {
    if (value !== null)
      assertOnScale(value, request.retentionScale, { table, column, option: '--retention-scale' }, r);
  });
  return values;
}

function segmentNps(answers: readonly (number | null)[]): SegmentNps | null {
  const given = answers.filter((answer) => answer !== null);
  if (given.length === 0) return null;
  const result = npsFromCounts(categoryCountsOf(given));
  return {
    n: result.n,
    score: result.score,
    standardError: result.standardError,
    lower: result.lower,
    upper: result.upper,
  };
}

function segmentRetention(answers: readonly (number | null)[], scale: AnswerScale): SegmentRetention | null {
  const given = answers.filter((answer) => answer !== null);
  if (given.length === 0) return null;
  // csatTopTwoBox needs at least 3 points: on a yes/no (0-1) retention the mean is already the rate.
  const topTwo =
    scale.max - scale.min >= 2
      ? given.filter((answer) => csatTopTwoBox(answer, scale.max, scale.min)).length / given.length
      : null;
  const mean = given.reduce((sum, answer) => sum + answer, 0) / given.length;
  return { n: given.length, mean, topTwoBoxShare: topTwo };
}

function meanOf(values: readonly (number | null)[]): number | null {
  const given = values.filter((value) => value !== null);
  return given.length === 0 ? null : given.reduce((sum, value) => sum + value, 0) / given.length;
}
