import type { Question, SurveyDefinition } from '../surveys/definition/index.ts';
import { optionValueOf } from './answerCells.ts';
import type { MappingFile } from './columnMapping.ts';
import { csvRecords } from './csvRecords.ts';
import { type ExportLayout, exportLayout, type ImportFormat } from './exportLayout.ts';
import { headRecords, type ImportSource, sourceChunks } from './importSource.ts';

const INTEGER = /^[+-]?\d+$/;
const MAX_CHOICES = 12;

interface ColumnStats {
  answered: number;
  integers: boolean;
  min: number;
  max: number;
  distinct: Set<string> | null;
  longest: number;
}

/**
 * A survey for an export that has none in Rapport yet (`--create-survey`): one question per
 * answered column, typed from its values. Whole numbers 0–10 under an NPS label become `nps`,
 * other whole-number ranges `rating`, up to 12 distinct texts `singleChoice`, the rest `text`.
 * Returns the definition and the mapping that fills it.
 */
export async function inferSurvey(
  format: ImportFormat,
  source: ImportSource,
  title: string,
): Promise<{ definition: SurveyDefinition; mapping: MappingFile; layout: ExportLayout }> {
  const layout = exportLayout(format, await headRecords(source));
  const stats: ColumnStats[] = layout.columns.map(() => ({
    answered: 0,
    integers: true,
    min: Number.POSITIVE_INFINITY,
    max: Number.NEGATIVE_INFINITY,
    distinct: new Set<string>(),
    longest: 0,
  }));
  let index = 0;
  for await (const record of csvRecords(sourceChunks(source))) {
    if (index++ >= layout.headerRows) collect(record.fields, stats);
  }
  const meta = new Set(Object.values(layout.meta));
  const used = new Set<string>();
  const questions: Question[] = [];
  const mapping: MappingFile = { columns: {} };
  for (const column of layout.columns) {
    const stat = stats[column.index];
    if (meta.has(column.index) || !stat || stat.answered === 0) continue;
    let id =
      column.name
        .replace(/[^A-Za-z0-9_.-]+/g, '_')
        .replace(/^[^A-Za-z]+/, '')
        .slice(0, 60) || 'question';
    for (let n = 2; used.has(id.toLowerCase()); n++) id = `${id.replace(/_\d+$/, '')}_${n}`;
    used.add(id.toLowerCase());
    const text = {
      en: (column.label.trim() || column.name.trim() || `Column ${column.index + 1}`).slice(0, 2000),
    };
    const anchors = { minLabel: { en: 'Lowest' }, maxLabel: { en: 'Highest' } };
    let question: Question;
    if (
      stat.integers &&
      stat.min >= 0 &&
      stat.max <= 10 &&
      /recommend|nps|empfehl|consiglier/i.test(`${column.name} ${column.label}`)
    ) {
      question = { id, type: 'nps', text, ...anchors };
    } else if (stat.integers && stat.max - stat.min <= 100) {
      question = {
        id,
        type: 'rating',
        text,
        min: stat.min,
        max: Math.max(stat.max, stat.min + 1),
        ...anchors,
      };
    } else if (stat.distinct && stat.distinct.size >= 2) {
      const seen = new Set<string>();
      const options = [...stat.distinct]
        .map((value) => ({ value: optionValueOf(value), text: { en: value } }))
        .filter((o) => !seen.has(o.value) && seen.add(o.value));
      question =
        options.length >= 2 ? { id, type: 'singleChoice', text, options } : { id, type: 'text', text };
    } else {
      question = { id, type: 'text', text, ...(stat.longest > 200 ? { multiline: true } : {}) };
    }
    if (question.type === 'text')
      (question as { maxLength?: number }).maxLength = Math.min(20_000, Math.max(5000, stat.longest));
    questions.push(question);
    mapping.columns[column.name] = id;
  }
  if (questions.length === 0)
    throw new Error('the export has no answered question columns to build a survey from');
  return {
    layout,
    mapping,
    definition: {
      formatVersion: 1,
      title: { en: title },
      languages: ['en'],
      defaultLanguage: 'en',
      pages: [{ id: 'imported', blocks: [{ id: 'questions', questions }] }],
    },
  };
}

function collect(fields: string[], stats: ColumnStats[]) {
  for (let i = 0; i < stats.length; i++) {
    const value = (fields[i] ?? '').trim();
    if (value === '' || value === '-99') continue;
    const stat = stats[i];
    stat.answered++;
    stat.longest = Math.max(stat.longest, value.length);
    if (INTEGER.test(value)) {
      const n = Number(value);
      stat.min = Math.min(stat.min, n);
      stat.max = Math.max(stat.max, n);
    } else stat.integers = false;
    if (stat.distinct) {
      stat.distinct.add(value);
      if (stat.distinct.size > MAX_CHOICES || value.length > 80) stat.distinct = null;
    }
  }
}
