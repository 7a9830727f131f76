/**
 * Pure edits of a survey draft, as the builder makes them: every function returns a new
 * definition and leaves its input alone. The API checks the result when it is saved.
 */
import type {
  Condition,
  LocalizedText,
  Page,
  Question,
  SkipRule,
  SurveyDefinition,
} from '../../../src/surveys/definition/index.ts';
import { formatIssuePath, type PathSegment } from '../../../src/surveys/definition/issuePath.ts';
import { mapSurveyTexts } from '../../../src/surveys/definition/surveyTexts.ts';

export type { Condition, LocalizedText, Question, SkipRule, SurveyDefinition };

/** Where a question sits: page, block and position, with its path in API issue paths. */
export interface QuestionPlace {
  question: Question;
  page: number;
  block: number;
  index: number;
  path: string;
  randomizedBlock: boolean;
}

/** Every question in survey order. */
export function questionPlaces(definition: SurveyDefinition): QuestionPlace[] {
  const places: QuestionPlace[] = [];
  definition.pages.forEach((page, p) => {
    page.blocks.forEach((block, b) => {
      block.questions.forEach((question, q) => {
        places.push({
          question,
          page: p,
          block: b,
          index: q,
          path: questionPath(p, b, q),
          randomizedBlock: block.randomize === true,
        });
      });
    });
  });
  return places;
}

export const questionPath = (page: number, block: number, index: number) =>
  `pages[${page}].blocks[${block}].questions[${index}]`;

/**
 * The questions a display condition of `id` may refer to: those before it in the survey, except
 * the others of its own randomised block (their order changes per respondent).
 */
export function questionsBefore(definition: SurveyDefinition, id: string): Question[] {
  const places = questionPlaces(definition);
  const at = places.findIndex((place) => place.question.id === id);
  if (at < 0) return [];
  const self = places[at];
  return places
    .slice(0, at)
    .filter((place) => !(self.randomizedBlock && place.page === self.page && place.block === self.block))
    .map((place) => place.question);
}

/** The questions a skip rule after page `page` may refer to: that page's and earlier ones. */
export function questionsUpToPage(definition: SurveyDefinition, page: number): Question[] {
  return questionPlaces(definition)
    .filter((place) => place.page <= page)
    .map((place) => place.question);
}

const clone = <T>(value: T): T => structuredClone(value);

/** The definition with one page (by index) replaced by a changed copy. */
export function withPage(
  definition: SurveyDefinition,
  page: number,
  change: (page: SurveyDefinition['pages'][number]) => SurveyDefinition['pages'][number],
): SurveyDefinition {
  return { ...definition, pages: definition.pages.map((each, p) => (p === page ? change(each) : each)) };
}

/** The definition with one question (by id) replaced by `change(question)`, which may return it as is. */
export function updateQuestion(
  definition: SurveyDefinition,
  id: string,
  change: (question: Question) => Question,
): SurveyDefinition {
  return {
    ...definition,
    pages: definition.pages.map((page) => ({
      ...page,
      blocks: page.blocks.map((block) => ({
        ...block,
        questions: block.questions.map((question) => (question.id === id ? change(question) : question)),
      })),
    })),
  };
}

/** Replaces one question (found by its id) with a changed copy. */
export function changeQuestion(
  definition: SurveyDefinition,
  id: string,
  change: (question: Question) => Question,
): SurveyDefinition {
  return updateQuestion(definition, id, (question) => change(clone(question)));
}

export function setRequired(definition: SurveyDefinition, id: string, required: boolean): SurveyDefinition {
  return changeQuestion(definition, id, (question) => {
    if (required) return { ...question, required: true };
    const { required: _dropped, ...rest } = question;
    return rest as Question;
  });
}

/** Sets (or, with undefined, removes) a question's display condition. */
export function setDisplayIf(
  definition: SurveyDefinition,
  id: string,
  condition: Condition | undefined,
): SurveyDefinition {
  return changeQuestion(definition, id, (question) => {
    const { displayIf: _dropped, ...rest } = question;
    return (condition === undefined ? rest : { ...rest, displayIf: condition }) as Question;
  });
}

/** Sets one language of a text found by its path (`pages[0].blocks[1].questions[2].text`). */
export function setText(
  definition: SurveyDefinition,
  path: string,
  language: string,
  value: string,
): SurveyDefinition {
  return mapSurveyTexts(definition, (text, at) =>
    formatIssuePath(at) === path ? { ...text, [language]: value } : text,
  );
}

/** Every translatable text with its path, in survey order. */
export function surveyTexts(
  definition: SurveyDefinition,
): { path: string; segments: readonly PathSegment[]; text: LocalizedText }[] {
  const texts: { path: string; segments: readonly PathSegment[]; text: LocalizedText }[] = [];
  mapSurveyTexts(definition, (text, segments) => {
    texts.push({ path: formatIssuePath(segments), segments, text });
    return text;
  });
  return texts;
}

/** A question's texts limited to the survey's languages (library items come in English and Italian). */
export function keepLanguages(question: Question, languages: readonly string[]): Question {
  const holder: SurveyDefinition = {
    formatVersion: 1,
    title: {},
    languages: [...languages],
    defaultLanguage: languages[0],
    pages: [{ id: 'p', blocks: [{ id: 'b', questions: [clone(question)] }] }],
  };
  const kept = mapSurveyTexts(holder, (text) =>
    Object.fromEntries(Object.entries(text).filter(([language]) => languages.includes(language))),
  );
  return kept.pages[0].blocks[0].questions[0];
}

/** Appends a question to the last block of a page. */
export function addQuestion(
  definition: SurveyDefinition,
  page: number,
  question: Question,
): SurveyDefinition {
  return withPage(definition, page, (each) => ({
    ...each,
    blocks: each.blocks.map((block, b) =>
      b === each.blocks.length - 1 ? { ...block, questions: [...block.questions, question] } : block,
    ),
  }));
}

/**
 * Removes a question. A block left empty goes too, unless it is its page's last one (a page keeps
 * one block; the API names the empty page if it is saved that way).
 */
export function removeQuestion(definition: SurveyDefinition, id: string): SurveyDefinition {
  return {
    ...definition,
    pages: definition.pages.map((page) => {
      const blocks = page.blocks.map((block) => ({
        ...block,
        questions: block.questions.filter((question) => question.id !== id),
      }));
      const kept = blocks.filter((block) => block.questions.length > 0);
      return { ...page, blocks: kept.length > 0 ? kept : blocks.slice(0, 1) };
    }),
  };
}

/**
 * Moves a question one step up or down in survey order, past its neighbour: within its block, or
 * into the neighbouring block (or page) beside the question it passed. A block it leaves empty goes
 * (unless it was its page's only one). Returns the definition unchanged at either end.
 */
export function moveQuestion(definition: SurveyDefinition, id: string, direction: -1 | 1): SurveyDefinition {
  const place = questionPlaces(definition).find((each) => each.question.id === id);
  if (!place) return definition;
  const next = clone(definition);
  const block = next.pages[place.page].blocks[place.block];
  const target = place.index + direction;
  if (target >= 0 && target < block.questions.length) {
    const [moved] = block.questions.splice(place.index, 1);
    block.questions.splice(target, 0, moved);
    return next;
  }
  // Across a block boundary: the neighbouring block on this page, else on the neighbouring page.
  let page = place.page;
  let blockIndex = place.block + direction;
  if (blockIndex < 0 || blockIndex >= next.pages[page].blocks.length) {
    page += direction;
    if (page < 0 || page >= next.pages.length) return definition;
    blockIndex = direction === -1 ? next.pages[page].blocks.length - 1 : 0;
  }
  const [moved] = block.questions.splice(place.index, 1);
  const into = next.pages[page].blocks[blockIndex].questions;
  // One step in survey order: past the neighbouring question, into that question's block.
  if (direction === -1) into.splice(Math.max(0, into.length - 1), 0, moved);
  else into.splice(Math.min(1, into.length), 0, moved);
  // The block it left may now be empty: drop it, unless it was the page's only one.
  const from = next.pages[place.page];
  if (block.questions.length === 0 && from.blocks.length > 1) from.blocks.splice(place.block, 1);
  return next;
}

/** An id not yet used among `taken`: `base`, else `base2`, `base3`… */
export function freeId(base: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) if (!used.has(`${base}${n}`)) return `${base}${n}`;
}

/** Every id a question, page or block has (ids share one namespace per kind; this errs on the safe side). */
export function usedIds(definition: SurveyDefinition): string[] {
  return [
    ...definition.pages.map((page) => page.id),
    ...definition.pages.flatMap((page) => page.blocks.map((block) => block.id)),
    ...questionPlaces(definition).map((place) => place.question.id),
  ];
}

/** Adds a page after the last, holding one block with the given question. */
export function addPage(definition: SurveyDefinition, question: Question): SurveyDefinition {
  const ids = usedIds(definition);
  const id = freeId(`page${definition.pages.length + 1}`, ids);
  const page: Page = { id, blocks: [{ id: freeId(`${id}Block`, ids), questions: [question] }] };
  return { ...definition, pages: [...definition.pages, page] };
}

/** Removes a page; skip rules that went to it go to the end instead. */
export function removePage(definition: SurveyDefinition, page: number): SurveyDefinition {
  if (definition.pages.length <= 1) return definition;
  const gone = definition.pages[page].id;
  return {
    ...definition,
    pages: definition.pages
      .filter((_, p) => p !== page)
      .map((each) =>
        each.skipTo
          ? { ...each, skipTo: each.skipTo.map((rule) => (rule.to === gone ? { ...rule, to: 'end' } : rule)) }
          : each,
      ),
  };
}

/** Sets a page's skip rules (none: the field goes). */
export function setSkipRules(
  definition: SurveyDefinition,
  page: number,
  rules: SkipRule[],
): SurveyDefinition {
  return withPage(definition, page, (each) => {
    const { skipTo: _dropped, ...rest } = each;
    return rules.length > 0 ? { ...rest, skipTo: rules } : rest;
  });
}

/** Adds a language to the survey (its texts are then missing until translated). */
export function addLanguage(definition: SurveyDefinition, language: string): SurveyDefinition {
  if (definition.languages.includes(language)) return definition;
  return { ...definition, languages: [...definition.languages, language] };
}

/** Removes a language and its texts (never the default one). */
export function removeLanguage(definition: SurveyDefinition, language: string): SurveyDefinition {
  if (language === definition.defaultLanguage) return definition;
  const trimmed = mapSurveyTexts(definition, (text) => {
    const { [language]: _dropped, ...rest } = text;
    return rest;
  });
  return { ...trimmed, languages: trimmed.languages.filter((each) => each !== language) };
}

/** A field path of the API (`body.definition.pages[0]…`, `draft.pages[0]…`) as a path in the draft. */
export function draftPath(field: string): string {
  return field.replace(/^body\.definition\.?/, '').replace(/^draft\.?/, '');
}

export interface DraftProblem {
  path: string;
  message: string;
}

/** The problems at exactly `path`. */
export const problemsAt = (problems: readonly DraftProblem[], path: string) =>
  problems.filter((problem) => problem.path === path);

/** The problems at `path` or inside it. */
export const problemsUnder = (problems: readonly DraftProblem[], path: string) =>
  problems.filter(
    (problem) =>
      problem.path === path || problem.path.startsWith(`${path}.`) || problem.path.startsWith(`${path}[`),
  );

/** A missing translation is expected while one is under way: shown in the translations, not as an error. */
export const isMissingTranslation = (problem: DraftProblem) =>
  /^Missing "[^"]+" translation$/.test(problem.message);

/** A condition with every reference to question `from` pointing at `to`. */
function renameInCondition(condition: Condition, from: string, to: string): Condition {
  if ('all' in condition) return { all: condition.all.map((c) => renameInCondition(c, from, to)) };
  if ('any' in condition) return { any: condition.any.map((c) => renameInCondition(c, from, to)) };
  if ('not' in condition) return { not: renameInCondition(condition.not, from, to) };
  if ('question' in condition && condition.question === from) return { ...condition, question: to };
  return condition;
}

/** Gives a question a new id (its answer key), and the display and skip logic that refers to it. */
export function renameQuestion(definition: SurveyDefinition, from: string, to: string): SurveyDefinition {
  if (from === to) return definition;
  return {
    ...definition,
    pages: definition.pages.map((page) => ({
      ...page,
      ...(page.skipTo
        ? { skipTo: page.skipTo.map((rule) => ({ ...rule, when: renameInCondition(rule.when, from, to) })) }
        : {}),
      blocks: page.blocks.map((block) => ({
        ...block,
        questions: block.questions.map((question) => {
          const renamed = question.id === from ? { ...question, id: to } : question;
          return renamed.displayIf
            ? { ...renamed, displayIf: renameInCondition(renamed.displayIf, from, to) }
            : renamed;
        }),
      })),
    })),
  };
}

/** Sets a page's title in one language; an emptied title in the only language it had goes. */
export function setPageTitle(
  definition: SurveyDefinition,
  page: number,
  language: string,
  value: string,
): SurveyDefinition {
  return withPage(definition, page, (each) => {
    const title = { ...(each.title ?? {}), [language]: value };
    if (value === '') delete title[language];
    const { title: _dropped, ...rest } = each;
    return Object.keys(title).length > 0 ? { ...rest, title } : rest;
  });
}

/** Turns a block's per-respondent random order on or off. */
export function setBlockRandom(
  definition: SurveyDefinition,
  page: number,
  block: number,
  randomize: boolean,
): SurveyDefinition {
  return withPage(definition, page, (each) => ({
    ...each,
    blocks: each.blocks.map((one, b) => {
      if (b !== block) return one;
      const { randomize: _dropped, ...rest } = one;
      return randomize ? { ...rest, randomize: true } : rest;
    }),
  }));
}

/** Sets the hidden fields from a list typed with commas or spaces. */
export function setHiddenFields(definition: SurveyDefinition, typed: string): SurveyDefinition {
  const names = [...new Set(typed.split(/[\s,]+/).filter(Boolean))];
  const { hiddenFields: _dropped, ...rest } = definition;
  return names.length > 0 ? { ...rest, hiddenFields: names } : rest;
}

/** How many texts lack each language of the survey, counted on the draft as it is on screen. */
export function missingTranslations(definition: SurveyDefinition): number {
  return surveyTexts(definition).reduce(
    (sum, { text }) => sum + definition.languages.filter((language) => !text[language]?.trim()).length,
    0,
  );
}
