import { useI18n } from '../../i18n/I18n.tsx';
import { pickLanguage, translator } from '../../i18n/translate.ts';
import { type DraftProblem, problemsAt, type Question, type SurveyDefinition } from './draft.ts';
import { FieldProblems, fieldId, invalidProps } from './Problems.tsx';
import { CommitOnBlur } from './QuestionCard.tsx';
import { addMatrixRow, removeMatrixRow, setMatrixRow } from './structure.ts';

type Edit = (change: (definition: SurveyDefinition) => SurveyDefinition) => void;

/**
 * A new row's starting text in a language: the interface's own wording where it has that language,
 * else empty, so the row shows as a translation to do rather than English passed off as German.
 */
function starterRow(language: string, n: number): string {
  const ui = pickLanguage([language]);
  return ui === language.toLowerCase().split('-')[0] ? translator(ui)('builder.starter.row', { n }) : '';
}

/** A matrix question's rows: each row's key and its text in every language of the survey; add and remove. */
export function MatrixRowsEditor(props: {
  question: Extract<Question, { type: 'matrix' }>;
  path: string;
  languages: readonly string[];
  edit: Edit;
  problems: readonly DraftProblem[];
}) {
  const { t } = useI18n();
  const { question, path, languages, edit } = props;
  const rowsPath = `${path}.rows`;
  return (
    <fieldset className="options" data-testid="matrix-rows">
      <legend>{t('builder.matrixRows', { id: question.id })}</legend>
      <ol>
        {question.rows.map((row, i) => {
          const at = `${rowsPath}[${i}]`;
          const idProblems = problemsAt(props.problems, `${at}.id`);
          return (
            // Keys may be typed twice while being edited (the API names the repeat); the position is unique.
            // biome-ignore lint/suspicious/noArrayIndexKey: rows only reorder by removal, and every field is controlled
            <li key={i} className="option-row">
              <div className="field narrow">
                <label htmlFor={fieldId(`${at}.id`)}>{t('builder.row.id', { n: i + 1 })}</label>
                <CommitOnBlur
                  id={fieldId(`${at}.id`)}
                  value={row.id}
                  onCommit={(id) => edit((now) => setMatrixRow(now, question.id, i, { id }))}
                  invalid={invalidProps(`${at}.id`, idProblems)}
                />
                <FieldProblems path={`${at}.id`} problems={idProblems} />
              </div>
              {languages.map((language) => {
                const textAt = `${at}.text.${language}`;
                const textProblems = problemsAt(props.problems, textAt);
                return (
                  <div className="field" key={language}>
                    <label htmlFor={fieldId(textAt)}>{t('builder.row.text', { n: i + 1, language })}</label>
                    <input
                      id={fieldId(textAt)}
                      lang={language}
                      value={row.text[language] ?? ''}
                      onChange={(event) =>
                        edit((now) =>
                          setMatrixRow(now, question.id, i, { language, text: event.target.value }),
                        )
                      }
                      {...invalidProps(textAt, textProblems)}
                    />
                    <FieldProblems path={textAt} problems={textProblems} />
                  </div>
                );
              })}
              {question.rows.length > 1 && (
                <button
                  type="button"
                  className="secondary small"
                  onClick={() => edit((now) => removeMatrixRow(now, question.id, i))}
                >
                  {t('builder.row.remove', { n: i + 1 })}
                  <span className="visually-hidden"> {question.id}</span>
                </button>
              )}
            </li>
          );
        })}
      </ol>
      <button
        type="button"
        className="secondary small"
        onClick={() => edit((now) => addMatrixRow(now, question.id, starterRow))}
      >
        {t('builder.row.add')}
        <span className="visually-hidden"> {question.id}</span>
      </button>
      <FieldProblems path={rowsPath} problems={problemsAt(props.problems, rowsPath)} />
    </fieldset>
  );
}
