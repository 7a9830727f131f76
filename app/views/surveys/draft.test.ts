import { describe, expect, it } from 'vitest';
import { parseSurveyDefinition } from '../../../src/surveys/definition/index.ts';
import { FORCE_ITEMS, forceItemQuestion } from '../../../src/surveys/library/index.ts';
import {
  addPage,
  addQuestion,
  draftPath,
  freeId,
  keepLanguages,
  missingTranslations,
  moveQuestion,
  problemsUnder,
  questionPlaces,
  questionsBefore,
  removePage,
  removeQuestion,
  renameQuestion,
  type SurveyDefinition,
  setDisplayIf,
  setHiddenFields,
  setRequired,
  setText,
} from './draft.ts';
import { newQuestion, QUESTION_TYPES } from './newQuestion.ts';
import { testPulse } from './testPulse.fixture.ts';

const pulse = testPulse;
const order = (definition: SurveyDefinition) => questionPlaces(definition).map((place) => place.question.id);
const starter = {
  question: 'New question',
  option: (n: number) => `Option ${n}`,
  row: (n: number) => `Row ${n}`,
  low: 'Low',
  high: 'High',
  unlikely: 'Unlikely',
  likely: 'Likely',
};

describe('editing a draft', () => {
  it('moves a question within its block, across blocks and pages, and stops at either end', () => {
    const start = pulse();
    expect(order(start)).toEqual(['pulse.nps', 'certainty.p1', 'control.p1', 'pulse.comment']);
    const swapped = moveQuestion(start, 'control.p1', -1);
    expect(order(swapped)).toEqual(['pulse.nps', 'control.p1', 'certainty.p1', 'pulse.comment']);
    // Out of the one-question metric block, past certainty.p1 into its block; the empty block goes.
    const down = moveQuestion(start, 'pulse.nps', 1);
    expect(order(down)).toEqual(['certainty.p1', 'pulse.nps', 'control.p1', 'pulse.comment']);
    expect(down.pages[0].blocks.map((block) => block.id)).toEqual(['forces', 'comment']);
    expect(order(moveQuestion(down, 'pulse.nps', -1))[0]).toBe('pulse.nps');
    expect(moveQuestion(start, 'pulse.nps', -1)).toBe(start);
    expect(moveQuestion(start, 'pulse.comment', 1)).toBe(start);
    const twoPages = addPage(start, newQuestion('text', 'q9', 'en', starter));
    const across = moveQuestion(twoPages, 'q9', -1);
    // The page it left keeps its (now empty) block: saving names the empty page.
    expect(across.pages[1].blocks[0].questions).toHaveLength(0);
    expect(order(across).slice(-2)).toEqual(['q9', 'pulse.comment']);
    expect(across.pages[0].blocks.at(-1)!.questions.map((q) => q.id)).toEqual(['q9', 'pulse.comment']);
    expect(start).toEqual(pulse());
  });

  it('adds, removes, renames and marks questions required, keeping the logic that refers to them', () => {
    const item = keepLanguages(forceItemQuestion(FORCE_ITEMS.find((i) => i.id === 'status.f1')!), ['en']);
    expect(Object.keys(item.text)).toEqual(['en']);
    let draft = addQuestion(pulse(), 0, item);
    expect(order(draft).at(-1)).toBe('status.f1');
    draft = setDisplayIf(draft, 'status.f1', { question: 'pulse.nps', op: 'lte', value: 6 });
    draft = renameQuestion(draft, 'pulse.nps', 'nps');
    expect(questionPlaces(draft).at(-1)!.question.displayIf).toEqual({
      question: 'nps',
      op: 'lte',
      value: 6,
    });
    draft = setRequired(draft, 'status.f1', true);
    expect(questionPlaces(draft).at(-1)!.question.required).toBe(true);
    draft = setRequired(draft, 'status.f1', false);
    expect('required' in questionPlaces(draft).at(-1)!.question).toBe(false);
    draft = setDisplayIf(draft, 'status.f1', undefined);
    expect('displayIf' in questionPlaces(draft).at(-1)!.question).toBe(false);
    draft = removeQuestion(draft, 'nps');
    expect(draft.pages[0].blocks.map((block) => block.id)).toEqual(['forces', 'comment']);
  });

  it('only offers earlier questions to a condition, leaving out its own randomised block', () => {
    const draft = pulse();
    draft.pages[0].blocks[1].randomize = true;
    expect(questionsBefore(draft, 'control.p1').map((q) => q.id)).toEqual(['pulse.nps']);
    expect(questionsBefore(draft, 'pulse.comment').map((q) => q.id)).toEqual([
      'pulse.nps',
      'certainty.p1',
      'control.p1',
    ]);
  });

  it('edits texts by path and counts what is left to translate', () => {
    const start = pulse();
    expect(missingTranslations(start)).toBe(0);
    const edited = setText(start, 'pages[0].blocks[2].questions[0].text', 'it', '');
    expect(edited.pages[0].blocks[2].questions[0].text.it).toBe('');
    expect(missingTranslations(edited)).toBe(1);
    const withNew = addQuestion(start, 0, newQuestion('nps', 'q5', 'en', starter));
    expect(missingTranslations(withNew)).toBe(3);
  });

  it('makes every question type in a shape the format accepts once translated', () => {
    for (const type of QUESTION_TYPES) {
      const draft = addQuestion(
        { ...pulse(), languages: ['en'], defaultLanguage: 'en' },
        0,
        newQuestion(type, freeId('q1', []), 'en', starter),
      );
      const english = keepLanguagesOf(draft);
      const parsed = parseSurveyDefinition(english);
      expect(parsed.ok ? [] : parsed.issues, type).toEqual([]);
    }
  });

  it('reads hidden fields typed with commas, removes pages and maps API fields to draft paths', () => {
    expect(setHiddenFields(pulse(), 'account, orderRef  region,account').hiddenFields).toEqual([
      'account',
      'orderRef',
      'region',
    ]);
    expect('hiddenFields' in setHiddenFields(pulse(), ' ')).toBe(false);
    const twoPages = addPage(pulse(), newQuestion('text', 'q9', 'en', starter));
    twoPages.pages[0].skipTo = [
      { when: { question: 'pulse.nps', op: 'gte', value: 9 }, to: twoPages.pages[1].id },
    ];
    const one = removePage(twoPages, 1);
    expect(one.pages).toHaveLength(1);
    expect(one.pages[0].skipTo).toEqual([
      { when: { question: 'pulse.nps', op: 'gte', value: 9 }, to: 'end' },
    ]);
    expect(draftPath('body.definition.pages[0].blocks[1].questions[2].id')).toBe(
      'pages[0].blocks[1].questions[2].id',
    );
    expect(draftPath('draft.title.it')).toBe('title.it');
    const problems = [
      { path: 'pages[0].blocks[0].questions[1]', message: 'a' },
      { path: 'pages[0].blocks[0].questions[1].text.it', message: 'b' },
      { path: 'pages[0].blocks[0].questions[10].id', message: 'c' },
    ];
    expect(problemsUnder(problems, 'pages[0].blocks[0].questions[1]').map((p) => p.message)).toEqual([
      'a',
      'b',
    ]);
  });
});

/** The draft with only its default language kept (texts of new questions are in English only). */
function keepLanguagesOf(draft: SurveyDefinition): SurveyDefinition {
  return {
    ...draft,
    title: { en: draft.title.en },
    thankYou: draft.thankYou ? { en: draft.thankYou.en } : undefined,
    pages: draft.pages.map((page) => ({
      ...page,
      title: page.title ? { en: page.title.en } : undefined,
      blocks: page.blocks.map((block) => ({
        ...block,
        questions: block.questions.map((question) => keepLanguages(question, ['en'])),
      })),
    })),
  } as SurveyDefinition;
}
