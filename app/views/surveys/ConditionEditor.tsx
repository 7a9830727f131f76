import { useState } from 'react';
import { useI18n } from '../../i18n/I18n.tsx';
import { isMessageKey } from '../../i18n/translate.ts';
import { EMOTION_NAMES } from '../comments/vocabulary.ts';
import {
  type ConditionMode,
  type ConditionRow,
  type EditableCondition,
  fromEditable,
  type Operator,
  operatorsFor,
  takesValue,
  toEditable,
  valueChoices,
} from './conditions.ts';
import type { Condition, DraftProblem, Question } from './draft.ts';
import { FieldProblems, fieldId, invalidProps } from './Problems.tsx';

const shorten = (text: string, length = 60) =>
  text.length > length ? `${text.slice(0, length - 1)}…` : text;

/**
 * Edits one condition: "always", or all / any of a list of comparisons on earlier answers and
 * hidden fields. Each change is passed on at once as the condition it describes.
 */
export function ConditionEditor(props: {
  legend: string;
  path: string;
  condition: Condition | undefined;
  questions: readonly Question[];
  hiddenFields: readonly string[];
  language: string;
  problems: readonly DraftProblem[];
  onChange: (condition: Condition | undefined) => void;
  /** Skip rules have no "always". */
  required?: boolean;
}) {
  const { t, language: uiLanguage } = useI18n();
  const [editable, setEditable] = useState<EditableCondition | null>(() => {
    const start = toEditable(props.condition);
    return start && props.required && start.mode === 'always' ? { mode: 'all', rows: [] } : start;
  });
  const base = fieldId(props.path);
  const findQuestion = (id: string) => props.questions.find((question) => question.id === id) ?? null;
  const sourceQuestion = (source: string) => (source.startsWith('q:') ? findQuestion(source.slice(2)) : null);

  const commit = (next: EditableCondition) => {
    setEditable(next);
    props.onChange(fromEditable(next, findQuestion));
  };

  const firstRow = (source: string): ConditionRow => {
    const question = sourceQuestion(source);
    const op = operatorsFor(question)[0];
    const choices = valueChoices(question);
    return { source, op, value: choices?.[0]?.value ?? '' };
  };
  const sources = [
    ...props.questions.map((question) => `q:${question.id}`),
    ...props.hiddenFields.map((name) => `h:${name}`),
  ];

  if (editable === null) {
    return (
      <fieldset className="condition">
        <legend>{props.legend}</legend>
        <p>{t('builder.logic.complex')}</p>
        <pre className="condition-json">{JSON.stringify(props.condition, null, 2)}</pre>
        <button type="button" className="secondary" onClick={() => commit({ mode: 'all', rows: [] })}>
          {t('builder.logic.replace')}
        </button>
        <FieldProblems path={props.path} problems={props.problems} relative />
      </fieldset>
    );
  }

  const setRow = (index: number, row: ConditionRow) =>
    commit({ ...editable, rows: editable.rows.map((each, i) => (i === index ? row : each)) });
  const choiceLabel = (choice: { value: string; text?: Record<string, string>; builtIn?: string }) => {
    if (choice.text)
      return `${choice.text[props.language] ?? Object.values(choice.text)[0] ?? ''} (${choice.value})`;
    if (choice.builtIn?.startsWith('emotion.')) {
      const names = EMOTION_NAMES[choice.value as keyof typeof EMOTION_NAMES];
      return names ? names[uiLanguage] : choice.value;
    }
    const key = `builder.value.${choice.builtIn}`;
    return isMessageKey(key) ? t(key) : choice.value;
  };

  return (
    <fieldset
      className="condition"
      aria-describedby={invalidProps(props.path, props.problems)['aria-describedby']}
    >
      <legend>{props.legend}</legend>
      <div className="field">
        <label htmlFor={`${base}-mode`}>{t('builder.logic.mode')}</label>
        <select
          id={`${base}-mode`}
          value={editable.mode}
          onChange={(event) => {
            const mode = event.target.value as ConditionMode;
            const rows =
              mode !== 'always' && editable.rows.length === 0 && sources.length > 0
                ? [firstRow(sources[0])]
                : editable.rows;
            commit({ mode, rows: mode === 'always' ? [] : rows });
          }}
        >
          {!props.required && <option value="always">{t('builder.logic.always')}</option>}
          <option value="all">{t('builder.logic.all')}</option>
          <option value="any">{t('builder.logic.any')}</option>
        </select>
      </div>
      {editable.mode !== 'always' && sources.length === 0 && (
        <p className="note">{t('builder.logic.nothingBefore')}</p>
      )}
      {editable.mode !== 'always' && (
        <ol className="condition-rows">
          {editable.rows.map((row, index) => {
            const question = sourceQuestion(row.source);
            const choices = valueChoices(question);
            const n = index + 1;
            return (
              // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity of their own
              <li key={index} className="condition-row">
                <label className="visually-hidden" htmlFor={`${base}-${index}-source`}>
                  {t('builder.logic.source', { n })}
                </label>
                <select
                  id={`${base}-${index}-source`}
                  value={row.source}
                  onChange={(event) => setRow(index, firstRow(event.target.value))}
                >
                  {!sources.includes(row.source) && <option value={row.source}>{row.source.slice(2)}</option>}
                  {props.questions.length > 0 && (
                    <optgroup label={t('builder.logic.questions')}>
                      {props.questions.map((each) => (
                        <option key={each.id} value={`q:${each.id}`}>
                          {shorten(
                            `${each.id}: ${each.text[props.language] ?? Object.values(each.text)[0] ?? ''}`,
                          )}
                        </option>
                      ))}
                    </optgroup>
                  )}
                  {props.hiddenFields.length > 0 && (
                    <optgroup label={t('builder.logic.hiddenFields')}>
                      {props.hiddenFields.map((name) => (
                        <option key={name} value={`h:${name}`}>
                          {t('builder.logic.hiddenField', { name })}
                        </option>
                      ))}
                    </optgroup>
                  )}
                </select>
                <label className="visually-hidden" htmlFor={`${base}-${index}-op`}>
                  {t('builder.logic.operator', { n })}
                </label>
                <select
                  id={`${base}-${index}-op`}
                  value={row.op}
                  onChange={(event) => setRow(index, { ...row, op: event.target.value as Operator })}
                >
                  {operatorsFor(question).map((op) => (
                    <option key={op} value={op}>
                      {t(`builder.op.${op}`)}
                    </option>
                  ))}
                </select>
                {takesValue(row.op) &&
                  (choices ? (
                    <>
                      <label className="visually-hidden" htmlFor={`${base}-${index}-value`}>
                        {t('builder.logic.value', { n })}
                      </label>
                      <select
                        id={`${base}-${index}-value`}
                        value={row.value}
                        onChange={(event) => setRow(index, { ...row, value: event.target.value })}
                      >
                        {!choices.some((choice) => choice.value === row.value) && (
                          <option value={row.value}>{row.value}</option>
                        )}
                        {choices.map((choice) => (
                          <option key={choice.value} value={choice.value}>
                            {choiceLabel(choice)}
                          </option>
                        ))}
                      </select>
                    </>
                  ) : (
                    <>
                      <label className="visually-hidden" htmlFor={`${base}-${index}-value`}>
                        {t('builder.logic.value', { n })}
                      </label>
                      <input
                        id={`${base}-${index}-value`}
                        value={row.value}
                        inputMode={question ? 'numeric' : undefined}
                        onChange={(event) => setRow(index, { ...row, value: event.target.value })}
                      />
                    </>
                  ))}
                <button
                  type="button"
                  className="secondary small"
                  onClick={() => commit({ ...editable, rows: editable.rows.filter((_, i) => i !== index) })}
                >
                  {t('builder.logic.removeRow', { n })}
                </button>
              </li>
            );
          })}
        </ol>
      )}
      {editable.mode !== 'always' && sources.length > 0 && (
        <button
          type="button"
          className="secondary"
          onClick={() => commit({ ...editable, rows: [...editable.rows, firstRow(sources[0])] })}
        >
          {t('builder.logic.addRow')}
        </button>
      )}
      <FieldProblems path={props.path} problems={props.problems} relative />
    </fieldset>
  );
}
