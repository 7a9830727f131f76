// Writes the benchmark's Qualtrics-shaped export of a relationship survey (`npm run bench -- import`),
// in its own process so the import's memory is measured alone. Not timed.
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { generateAnswers } from '../src/demo/answerGenerator.ts';
import { drawLatentRespondent } from '../src/demo/causalModel.ts';
import { SeededRandom } from '../src/demo/seededRandom.ts';
import { csvField } from '../src/responseFiles/exportColumns.ts';
import {
  AGREEMENT_SCALE_LABELS,
  DISSONANCE_LABELS,
  EXPERIENCE_EMOTIONS,
  NOT_APPLICABLE_LABEL,
  type Question,
  surveyQuestions,
} from '../src/surveys/definition/index.ts';
import { relationshipSurveyTemplate } from '../src/surveys/library/index.ts';

const [path, rowsArgument] = process.argv.slice(2);
const rows = Number(rowsArgument);
const definition = relationshipSurveyTemplate();
const DAY = 86_400_000;
const START = Date.UTC(2022, 0, 1);

/** One export column: Qualtrics' name, label and ImportId, and how to write its cell from the answers. */
interface Column {
  name: string;
  label: string;
  importId: string;
  cell: (answers: Record<string, unknown>) => string;
}

function columnsOf(question: Question, n: number): Column[] {
  const id = question.id;
  const text = question.text.en;
  const whole = (cell: Column['cell']): Column[] => [
    { name: `Q${n}`, label: text, importId: `QID${n}`, cell },
  ];
  const perOption = (
    options: { value: string; label: string }[],
    cell: (answer: unknown, value: string) => string,
  ) =>
    options.map((option, k) => ({
      name: `Q${n}_${k + 1}`,
      label: `${text} - ${option.label}`,
      importId: `QID${n}_${k + 1}`,
      cell: (answers: Record<string, unknown>) => cell(answers[id], option.value),
    }));
  switch (question.type) {
    case 'agreement':
      // Exported as choice text, as Qualtrics does when asked for labels.
      return whole((a) =>
        a[id] === undefined
          ? ''
          : a[id] === 'notApplicable'
            ? NOT_APPLICABLE_LABEL.en
            : AGREEMENT_SCALE_LABELS[(a[id] as number) - 1].en,
      );
    case 'dissonance':
      return whole((a) => (a[id] ? DISSONANCE_LABELS[a[id] as 'worse'].en : ''));
    case 'singleChoice':
      return whole((a) => question.options.find((o) => o.value === a[id])?.text.en ?? '');
    case 'consent':
      return whole((a) => (a[id] === undefined ? '' : a[id] ? '1' : '0'));
    case 'ranking':
      return perOption(
        question.options.map((o) => ({ value: o.value, label: o.text.en })),
        (answer, value) =>
          Array.isArray(answer) && answer.includes(value) ? String(answer.indexOf(value) + 1) : '',
      );
    case 'multipleChoice':
      return perOption(
        question.options.map((o) => ({ value: o.value, label: o.text.en })),
        (answer, value) => (Array.isArray(answer) && answer.includes(value) ? '1' : ''),
      );
    case 'emotions':
      return perOption(
        EXPERIENCE_EMOTIONS.map((e) => ({ value: e.key, label: e.label.en })),
        (answer, value) => (Array.isArray(answer) && answer.includes(value) ? '1' : ''),
      );
    default:
      return whole((a) => (a[id] === undefined ? '' : String(a[id])));
  }
}

const questionColumns = surveyQuestions(definition).flatMap((q, i) => columnsOf(q, i + 1));
const meta = [
  ['StartDate', 'Start Date', 'startDate'],
  ['EndDate', 'End Date', 'endDate'],
  ['Status', 'Response Type', 'status'],
  ['Progress', 'Progress', 'progress'],
  ['Duration (in seconds)', 'Duration (in seconds)', 'duration'],
  ['Finished', 'Finished', 'finished'],
  ['RecordedDate', 'Recorded Date', 'recordedDate'],
  ['ResponseId', 'Response ID', '_recordId'],
  ['RecipientEmail', 'Recipient Email', 'recipientEmail'],
  ['UserLanguage', 'User Language', 'userLanguage'],
];
const row = (cells: string[]) => `${cells.map(csvField).join(',')}\n`;
const out = createWriteStream(path);
out.write(row([...meta.map((m) => m[0]), ...questionColumns.map((c) => c.name)]));
out.write(row([...meta.map((m) => m[1]), ...questionColumns.map((c) => c.label)]));
out.write(
  row([
    ...meta.map((m) => JSON.stringify({ ImportId: m[2] })),
    ...questionColumns.map((c) => JSON.stringify({ ImportId: c.importId })),
  ]),
);

const random = new SeededRandom(7);
const stamp = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
let pending = '';
for (let i = 0; i < rows; i++) {
  const language = random.next() < 0.3 ? 'it' : 'en';
  const latent = drawLatentRespondent(random, random.normal(), 0);
  const { answers, comment } = generateAnswers(random, definition, latent, language, 0.35);
  if (comment) answers[comment.questionId] = comment.text;
  const recorded = START + Math.floor((i / rows) * 730 * DAY) + random.integer(0, DAY - 1);
  const duration = random.integer(90, 900);
  const cells = [
    stamp(recorded - duration * 1000),
    stamp(recorded),
    'IP Address',
    '100',
    String(duration),
    '1',
    stamp(recorded),
    `R_${i.toString(36).padStart(8, '0')}${random.integer(0, 1e9).toString(36)}`,
    '',
    language.toUpperCase(),
    ...questionColumns.map((c) => c.cell(answers)),
  ];
  pending += row(cells);
  if (pending.length > 1 << 20) {
    if (!out.write(pending)) await once(out, 'drain');
    pending = '';
  }
}
out.write(pending);
out.end();
await once(out, 'finish');
process.stdout.write(`${JSON.stringify({ columns: meta.length + questionColumns.length })}\n`);
