/**
 * Pure edits of a draft's structure: blocks (add, split, join, move a question into one), matrix
 * rows, page descriptions, and the page a question leaves empty. Like draft.ts, every function
 * returns a new definition and leaves its input alone.
 */
import {
  freeId,
  type LocalizedText,
  type Question,
  questionPlaces,
  type SurveyDefinition,
  updateQuestion,
  usedIds,
  withPage,
} from './draft.ts';

type Page = SurveyDefinition['pages'][number];
type MatrixRow = Extract<Question, { type: 'matrix' }>['rows'][number];

/** A block id not used anywhere in the survey (`block2`, `block3`…). */
export function newBlockId(definition: SurveyDefinition): string {
  const blocks = definition.pages.reduce((n, page) => n + page.blocks.length, 0);
  return freeId(`block${blocks + 1}`, usedIds(definition));
}

/** Appends a question to one block of a page. */
export function addQuestionToBlock(
  definition: SurveyDefinition,
  page: number,
  block: number,
  question: Question,
): SurveyDefinition {
  return withPage(definition, page, (each) => ({
    ...each,
    blocks: each.blocks.map((one, b) =>
      b === block ? { ...one, questions: [...one.questions, question] } : one,
    ),
  }));
}

/** Adds a block at the end of a page, holding the given question (a block is never empty). */
export function addBlock(definition: SurveyDefinition, page: number, question: Question): SurveyDefinition {
  const id = newBlockId(definition);
  return withPage(definition, page, (each) => ({
    ...each,
    blocks: [...each.blocks, { id, questions: [question] }],
  }));
}

/**
 * Splits a block before its question at `at`: that question and the ones after it form a new block
 * right after (in fixed order). Splitting before the first question would leave an empty block: no change.
 */
export function splitBlock(
  definition: SurveyDefinition,
  page: number,
  block: number,
  at: number,
): SurveyDefinition {
  const source = definition.pages[page]?.blocks[block];
  if (!source || at <= 0 || at >= source.questions.length) return definition;
  const id = newBlockId(definition);
  return withPage(definition, page, (each) => ({
    ...each,
    blocks: each.blocks.flatMap((one, b) =>
      b === block
        ? [
            { ...one, questions: one.questions.slice(0, at) },
            { id, questions: one.questions.slice(at) },
          ]
        : [one],
    ),
  }));
}

/** Joins a block onto the one above it on the same page (the upper block's settings stay). */
export function joinBlockWithPrevious(
  definition: SurveyDefinition,
  page: number,
  block: number,
): SurveyDefinition {
  const blocks = definition.pages[page]?.blocks;
  if (!blocks || block <= 0 || block >= blocks.length) return definition;
  return withPage(definition, page, (each) => ({
    ...each,
    blocks: each.blocks.flatMap((one, b) => {
      if (b === block) return [];
      if (b === block - 1)
        return [{ ...one, questions: [...one.questions, ...each.blocks[block].questions] }];
      return [one];
    }),
  }));
}

/** The page index a question is the only question of, or null (moving or removing it would empty no page). */
export function pageLeftEmpty(definition: SurveyDefinition, id: string): number | null {
  const places = questionPlaces(definition);
  const place = places.find((each) => each.question.id === id);
  if (!place) return null;
  return places.filter((each) => each.page === place.page).length === 1 ? place.page : null;
}

/**
 * Drops the pages left without a question (after a move or removal the author agreed to): a skip
 * rule that went to such a page goes where the respondent would have landed, the next page or the end.
 */
export function dropEmptyPages(definition: SurveyDefinition): SurveyDefinition {
  const empty = (page: Page) => page.blocks.every((block) => block.questions.length === 0);
  if (!definition.pages.some(empty) || definition.pages.every(empty)) return definition;
  const landing = new Map<string, string>();
  let next = 'end';
  for (let p = definition.pages.length - 1; p >= 0; p--) {
    const page = definition.pages[p];
    if (empty(page)) landing.set(page.id, next);
    else next = page.id;
  }
  return {
    ...definition,
    pages: definition.pages
      .filter((page) => !empty(page))
      .map((page) =>
        page.skipTo
          ? { ...page, skipTo: page.skipTo.map((rule) => ({ ...rule, to: landing.get(rule.to) ?? rule.to })) }
          : page,
      ),
  };
}

/**
 * Moves a question to the end of another block (on any page). The block it leaves goes when empty,
 * unless it is its page's only one: the page is then empty, and `dropEmptyPages` is the caller's choice.
 */
export function moveQuestionToBlock(
  definition: SurveyDefinition,
  id: string,
  page: number,
  block: number,
): SurveyDefinition {
  const place = questionPlaces(definition).find((each) => each.question.id === id);
  const target = definition.pages[page]?.blocks[block];
  if (!place || !target || (place.page === page && place.block === block)) return definition;
  const next = structuredClone(definition);
  const [moved] = next.pages[place.page].blocks[place.block].questions.splice(place.index, 1);
  next.pages[page].blocks[block].questions.push(moved);
  const from = next.pages[place.page];
  if (from.blocks[place.block].questions.length === 0 && from.blocks.length > 1)
    from.blocks.splice(place.block, 1);
  return next;
}

/** Sets a page's description in one language; an emptied description in its only language goes. */
export function setPageDescription(
  definition: SurveyDefinition,
  page: number,
  language: string,
  value: string,
): SurveyDefinition {
  return withPage(definition, page, (each) => {
    const description: LocalizedText = { ...(each.description ?? {}), [language]: value };
    if (value === '') delete description[language];
    const { description: _dropped, ...rest } = each;
    return Object.keys(description).length > 0 ? { ...rest, description } : rest;
  });
}

function changeRows(
  definition: SurveyDefinition,
  id: string,
  change: (rows: MatrixRow[]) => MatrixRow[],
): SurveyDefinition {
  return updateQuestion(definition, id, (question) =>
    question.type === 'matrix' ? { ...question, rows: change(question.rows) } : question,
  );
}

/**
 * Adds a row to a matrix question with a text in every language of the survey: `textIn` gives the
 * starting text of a language (an empty one shows as a translation to do). The key is `r<n>`, unused.
 */
export function addMatrixRow(
  definition: SurveyDefinition,
  id: string,
  textIn: (language: string, n: number) => string,
): SurveyDefinition {
  return changeRows(definition, id, (rows) => {
    const taken = new Set(rows.map((row) => row.id));
    let n = rows.length + 1;
    while (taken.has(`r${n}`)) n++;
    const text = Object.fromEntries(definition.languages.map((language) => [language, textIn(language, n)]));
    return [...rows, { id: `r${n}`, text }];
  });
}

/** Removes a matrix row (never the last one: a matrix has at least one row). */
export function removeMatrixRow(definition: SurveyDefinition, id: string, row: number): SurveyDefinition {
  return changeRows(definition, id, (rows) => (rows.length <= 1 ? rows : rows.filter((_, i) => i !== row)));
}

/** Changes a matrix row's key or its text in one language. */
export function setMatrixRow(
  definition: SurveyDefinition,
  id: string,
  row: number,
  change: { id: string } | { language: string; text: string },
): SurveyDefinition {
  return changeRows(definition, id, (rows) =>
    rows.map((each, i) => {
      if (i !== row) return each;
      if ('id' in change) return { ...each, id: change.id };
      return { ...each, text: { ...each.text, [change.language]: change.text } };
    }),
  );
}
