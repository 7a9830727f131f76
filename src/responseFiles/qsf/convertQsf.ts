import {
  type Block,
  type LocalizedText,
  type Page,
  parseSurveyDefinition,
  type Question,
  type SurveyDefinition,
} from '../../surveys/definition/index.ts';
import { optionValueOf } from '../answerCells.ts';
import { ImportFileError } from '../importFileError.ts';
import { plainText } from './qsfText.ts';

/** A question the conversion could not carry over, named as in Qualtrics. */
export interface UnsupportedQuestion {
  qid: string;
  tag: string;
  type: string;
  reason: string;
}

export interface QsfConversion {
  name: string;
  definition: SurveyDefinition | null;
  converted: { qid: string; id: string; type: Question['type'] }[];
  unsupported: UnsupportedQuestion[];
  /** What was converted with a loss (logic, text entry on a choice), by question. */
  notes: string[];
  /** Rules of the format the result breaks (empty when `definition` is set). */
  issues: string[];
}

type Json = Record<string, any>;

const QUESTION_ID = /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/;

function questionIdFor(tag: string, qid: string, used: Set<string>): string {
  let base = tag.replace(/[^A-Za-z0-9_.-]+/g, '_');
  if (!/^[A-Za-z]/.test(base)) base = `Q${base}`;
  if (!QUESTION_ID.test(base)) base = qid;
  base = base.slice(0, 60);
  let id = base;
  for (let n = 2; used.has(id.toLowerCase()); n++) id = `${base}_${n}`;
  used.add(id.toLowerCase());
  return id;
}

/** A Qualtrics choice list in display order: [choice id, its text, its code]. */
function choicesOf(
  payload: Json,
  field: 'Choices' | 'Answers',
  recodes?: Json,
): { id: string; text: string; code: string; textEntry: boolean }[] {
  const choices = (payload[field] ?? {}) as Json;
  const order: string[] =
    (field === 'Choices' ? payload.ChoiceOrder : payload.AnswerOrder)?.map(String) ?? Object.keys(choices);
  return order
    .filter((id) => choices[id])
    .map((id) => ({
      id,
      text: plainText(choices[id].Display) || id,
      code: String(recodes?.[id] ?? id),
      textEntry: choices[id].TextEntry === 'true' || choices[id].TextEntry === true,
    }));
}

function uniqueOptions(list: { code: string; text: string }[], language: string) {
  const seen = new Set<string>();
  const options: { value: string; text: LocalizedText }[] = [];
  for (const { code, text } of list) {
    const value = optionValueOf(code);
    if (seen.has(value)) continue;
    seen.add(value);
    options.push({ value, text: { [language]: text } });
  }
  return options;
}

type Converted = { question: Question; note?: string } | { unsupported: string };

/** One Qualtrics question in Rapport's format, or why not. */
function convertQuestion(payload: Json, id: string, text: LocalizedText, language: string): Converted {
  const type = payload.QuestionType as string;
  const selector = payload.Selector as string | undefined;
  const sub = payload.SubSelector as string | undefined;
  const required = payload.Validation?.Settings?.ForceResponse === 'ON' ? { required: true } : {};
  const base = { id, text, ...required };
  const local = (value: string): LocalizedText => ({ [language]: value });
  if (type === 'MC') {
    const choices = choicesOf(payload, 'Choices', payload.RecodeValues);
    if (selector === 'NPS') {
      return {
        question: {
          ...base,
          type: 'nps',
          minLabel: local(choices[0]?.text ?? '0'),
          maxLabel: local(choices.at(-1)?.text ?? '10'),
        },
      };
    }
    const options = uniqueOptions(choices, language);
    const note = choices.some((c) => c.textEntry)
      ? 'a choice with a text box became a plain choice (its text is not imported)'
      : undefined;
    if (['SAVR', 'SAHR', 'SACOL', 'DL', 'SB'].includes(selector ?? '')) {
      if (options.length < 2) return { unsupported: 'a single-answer question needs at least two choices' };
      return { question: { ...base, type: 'singleChoice', options }, note };
    }
    if (['MAVR', 'MAHR', 'MACOL', 'MSB'].includes(selector ?? '')) {
      if (options.length < 1) return { unsupported: 'no choices' };
      return { question: { ...base, type: 'multipleChoice', options }, note };
    }
    return { unsupported: `multiple choice shown as ${selector}` };
  }
  if (type === 'TE') {
    if (selector === 'SL' || selector === 'ML' || selector === 'ESTB')
      return { question: { ...base, type: 'text', ...(selector === 'SL' ? {} : { multiline: true }) } };
    return { unsupported: selector === 'PW' ? 'password entry' : `text entry shown as ${selector}` };
  }
  if (type === 'Matrix') {
    if (selector !== 'Likert' && selector !== 'Profile')
      return { unsupported: `matrix shown as ${selector}` };
    if (sub !== 'SingleAnswer' && sub !== 'DL')
      return { unsupported: `matrix with ${sub === 'MultipleAnswer' ? 'several answers per row' : sub}` };
    const tags = (payload.ChoiceDataExportTags || {}) as Json;
    const rows = choicesOf(payload, 'Choices').map((c) => ({
      code: String(tags[c.id] || c.id),
      text: c.text,
    }));
    const answers = choicesOf(payload, 'Answers', payload.RecodeValues);
    const codes = answers.map((a) => Number(a.code));
    if (answers.length < 2 || codes.some((c) => !Number.isInteger(c)))
      return { unsupported: 'matrix scale without whole-number codes' };
    const min = Math.min(...codes);
    const max = Math.max(...codes);
    if (max - min > 100) return { unsupported: 'matrix scale wider than 101 points' };
    const lowest = answers[codes.indexOf(min)];
    const highest = answers[codes.indexOf(max)];
    return {
      question: {
        ...base,
        type: 'matrix',
        rows: uniqueOptions(rows, language).map((o) => ({ id: o.value, text: o.text })),
        scale: { min, max, minLabel: local(lowest.text), maxLabel: local(highest.text) },
      },
    };
  }
  if (type === 'RO') {
    const options = uniqueOptions(choicesOf(payload, 'Choices', payload.RecodeValues), language);
    if (options.length < 2) return { unsupported: 'a ranking needs at least two choices' };
    return { question: { ...base, type: 'ranking', options } };
  }
  if (type === 'DB') return { unsupported: 'display text, no answer' };
  return { unsupported: `question type ${type}${selector ? `/${selector}` : ''}` };
}

/** The block ids in the order the survey flow shows them (branches and randomizers flattened). */
function flowBlocks(flow: Json | undefined): string[] {
  const ids: string[] = [];
  const walk = (node: Json) => {
    if ((node.Type === 'Block' || node.Type === 'Standard') && node.ID) ids.push(node.ID);
    for (const child of (node.Flow ?? []) as Json[]) walk(child);
  };
  if (flow) walk(flow);
  return ids;
}

function parseJson(text: string): Json {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    const position = /position (\d+)/.exec((error as Error).message);
    const line = position ? text.slice(0, Number(position[1])).split('\n').length : 1;
    throw new ImportFileError(line, `not a QSF file: the JSON does not parse (${(error as Error).message})`);
  }
}

/**
 * Converts a Qualtrics survey definition (QSF) into Rapport's format: each block of the survey
 * flow becomes a page; multiple choice (single and multiple answer, dropdown, NPS), text entry,
 * single-answer matrices and rank order become their Rapport types; everything else is reported
 * by name. Question ids are Qualtrics' export tags, so the survey's own exports map onto them.
 */
export function convertQsf(text: string): QsfConversion {
  const qsf = parseJson(text);
  if (!qsf || typeof qsf !== 'object' || !qsf.SurveyEntry || !Array.isArray(qsf.SurveyElements))
    throw new ImportFileError(1, 'not a QSF file: it lacks SurveyEntry and SurveyElements');
  const name = String(qsf.SurveyEntry.SurveyName ?? 'Imported survey');
  const rawLanguage = String(qsf.SurveyEntry.SurveyLanguage ?? 'EN');
  const [lang, region] = rawLanguage.split(/[-_]/);
  const language = /^[a-z]{2}$/i.test(lang)
    ? `${lang.toLowerCase()}${region && /^[a-z]{2}$/i.test(region) ? `-${region.toUpperCase()}` : ''}`
    : 'en';
  const elements = qsf.SurveyElements as Json[];
  const questions = new Map<string, Json>();
  for (const element of elements) {
    if (element.Element === 'SQ')
      questions.set(String(element.PrimaryAttribute ?? element.Payload?.QuestionID), element.Payload);
  }
  const blockElement = elements.find((e) => e.Element === 'BL')?.Payload;
  const blocks: Json[] = Array.isArray(blockElement) ? blockElement : Object.values(blockElement ?? {});
  const flowIds = flowBlocks(elements.find((e) => e.Element === 'FL')?.Payload);
  const ordered = flowIds.length
    ? flowIds.map((id) => blocks.find((b) => b.ID === id)).filter((b): b is Json => Boolean(b))
    : blocks.filter((b) => b.Type !== 'Trash');
  const result: QsfConversion = {
    name,
    definition: null,
    converted: [],
    unsupported: [],
    notes: [],
    issues: [],
  };
  const used = new Set<string>();
  const pages: Page[] = [];
  for (const [index, block] of ordered.entries()) {
    const converted: Question[] = [];
    for (const element of (block.BlockElements ?? []) as Json[]) {
      if (element.Type !== 'Question') continue;
      const qid = String(element.QuestionID);
      const payload = questions.get(qid);
      if (!payload) continue;
      const tag = String(payload.DataExportTag ?? qid);
      const text = plainText(payload.QuestionText) || plainText(payload.QuestionDescription) || tag;
      const outcome = convertQuestion(payload, questionIdFor(tag, qid, used), { [language]: text }, language);
      const typeName = `${payload.QuestionType}${payload.Selector ? `/${payload.Selector}` : ''}${payload.SubSelector ? `/${payload.SubSelector}` : ''}`;
      if ('unsupported' in outcome) {
        result.unsupported.push({ qid, tag, type: typeName, reason: outcome.unsupported });
        continue;
      }
      converted.push(outcome.question);
      result.converted.push({ qid, id: outcome.question.id, type: outcome.question.type });
      if (outcome.note) result.notes.push(`${tag}: ${outcome.note}`);
      if (payload.DisplayLogic || element.SkipLogic)
        result.notes.push(`${tag}: its display or skip logic is not converted`);
    }
    if (converted.length === 0) continue;
    const blockId = `block${index + 1}`;
    const description = plainText(block.Description);
    const blockEntry: Block = { id: blockId, questions: converted };
    pages.push({
      id: `page${index + 1}`,
      ...(description ? { title: { [language]: description } } : {}),
      blocks: [blockEntry],
    });
  }
  if (pages.length === 0) {
    result.issues.push('no question could be converted');
    return result;
  }
  const definition: SurveyDefinition = {
    formatVersion: 1,
    title: { [language]: name },
    languages: [language],
    defaultLanguage: language,
    pages,
  };
  const parsed = parseSurveyDefinition(definition);
  if (parsed.ok) result.definition = parsed.definition;
  else result.issues.push(...parsed.issues.map((i) => `${i.path}: ${i.message}`));
  return result;
}
