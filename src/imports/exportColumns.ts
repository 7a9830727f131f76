import {
  EXPERIENCE_EMOTIONS,
  localize,
  type Question,
  type SurveyDefinition,
  surveyQuestions,
} from '../surveys/definition/index.ts';

/** One column of a response export: its name, its label row text, its ImportId and the SQL giving its text. */
export interface ExportColumnSpec {
  name: string;
  label: string;
  importId: string;
  sql: string;
}

const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;
const utc = (column: string) => `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS')`;

/** Response metadata first, named as Qualtrics names them so the export reads back in. */
const META_COLUMNS: ExportColumnSpec[] = [
  { name: 'ResponseId', label: 'Response ID', importId: '_recordId', sql: 'r.response_id::text' },
  { name: 'StartDate', label: 'Start Date', importId: 'startDate', sql: utc('r.started_at') },
  { name: 'RecordedDate', label: 'Recorded Date', importId: 'recordedDate', sql: utc('r.submitted_at') },
  { name: 'Finished', label: 'Finished', importId: 'finished', sql: "'1'" },
  { name: 'UserLanguage', label: 'User Language', importId: 'userLanguage', sql: 'r.language' },
  { name: 'Channel', label: 'Channel', importId: 'channel', sql: 'r.channel' },
  {
    name: 'SurveyVersion',
    label: 'Survey version',
    importId: 'surveyVersion',
    sql: 'r.survey_version::text',
  },
  {
    name: 'Excluded',
    label: 'Excluded from analysis',
    importId: 'excluded',
    sql: "case when r.excluded then '1' else '0' end",
  },
];

function optionsOf(question: Question): { value: string; label: string }[] {
  if (question.type === 'emotions')
    return EXPERIENCE_EMOTIONS.filter((e) => !question.emotions || question.emotions.includes(e.key)).map(
      (e) => ({
        value: e.key,
        label: e.label.en,
      }),
    );
  if (question.type === 'multipleChoice' || question.type === 'ranking')
    return question.options.map((o) => ({ value: o.value, label: '' }));
  return [];
}

/**
 * The columns of a survey's response export, one per question (one per matrix row, one per
 * option of multiple choice, emotions and ranking questions, plus the "other" texts), each with
 * the SQL that reads it from `r.answers`, so the database formats the export itself.
 */
export function exportColumns(definition: SurveyDefinition): ExportColumnSpec[] {
  const language = definition.defaultLanguage;
  const columns = [...META_COLUMNS];
  for (const question of surveyQuestions(definition)) {
    const id = question.id;
    const answer = `r.answers->${literal(id)}`;
    const text = localize(question.text, language, language);
    const add = (suffix: string, label: string, sql: string) =>
      columns.push({
        name: suffix ? `${id}_${suffix}` : id,
        label: label ? `${text} - ${label}` : text,
        importId: suffix ? `${id}_${suffix}` : id,
        sql,
      });
    switch (question.type) {
      case 'matrix':
        for (const row of question.rows)
          add(row.id, localize(row.text, language, language), `${answer}->>${literal(row.id)}`);
        break;
      case 'multipleChoice':
      case 'emotions':
        for (const option of optionsOf(question)) {
          const label =
            question.type === 'multipleChoice'
              ? localize(question.options.find((o) => o.value === option.value)!.text, language, language)
              : option.label;
          add(option.value, label, `case when ${answer} ? ${literal(option.value)} then '1' end`);
        }
        if (question.type === 'multipleChoice' && question.other)
          add('TEXT', 'Other', `jsonb_path_query_first(${answer}, '$[*].other') #>> '{}'`);
        break;
      case 'ranking':
        for (const option of question.options)
          add(
            option.value,
            localize(option.text, language, language),
            `(select e.n::text from jsonb_array_elements_text(${answer}) with ordinality as e(v, n) where e.v = ${literal(option.value)})`,
          );
        break;
      case 'singleChoice':
        add('', '', `case when jsonb_typeof(${answer}) = 'object' then '_other' else ${answer} #>> '{}' end`);
        if (question.other) add('TEXT', 'Other', `${answer}->>'other'`);
        break;
      default:
        add('', '', `${answer} #>> '{}'`);
    }
  }
  return columns;
}

/** One CSV field: quoted when it holds a comma, quote or line break. */
export function csvField(value: string | null | undefined): string {
  if (value === null || value === undefined) return '';
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** The three header rows: names, labels, and `{"ImportId": …}` as in a current Qualtrics export. */
export function exportHeader(columns: readonly ExportColumnSpec[]): string {
  const row = (cells: string[]) => `${cells.map(csvField).join(',')}\n`;
  return (
    row(columns.map((c) => c.name)) +
    row(columns.map((c) => c.label)) +
    row(columns.map((c) => JSON.stringify({ ImportId: c.importId })))
  );
}
