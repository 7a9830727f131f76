import { describe, expect, it } from 'vitest';
import { parseSurveyDefinition } from '../../../src/surveys/definition/index.ts';
import {
  addPage,
  type Question,
  questionPlaces,
  removeQuestion,
  type SurveyDefinition,
  setSkipRules,
} from './draft.ts';
import { newQuestion } from './newQuestion.ts';
import {
  addBlock,
  addMatrixRow,
  addQuestionToBlock,
  dropEmptyPages,
  joinBlockWithPrevious,
  moveQuestionToBlock,
  pageLeftEmpty,
  removeMatrixRow,
  setMatrixRow,
  setPageDescription,
  splitBlock,
} from './structure.ts';
import { testPulse } from './testPulse.fixture.ts';

const pulse = testPulse;
const starter = {
  question: 'New question',
  option: (n: number) => `Option ${n}`,
  row: (n: number) => `Row ${n}`,
  low: 'Low',
  high: 'High',
  unlikely: 'Unlikely',
  likely: 'Likely',
};
const blocksOf = (definition: SurveyDefinition, page = 0) =>
  definition.pages[page].blocks.map((block) => [block.id, block.questions.map((q) => q.id)]);
/** Texts in both languages, as a translator would leave them. */
const bilingual = (question: Question): Question => ({ ...question, text: { en: 'A text', it: 'Un testo' } });
const valid = (definition: SurveyDefinition) => {
  const parsed = parseSurveyDefinition(definition);
  return parsed.ok ? [] : parsed.issues;
};

describe('editing the structure of a draft', () => {
  it('adds a block, splits one, moves a question into another block and joins blocks again', () => {
    const start = pulse();
    expect(blocksOf(start)).toEqual([
      ['metric', ['pulse.nps']],
      ['forces', ['certainty.p1', 'control.p1']],
      ['comment', ['pulse.comment']],
    ]);
    const added = addBlock(start, 0, bilingual(newQuestion('text', 'q5', 'en', starter)));
    expect(blocksOf(added).at(-1)).toEqual(['block4', ['q5']]);
    expect(valid(added)).toEqual([]);
    const into = addQuestionToBlock(added, 0, 1, bilingual(newQuestion('text', 'q6', 'en', starter)));
    expect(blocksOf(into)[1]).toEqual(['forces', ['certainty.p1', 'control.p1', 'q6']]);

    const split = splitBlock(start, 0, 1, 1);
    expect(blocksOf(split)).toEqual([
      ['metric', ['pulse.nps']],
      ['forces', ['certainty.p1']],
      ['block4', ['control.p1']],
      ['comment', ['pulse.comment']],
    ]);
    expect(valid(split)).toEqual([]);
    // Before the first question or out of range: nothing to split.
    expect(splitBlock(start, 0, 1, 0)).toBe(start);
    expect(splitBlock(start, 0, 1, 2)).toBe(start);

    // The comment joins the metric block; the comment block it left goes.
    const moved = moveQuestionToBlock(start, 'pulse.comment', 0, 0);
    expect(blocksOf(moved)).toEqual([
      ['metric', ['pulse.nps', 'pulse.comment']],
      ['forces', ['certainty.p1', 'control.p1']],
    ]);
    expect(moveQuestionToBlock(start, 'pulse.comment', 0, 2)).toBe(start);

    const joined = joinBlockWithPrevious(split, 0, 2);
    expect(blocksOf(joined)).toEqual(blocksOf(start));
    expect(joinBlockWithPrevious(split, 0, 0)).toBe(split);
    expect(start).toEqual(pulse());
  });

  it('never leaves an empty page: removing or moving its last question takes the page with it', () => {
    const twoPages = addPage(pulse(), bilingual(newQuestion('text', 'q9', 'en', starter)));
    const three = addPage(twoPages, bilingual(newQuestion('text', 'q10', 'en', starter)));
    // A skip rule from page 1 to page 2, which is about to go: it now lands on page 3.
    const withRule = setSkipRules(three, 0, [
      { when: { question: 'pulse.nps', op: 'gte', value: 9 }, to: three.pages[1].id },
    ]);
    expect(pageLeftEmpty(withRule, 'q9')).toBe(1);
    expect(pageLeftEmpty(withRule, 'pulse.nps')).toBeNull();
    const removed = dropEmptyPages(removeQuestion(withRule, 'q9'));
    expect(removed.pages.map((page) => page.id)).toEqual([three.pages[0].id, three.pages[2].id]);
    expect(removed.pages[0].skipTo?.[0].to).toBe(three.pages[2].id);
    expect(valid(removed)).toEqual([]);
    // A question that is not alone goes by itself.
    expect(dropEmptyPages(removeQuestion(withRule, 'pulse.comment')).pages).toHaveLength(3);

    // Moving page 2's only question to page 1, then dropping the page it left.
    const moved = moveQuestionToBlock(withRule, 'q9', 0, 2);
    expect(moved.pages[1].blocks[0].questions).toHaveLength(0);
    const settled = dropEmptyPages(moved);
    expect(settled.pages).toHaveLength(2);
    expect(blocksOf(settled)[2]).toEqual(['comment', ['pulse.comment', 'q9']]);
    expect(valid(settled)).toEqual([]);

    // The last page's rule target becomes the end; the survey's only page never goes.
    const lastGone = dropEmptyPages(
      setSkipRules(moveQuestionToBlock(three, 'q10', 0, 0), 0, [
        { when: { question: 'pulse.nps', op: 'answered' }, to: three.pages[2].id },
      ]),
    );
    expect(lastGone.pages[0].skipTo?.[0].to).toBe('end');
    const onePage = pulse();
    const alone = {
      ...onePage,
      pages: [
        { ...onePage.pages[0], blocks: [{ id: 'b', questions: [onePage.pages[0].blocks[0].questions[0]] }] },
      ],
    };
    // Emptying the only page: nothing is dropped (the builder refuses that removal before it happens).
    const emptied = removeQuestion(alone, 'pulse.nps');
    expect(dropEmptyPages(emptied)).toBe(emptied);
    expect(pageLeftEmpty(alone, 'pulse.nps')).toBe(0);
  });

  it('adds matrix rows with a text in every language and removes them down to one', () => {
    let draft = addPage(pulse(), bilingual(newQuestion('matrix', 'grid', 'en', starter)));
    const grid = () => questionPlaces(draft).find((place) => place.question.id === 'grid')!.question;
    const rows = () => (grid() as Extract<Question, { type: 'matrix' }>).rows;
    draft = addMatrixRow(draft, 'grid', (language, n) => (language === 'it' ? `Riga ${n}` : `Row ${n}`));
    expect(rows().at(-1)).toEqual({ id: 'r3', text: { en: 'Row 3', it: 'Riga 3' } });
    draft = setMatrixRow(draft, 'grid', 2, { language: 'it', text: 'Puntualità' });
    draft = setMatrixRow(draft, 'grid', 2, { id: 'onTime' });
    expect(rows()[2]).toEqual({ id: 'onTime', text: { en: 'Row 3', it: 'Puntualità' } });
    // A fourth row after a renamed one takes the first free key.
    draft = addMatrixRow(draft, 'grid', () => '');
    expect(rows().map((row) => row.id)).toEqual(['r1', 'r2', 'onTime', 'r4']);
    draft = removeMatrixRow(draft, 'grid', 0);
    draft = removeMatrixRow(draft, 'grid', 0);
    draft = removeMatrixRow(draft, 'grid', 0);
    draft = removeMatrixRow(draft, 'grid', 0);
    expect(rows().map((row) => row.id)).toEqual(['r4']);
  });

  it('sets and clears a page description per language', () => {
    let draft = setPageDescription(pulse(), 0, 'en', 'About your delivery');
    draft = setPageDescription(draft, 0, 'it', 'Sulla consegna');
    expect(draft.pages[0].description).toEqual({ en: 'About your delivery', it: 'Sulla consegna' });
    expect(valid(draft)).toEqual([]);
    draft = setPageDescription(draft, 0, 'en', '');
    draft = setPageDescription(draft, 0, 'it', '');
    expect('description' in draft.pages[0]).toBe(false);
  });
});
