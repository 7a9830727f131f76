import { useEffect, useState } from 'react';
import { useI18n } from '../../i18n/I18n.tsx';
import { pickLanguage, translator } from '../../i18n/translate.ts';
import { ConditionEditor } from './ConditionEditor.tsx';
import {
  changeQuestion,
  type DraftProblem,
  isMissingTranslation,
  moveQuestion,
  problemsAt,
  problemsUnder,
  type Question,
  type QuestionPlace,
  questionPlaces,
  removeQuestion,
  renameQuestion,
  type SurveyDefinition,
  setDisplayIf,
  setRequired,
  setText,
} from './draft.ts';
import { MatrixRowsEditor } from './MatrixRowsEditor.tsx';
import { PageRemovalConfirm } from './PageRemovalConfirm.tsx';
import { FieldProblems, fieldId, invalidProps } from './Problems.tsx';
import { QuestionPlacement } from './QuestionPlacement.tsx';
import { dropEmptyPages, moveQuestionToBlock, pageLeftEmpty, splitBlock } from './structure.ts';

type Edit = (change: (definition: SurveyDefinition) => SurveyDefinition) => void;
type Change = (definition: SurveyDefinition) => SurveyDefinition;

/** A change that would take a page with it, waiting for the author's word. */
interface Asking {
  kind: 'remove' | 'move' | 'only';
  page: number;
  change: Change;
  focus: string;
  /** The button that asked, which takes the focus back if the author keeps things as they are. */
  from: string;
}

/** The heading id of a question wherever a change puts it (or of its page's heading when it is gone). */
function headingAfter(definition: SurveyDefinition, id: string, fallbackPage: number): string {
  const place = questionPlaces(definition).find((each) => each.question.id === id);
  if (place) return `${fieldId(place.path)}-heading`;
  const page = Math.max(0, Math.min(fallbackPage, definition.pages.length - 1));
  return `${fieldId(`pages[${page}]`)}-heading`;
}

/** An input that hands its value on only when left (ids: a half-typed id must not be applied). */
export function CommitOnBlur(props: {
  id: string;
  value: string;
  onCommit: (value: string) => void;
  invalid: object;
}) {
  const [typed, setTyped] = useState<string | null>(null);
  return (
    <input
      id={props.id}
      value={typed ?? props.value}
      spellCheck={false}
      onChange={(event) => setTyped(event.target.value)}
      onBlur={() => {
        if (typed !== null && typed.trim() !== '' && typed !== props.value) props.onCommit(typed.trim());
        setTyped(null);
      }}
      onKeyDown={(event) => {
        if (event.key === 'Enter') (event.target as HTMLInputElement).blur();
      }}
      {...props.invalid}
    />
  );
}

/**
 * One question of the draft: its text in the default language, its id, the settings of its type,
 * required, display logic, and moving or removing it. Messages the API gave about it show here.
 */
export function QuestionCard(props: {
  place: QuestionPlace;
  definition: SurveyDefinition;
  isFirst: boolean;
  isLast: boolean;
  earlier: readonly Question[];
  problems: readonly DraftProblem[];
  edit: Edit;
  focusNext: (id: string) => void;
}) {
  const { t } = useI18n();
  const { place, definition, edit } = props;
  const { question, path } = place;
  const language = definition.defaultLanguage;
  const [logicOpen, setLogicOpen] = useState(question.displayIf !== undefined);
  const mine = problemsUnder(props.problems, path).filter((problem) => !isMissingTranslation(problem));
  const textPath = `${path}.text`;
  const textProblems = problemsUnder(mine, textPath);
  const idProblems = problemsAt(mine, `${path}.id`);
  const logicPath = `${path}.displayIf`;
  const logicProblems = problemsUnder(mine, logicPath);
  const optionsPath = `${path}.options`;
  const optionProblems = problemsUnder(mine, optionsPath);
  const shown = new Set([...textProblems, ...idProblems, ...logicProblems, ...optionProblems]);
  const otherProblems = mine.filter((problem) => !shown.has(problem));
  const missing = definition.languages.filter((each) => !question.text[each]?.trim());
  const qid = question.id;
  const headingId = `${fieldId(path)}-heading`;
  const name = <span className="visually-hidden"> {qid}</span>;

  const [asking, setAsking] = useState<Asking | null>(null);
  const [focusBack, setFocusBack] = useState<string | null>(null);
  useEffect(() => {
    if (focusBack) document.getElementById(focusBack)?.focus();
  }, [focusBack]);

  /**
   * Applies a move or removal at once, unless it would leave a page without questions: then it asks
   * first, and the page goes with it if the author agrees (an empty page is never saved).
   */
  const applyOrAsk = (
    kind: 'remove' | 'move',
    change: Change,
    focus: (after: SurveyDefinition) => string,
    from: string,
  ) => {
    const after = change(definition);
    if (after === definition) return;
    const emptied = pageLeftEmpty(definition, qid);
    if (emptied === null) {
      edit(change);
      props.focusNext(focus(after));
      return;
    }
    // The survey's only page cannot go (a move could not have emptied it: there is nowhere else to go).
    if (definition.pages.length <= 1) {
      setAsking({ kind: 'only', page: emptied, change: (now) => now, focus: from, from });
      return;
    }
    const settled = (now: SurveyDefinition) => dropEmptyPages(change(now));
    setAsking({ kind, page: emptied, change: settled, focus: focus(settled(definition)), from });
  };

  const move = (direction: -1 | 1) => {
    const button = `${direction === -1 ? 'up' : 'down'}-${qid}`;
    applyOrAsk(
      'move',
      (now) => moveQuestion(now, qid, direction),
      () => button,
      button,
    );
  };

  return (
    <li className="question-card" data-testid="question" data-question={qid}>
      <article aria-labelledby={headingId}>
        <h4 id={headingId} tabIndex={-1}>
          {t(`builder.type.${question.type}`)} · <code>{qid}</code>
        </h4>
        <p className="tags">
          {question.type === 'agreement' && question.force && (
            <span className="tag">{t(`force.${question.force}`)}</span>
          )}
          {question.type === 'agreement' && question.keying && (
            <span className={`tag keying-${question.keying}`}>{t(`builder.keying.${question.keying}`)}</span>
          )}
          {'measure' in question && question.measure && (
            <span className="tag">{t('builder.measure', { measure: question.measure })}</span>
          )}
          {question.required && <span className="tag">{t('builder.required')}</span>}
          {question.displayIf && <span className="tag">{t('builder.hasLogic')}</span>}
          {missing.length > 0 && (
            <span className="tag missing">{t('builder.missingIn', { languages: missing.join(', ') })}</span>
          )}
        </p>
        <div className="field">
          <label htmlFor={fieldId(`${textPath}.${language}`)}>{t('builder.text', { language })}</label>
          <textarea
            id={fieldId(`${textPath}.${language}`)}
            rows={2}
            value={question.text[language] ?? ''}
            onChange={(event) => edit((now) => setText(now, textPath, language, event.target.value))}
            {...invalidProps(textPath, textProblems)}
          />
          <FieldProblems path={textPath} problems={textProblems} relative />
        </div>
        <div className="question-settings">
          <div className="field">
            <label htmlFor={fieldId(`${path}.id`)}>{t('builder.id')}</label>
            <CommitOnBlur
              id={fieldId(`${path}.id`)}
              value={qid}
              onCommit={(next) => {
                edit((now) => renameQuestion(now, qid, next));
                props.focusNext(fieldId(`${path}.id`));
              }}
              invalid={invalidProps(`${path}.id`, idProblems)}
            />
            <FieldProblems path={`${path}.id`} problems={idProblems} />
          </div>
          {(question.type === 'rating' || question.type === 'matrix') && (
            <ScaleFields question={question} path={path} edit={edit} problems={mine} />
          )}
          <label className="check">
            <input
              type="checkbox"
              checked={question.required === true}
              onChange={(event) => edit((now) => setRequired(now, qid, event.target.checked))}
            />
            {t('builder.required')}
            {name}
          </label>
        </div>
        {question.type === 'matrix' && (
          <MatrixRowsEditor
            question={question}
            path={path}
            languages={definition.languages}
            edit={edit}
            problems={mine}
          />
        )}
        {(question.type === 'singleChoice' ||
          question.type === 'multipleChoice' ||
          question.type === 'ranking') && (
          <OptionsEditor
            question={question}
            path={path}
            language={language}
            edit={edit}
            problems={optionProblems}
          />
        )}
        <div className="question-actions">
          <button
            type="button"
            className="secondary small"
            id={`up-${qid}`}
            disabled={props.isFirst}
            onClick={() => move(-1)}
          >
            {t('builder.moveUp')}
            {name}
          </button>
          <button
            type="button"
            className="secondary small"
            id={`down-${qid}`}
            disabled={props.isLast}
            onClick={() => move(1)}
          >
            {t('builder.moveDown')}
            {name}
          </button>
          <button
            type="button"
            className="secondary small"
            aria-expanded={logicOpen}
            aria-controls={`${fieldId(logicPath)}-editor`}
            onClick={() => setLogicOpen((open) => !open)}
          >
            {t('builder.logic.edit')}
            {name}
          </button>
          <button
            type="button"
            className="secondary small danger"
            id={`remove-${qid}`}
            onClick={() =>
              applyOrAsk(
                'remove',
                (now) => removeQuestion(now, qid),
                (after) => headingAfter(after, qid, place.page),
                `remove-${qid}`,
              )
            }
          >
            {t('builder.remove')}
            {name}
          </button>
        </div>
        <QuestionPlacement
          place={place}
          definition={definition}
          onSplit={() => {
            edit((now) => splitBlock(now, place.page, place.block, place.index));
            props.focusNext(`split-${qid}`);
          }}
          onMove={(page, block) =>
            applyOrAsk(
              'move',
              (now) => moveQuestionToBlock(now, qid, page, block),
              (after) => headingAfter(after, qid, page),
              `move-${qid}`,
            )
          }
        />
        {asking && (
          <PageRemovalConfirm
            message={
              asking.kind === 'only'
                ? t('builder.onlyQuestion')
                : t(asking.kind === 'remove' ? 'builder.lastOfPage' : 'builder.moveLastOfPage', {
                    n: asking.page + 1,
                  })
            }
            confirmLabel={
              asking.kind === 'only'
                ? null
                : t(asking.kind === 'remove' ? 'builder.removeWithPage' : 'builder.moveWithPage', {
                    n: asking.page + 1,
                  })
            }
            cancelLabel={t('builder.keepIt')}
            onConfirm={() => {
              edit(asking.change);
              props.focusNext(asking.focus);
              setAsking(null);
            }}
            onCancel={() => {
              setFocusBack(null);
              setAsking(null);
              setTimeout(() => setFocusBack(asking.from), 0);
            }}
          />
        )}
        <div id={`${fieldId(logicPath)}-editor`} hidden={!logicOpen}>
          {logicOpen && (
            <ConditionEditor
              legend={t('builder.logic.legend', { id: qid })}
              path={logicPath}
              condition={question.displayIf}
              questions={props.earlier}
              hiddenFields={definition.hiddenFields ?? []}
              language={language}
              problems={logicProblems}
              onChange={(condition) => edit((now) => setDisplayIf(now, qid, condition))}
            />
          )}
        </div>
        <FieldProblems path={path} problems={otherProblems} relative />
      </article>
    </li>
  );
}

function ScaleFields(props: {
  question: Extract<Question, { type: 'rating' | 'matrix' }>;
  path: string;
  edit: Edit;
  problems: readonly DraftProblem[];
}) {
  const { t } = useI18n();
  const { question, path } = props;
  const scale = question.type === 'rating' ? question : question.scale;
  const set = (key: 'min' | 'max', value: number) =>
    props.edit((now) =>
      changeQuestion(now, question.id, (q) => {
        if (q.type === 'rating') return { ...q, [key]: value };
        if (q.type === 'matrix') return { ...q, scale: { ...q.scale, [key]: value } };
        return q;
      }),
    );
  const prefix = question.type === 'rating' ? path : `${path}.scale`;
  return (
    <>
      {(['min', 'max'] as const).map((key) => {
        const at = `${prefix}.${key}`;
        const problems = problemsAt(props.problems, at);
        return (
          <div className="field narrow" key={key}>
            <label htmlFor={fieldId(at)}>{t(`builder.scale.${key}`)}</label>
            <input
              id={fieldId(at)}
              type="number"
              step={1}
              value={scale[key]}
              onChange={(event) => {
                const value = Number.parseInt(event.target.value, 10);
                if (Number.isFinite(value)) set(key, value);
              }}
              {...invalidProps(at, problems)}
            />
            <FieldProblems path={at} problems={problems} />
          </div>
        );
      })}
    </>
  );
}

function OptionsEditor(props: {
  question: Extract<Question, { type: 'singleChoice' | 'multipleChoice' | 'ranking' }>;
  path: string;
  language: string;
  edit: Edit;
  problems: readonly DraftProblem[];
}) {
  const { t } = useI18n();
  const { question, path, language } = props;
  type Option = (typeof question.options)[number];
  const setOptions = (change: (options: Option[]) => Option[]) =>
    props.edit((now) =>
      changeQuestion(now, question.id, (q) =>
        q.type === 'singleChoice' || q.type === 'multipleChoice' || q.type === 'ranking'
          ? ({ ...q, options: change(q.options) } as Question)
          : q,
      ),
    );
  const taken = new Set(question.options.map((option) => option.value));
  let next = question.options.length + 1;
  while (taken.has(`o${next}`)) next++;
  return (
    <fieldset className="options">
      <legend>{t('builder.options', { id: question.id })}</legend>
      <ol>
        {question.options.map((option, i) => {
          const at = `${path}.options[${i}]`;
          const valueProblems = problemsAt(props.problems, `${at}.value`);
          const textProblems = problemsUnder(props.problems, `${at}.text`);
          return (
            <li key={option.value} className="option-row">
              <div className="field narrow">
                <label htmlFor={fieldId(`${at}.value`)}>{t('builder.option.value', { n: i + 1 })}</label>
                <CommitOnBlur
                  id={fieldId(`${at}.value`)}
                  value={option.value}
                  onCommit={(value) =>
                    setOptions((options) => options.map((each, j) => (j === i ? { ...each, value } : each)))
                  }
                  invalid={invalidProps(`${at}.value`, valueProblems)}
                />
                <FieldProblems path={`${at}.value`} problems={valueProblems} />
              </div>
              <div className="field">
                <label htmlFor={fieldId(`${at}.text.${language}`)}>
                  {t('builder.option.text', { n: i + 1, language })}
                </label>
                <input
                  id={fieldId(`${at}.text.${language}`)}
                  value={option.text[language] ?? ''}
                  onChange={(event) =>
                    setOptions((options) =>
                      options.map((each, j) =>
                        j === i ? { ...each, text: { ...each.text, [language]: event.target.value } } : each,
                      ),
                    )
                  }
                  {...invalidProps(`${at}.text`, textProblems)}
                />
                <FieldProblems path={`${at}.text`} problems={textProblems} relative />
              </div>
              <button
                type="button"
                className="secondary small"
                onClick={() => setOptions((options) => options.filter((_, j) => j !== i))}
              >
                {t('builder.option.remove', { n: i + 1 })}
              </button>
            </li>
          );
        })}
      </ol>
      <button
        type="button"
        className="secondary small"
        onClick={() =>
          setOptions((options) => [
            ...options,
            {
              value: `o${next}`,
              text: {
                [language]: translator(pickLanguage([language]))('builder.starter.option', { n: next }),
              },
            },
          ])
        }
      >
        {t('builder.option.add')}
      </button>
      <FieldProblems path={`${path}.options`} problems={problemsAt(props.problems, `${path}.options`)} />
    </fieldset>
  );
}
