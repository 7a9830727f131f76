import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../../i18n/I18n.tsx';
import { pickLanguage, translator } from '../../i18n/translate.ts';
import { ConditionEditor } from './ConditionEditor.tsx';
import {
  addPage,
  addQuestion,
  type DraftProblem,
  freeId,
  isMissingTranslation,
  keepLanguages,
  problemsAt,
  problemsUnder,
  type Question,
  questionPlaces,
  questionsBefore,
  questionsUpToPage,
  removePage,
  type SkipRule,
  type SurveyDefinition,
  setBlockRandom,
  setHiddenFields,
  setPageTitle,
  setSkipRules,
  setText,
  usedIds,
} from './draft.ts';
import { type LibraryItem, LibraryPicker } from './LibraryPicker.tsx';
import { newQuestion, QUESTION_TYPES, type QuestionType, type StarterTexts } from './newQuestion.ts';
import { FieldProblems, fieldId, invalidProps } from './Problems.tsx';
import { QuestionCard } from './QuestionCard.tsx';
import { addBlock, addQuestionToBlock, joinBlockWithPrevious, setPageDescription } from './structure.ts';

type Edit = (change: (definition: SurveyDefinition) => SurveyDefinition) => void;

/** The add-to choice that opens a new block (block ids start with a letter, so this cannot clash). */
const NEW_BLOCK = '+new';

/** Starting texts in the survey's default language (English when the interface has no catalogue for it). */
function starterTexts(language: string): StarterTexts {
  const t = translator(pickLanguage([language]));
  return {
    question: t('builder.starter.question'),
    option: (n) => t('builder.starter.option', { n }),
    row: (n) => t('builder.starter.row', { n }),
    low: t('builder.starter.low'),
    high: t('builder.starter.high'),
    unlikely: t('builder.starter.unlikely'),
    likely: t('builder.starter.likely'),
  };
}

/** The survey's title and hidden fields, then each page with its questions, library and skip logic. */
export function QuestionsTab(props: { definition: SurveyDefinition; problems: DraftProblem[]; edit: Edit }) {
  const { t } = useI18n();
  const { definition, edit } = props;
  const language = definition.defaultLanguage;
  const problems = props.problems.filter((problem) => !isMissingTranslation(problem));
  // Focus that should land on an element drawn by the next render (after a move, add or remove).
  const pendingFocus = useRef<string | null>(null);
  useEffect(() => {
    if (!pendingFocus.current) return;
    const element = document.getElementById(pendingFocus.current) as HTMLElement | null;
    pendingFocus.current = null;
    if (element && !(element as HTMLButtonElement).disabled) element.focus();
    else if (element?.id.startsWith('up-'))
      document.getElementById(element.id.replace('up-', 'down-'))?.focus();
    else if (element?.id.startsWith('down-'))
      document.getElementById(element.id.replace('down-', 'up-'))?.focus();
  });
  const focusNext = (id: string) => {
    pendingFocus.current = id;
  };
  const places = questionPlaces(definition);
  const [hiddenTyped, setHiddenTyped] = useState<string | null>(null);
  const titleProblems = problemsUnder(problems, 'title');
  const hiddenProblems = problemsUnder(problems, 'hiddenFields');

  return (
    <div className="questions-tab">
      <section className="panel" aria-labelledby="survey-settings-title">
        <h2 id="survey-settings-title">{t('builder.survey')}</h2>
        <div className="field">
          <label htmlFor={fieldId(`title.${language}`)}>{t('builder.surveyTitle', { language })}</label>
          <input
            id={fieldId(`title.${language}`)}
            value={definition.title[language] ?? ''}
            onChange={(event) => edit((now) => setText(now, 'title', language, event.target.value))}
            {...invalidProps('title', titleProblems)}
          />
          <FieldProblems path="title" problems={titleProblems} relative />
        </div>
        <div className="field">
          <label htmlFor="field-hiddenFields">{t('builder.hiddenFields')}</label>
          <input
            id="field-hiddenFields"
            value={hiddenTyped ?? (definition.hiddenFields ?? []).join(', ')}
            onChange={(event) => setHiddenTyped(event.target.value)}
            onBlur={() => {
              if (hiddenTyped !== null) edit((now) => setHiddenFields(now, hiddenTyped));
              setHiddenTyped(null);
            }}
            aria-describedby="hidden-fields-help"
            {...(hiddenProblems.length > 0 ? { 'aria-invalid': true } : {})}
          />
          <p className="note" id="hidden-fields-help">
            {t('builder.hiddenFieldsHelp')}
          </p>
          <FieldProblems path="hiddenFields" problems={hiddenProblems} relative />
        </div>
      </section>
      {definition.pages.map((page, p) => (
        <PageEditor
          key={page.id}
          index={p}
          definition={definition}
          problems={problems}
          edit={edit}
          focusNext={focusNext}
          places={places}
        />
      ))}
      <p>
        <button
          type="button"
          className="secondary"
          onClick={() => {
            const id = freeId('q1', usedIds(definition));
            edit((now) => addPage(now, newQuestion('text', id, language, starterTexts(language))));
            focusNext(fieldId(`pages[${definition.pages.length}].title.${language}`));
          }}
        >
          {t('builder.addPage')}
        </button>
      </p>
    </div>
  );
}

function PageEditor(props: {
  index: number;
  definition: SurveyDefinition;
  problems: DraftProblem[];
  edit: Edit;
  focusNext: (id: string) => void;
  places: ReturnType<typeof questionPlaces>;
}) {
  const { t } = useI18n();
  const { index: p, definition, edit, problems } = props;
  const page = definition.pages[p];
  const language = definition.defaultLanguage;
  const pagePath = `pages[${p}]`;
  const [picking, setPicking] = useState(false);
  const [type, setType] = useState<QuestionType>('nps');
  const [skipOpen, setSkipOpen] = useState((page.skipTo?.length ?? 0) > 0);
  // The block new questions go to (by id, so it survives edits elsewhere), or a new block.
  const [targetId, setTargetId] = useState<string>('');
  const pageName = page.title?.[language] || page.id;
  const headingId = `${fieldId(pagePath)}-heading`;
  const ids = new Set(props.places.map((place) => place.question.id));
  const first = props.places[0]?.question.id;
  const last = props.places[props.places.length - 1]?.question.id;
  const titleProblems = problemsUnder(problems, `${pagePath}.title`);
  const skipPath = `${pagePath}.skipTo`;
  const ownProblems = problemsAt(problems, pagePath).concat(problemsAt(problems, `${pagePath}.blocks`));

  // Where a question added to this page lands: the end of the chosen block (the last by default),
  // or the first place of a new block after the others.
  const chosen = page.blocks.findIndex((block) => block.id === targetId);
  const newBlock = targetId === NEW_BLOCK;
  const targetBlock = newBlock ? page.blocks.length : chosen >= 0 ? chosen : page.blocks.length - 1;
  const nextIndex = newBlock ? 0 : page.blocks[targetBlock].questions.length;
  const nextPath = `${pagePath}.blocks[${targetBlock}].questions[${nextIndex}]`;
  const place = (question: Question) => {
    edit((now) =>
      newBlock
        ? addBlock(now, p, question)
        : chosen >= 0
          ? addQuestionToBlock(now, p, chosen, question)
          : addQuestion(now, p, question),
    );
    // The new block is now the last one: further questions join it unless another is chosen.
    if (newBlock) setTargetId('');
  };
  const addFromLibrary = (item: LibraryItem) => {
    place(keepLanguages(structuredClone(item.question), definition.languages));
    props.focusNext(`${fieldId(nextPath)}-heading`);
  };
  const descriptionPath = `${pagePath}.description`;
  const descriptionProblems = problemsUnder(problems, descriptionPath);

  return (
    <section className="panel page-editor" aria-labelledby={headingId} data-testid="page">
      <div className="page-head">
        <h2 id={headingId} tabIndex={-1}>
          {t('builder.page', { n: p + 1, name: pageName })}
        </h2>
        {definition.pages.length > 1 && (
          <button
            type="button"
            className="secondary small danger"
            onClick={() => edit((now) => removePage(now, p))}
          >
            {t('builder.removePage', { n: p + 1 })}
          </button>
        )}
      </div>
      <div className="field">
        <label htmlFor={fieldId(`${pagePath}.title.${language}`)}>
          {t('builder.pageTitle', { language })}
        </label>
        <input
          id={fieldId(`${pagePath}.title.${language}`)}
          value={page.title?.[language] ?? ''}
          onChange={(event) => edit((now) => setPageTitle(now, p, language, event.target.value))}
          {...invalidProps(`${pagePath}.title`, titleProblems)}
        />
        <FieldProblems path={`${pagePath}.title`} problems={titleProblems} relative />
      </div>
      <div className="field">
        <label htmlFor={fieldId(`${descriptionPath}.${language}`)}>
          {t('builder.pageDescription', { language })}
        </label>
        <textarea
          id={fieldId(`${descriptionPath}.${language}`)}
          rows={2}
          value={page.description?.[language] ?? ''}
          onChange={(event) => edit((now) => setPageDescription(now, p, language, event.target.value))}
          {...invalidProps(descriptionPath, descriptionProblems)}
        />
        <FieldProblems path={descriptionPath} problems={descriptionProblems} relative />
      </div>
      <FieldProblems path={pagePath} problems={ownProblems} />
      {page.blocks.map((block, b) => (
        <div className="block" key={block.id}>
          <div className="block-head">
            <h3>{t('builder.block', { id: block.id })}</h3>
            <label className="check">
              <input
                type="checkbox"
                checked={block.randomize === true}
                onChange={(event) => edit((now) => setBlockRandom(now, p, b, event.target.checked))}
              />
              {t('builder.randomize')}
              <span className="visually-hidden"> {block.id}</span>
            </label>
            {b > 0 && (
              <button
                type="button"
                className="secondary small"
                onClick={() => {
                  edit((now) => joinBlockWithPrevious(now, p, b));
                  props.focusNext(headingId);
                }}
              >
                {t('builder.joinBlock')}
                <span className="visually-hidden"> {block.id}</span>
              </button>
            )}
          </div>
          <ol className="question-list">
            {block.questions.map((question) => {
              const place = props.places.find((each) => each.question.id === question.id)!;
              return (
                <QuestionCard
                  key={question.id}
                  place={place}
                  definition={definition}
                  isFirst={question.id === first}
                  isLast={question.id === last}
                  earlier={questionsBefore(definition, question.id)}
                  problems={problems}
                  edit={edit}
                  focusNext={props.focusNext}
                />
              );
            })}
          </ol>
        </div>
      ))}
      <fieldset className="add-question">
        <legend className="visually-hidden">{t('builder.addTo', { n: p + 1 })}</legend>
        <div className="field">
          <label htmlFor={`${fieldId(pagePath)}-target`}>{t('builder.addTarget')}</label>
          <select
            id={`${fieldId(pagePath)}-target`}
            value={newBlock ? NEW_BLOCK : page.blocks[targetBlock].id}
            onChange={(event) => setTargetId(event.target.value)}
          >
            {page.blocks.map((block) => (
              <option key={block.id} value={block.id}>
                {t('builder.block', { id: block.id })}
              </option>
            ))}
            <option value={NEW_BLOCK}>{t('builder.newBlock')}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${fieldId(pagePath)}-type`}>{t('builder.questionType')}</label>
          <select
            id={`${fieldId(pagePath)}-type`}
            value={type}
            onChange={(event) => setType(event.target.value as QuestionType)}
          >
            {QUESTION_TYPES.map((each) => (
              <option key={each} value={each}>
                {t(`builder.type.${each}`)}
              </option>
            ))}
          </select>
        </div>
        <button
          type="button"
          onClick={() => {
            const id = freeId(`q${props.places.length + 1}`, usedIds(definition));
            place(newQuestion(type, id, language, starterTexts(language)));
            props.focusNext(fieldId(`${nextPath}.text.${language}`));
          }}
        >
          {t('builder.addQuestion')}
        </button>
        <button
          type="button"
          className="secondary"
          aria-expanded={picking}
          onClick={() => setPicking((open) => !open)}
        >
          {t('builder.library.open')}
        </button>
      </fieldset>
      {picking && (
        <LibraryPicker
          pageTitle={pageName}
          headingId={`${fieldId(pagePath)}-library`}
          language={language}
          usedIds={ids}
          onAdd={addFromLibrary}
          onClose={() => setPicking(false)}
        />
      )}
      <div className="skip">
        <button
          type="button"
          className="secondary small"
          aria-expanded={skipOpen}
          onClick={() => setSkipOpen((open) => !open)}
        >
          {t('builder.skip.toggle', { n: page.skipTo?.length ?? 0 })}
        </button>
        {skipOpen && (
          <SkipRules
            page={p}
            definition={definition}
            problems={problemsUnder(problems, skipPath)}
            edit={edit}
          />
        )}
        {!skipOpen && <FieldProblems path={skipPath} problems={problemsUnder(problems, skipPath)} relative />}
      </div>
    </section>
  );
}

/** A page's skip rules: after the page, go to a later page (or the end) when a condition holds. */
function SkipRules(props: {
  page: number;
  definition: SurveyDefinition;
  problems: DraftProblem[];
  edit: Edit;
}) {
  const { t } = useI18n();
  const { page, definition, edit } = props;
  const rules = definition.pages[page].skipTo ?? [];
  const later = definition.pages.slice(page + 1);
  const setRules = (next: SkipRule[]) => edit((now) => setSkipRules(now, page, next));
  const questions = questionsUpToPage(definition, page);
  const language = definition.defaultLanguage;
  // Each rule's editor keeps its own form state; a counter gives new rules fresh ones.
  const [keys, setKeys] = useState(() => rules.map((_, i) => i));
  const [counter, setCounter] = useState(rules.length);
  return (
    <div className="skip-rules">
      <p className="note">{t('builder.skip.help')}</p>
      <ol>
        {rules.map((rule, i) => {
          const path = `pages[${page}].skipTo[${i}]`;
          const toProblems = problemsAt(props.problems, `${path}.to`);
          return (
            <li key={keys[i] ?? i} className="skip-rule">
              <ConditionEditor
                legend={t('builder.skip.when', { n: i + 1 })}
                path={`${path}.when`}
                condition={rule.when}
                questions={questions}
                hiddenFields={definition.hiddenFields ?? []}
                language={language}
                problems={problemsUnder(props.problems, `${path}.when`)}
                required
                onChange={(when) => {
                  if (when) setRules(rules.map((each, j) => (j === i ? { ...each, when } : each)));
                }}
              />
              <div className="field">
                <label htmlFor={fieldId(`${path}.to`)}>{t('builder.skip.to', { n: i + 1 })}</label>
                <select
                  id={fieldId(`${path}.to`)}
                  value={rule.to}
                  onChange={(event) =>
                    setRules(rules.map((each, j) => (j === i ? { ...each, to: event.target.value } : each)))
                  }
                  {...invalidProps(`${path}.to`, toProblems)}
                >
                  {later.map((each, j) => (
                    <option key={each.id} value={each.id}>
                      {t('builder.page', { n: page + j + 2, name: each.title?.[language] || each.id })}
                    </option>
                  ))}
                  <option value="end">{t('builder.skip.end')}</option>
                </select>
                <FieldProblems path={`${path}.to`} problems={toProblems} />
              </div>
              <button
                type="button"
                className="secondary small"
                onClick={() => {
                  setRules(rules.filter((_, j) => j !== i));
                  setKeys(keys.filter((_, j) => j !== i));
                }}
              >
                {t('builder.skip.remove', { n: i + 1 })}
              </button>
            </li>
          );
        })}
      </ol>
      {questions.length > 0 && (
        <button
          type="button"
          className="secondary small"
          onClick={() => {
            const first = questions[questions.length - 1];
            setRules([...rules, { when: { question: first.id, op: 'answered' }, to: later[0]?.id ?? 'end' }]);
            setKeys([...keys, counter]);
            setCounter(counter + 1);
          }}
        >
          {t('builder.skip.add')}
        </button>
      )}
    </div>
  );
}
