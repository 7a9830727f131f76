import { useI18n } from '../../i18n/I18n.tsx';
import type { Question, SurveyDefinition } from './draft.ts';
import { fieldId } from './Problems.tsx';

/** The answer choices or rows a question lists, as plain text in one language. */
function choicesOf(question: Question, language: string): string[] {
  switch (question.type) {
    case 'singleChoice':
    case 'multipleChoice':
    case 'ranking':
      return question.options.map((option) => option.text[language] ?? option.value);
    case 'matrix':
      return question.rows.map((row) => row.text[language] ?? row.id);
    default:
      return [];
  }
}

/**
 * The draft for someone who may read surveys but not change them: every page, block and question
 * in the default language, with the same facts the editor shows, and no control that edits.
 */
export function SurveyOutline(props: { definition: SurveyDefinition }) {
  const { t } = useI18n();
  const { definition } = props;
  const language = definition.defaultLanguage;
  return (
    <div className="questions-tab" data-testid="survey-outline">
      <section className="panel" aria-labelledby="survey-settings-title">
        <h2 id="survey-settings-title">{t('builder.survey')}</h2>
        <dl className="outline-facts">
          <dt>{t('builder.surveyTitle', { language })}</dt>
          <dd>{definition.title[language] ?? ''}</dd>
          {(definition.hiddenFields?.length ?? 0) > 0 && (
            <>
              <dt>{t('builder.hiddenFields')}</dt>
              <dd>{definition.hiddenFields!.join(', ')}</dd>
            </>
          )}
        </dl>
      </section>
      {definition.pages.map((page, p) => {
        const headingId = `${fieldId(`pages[${p}]`)}-heading`;
        return (
          <section className="panel page-editor" aria-labelledby={headingId} data-testid="page" key={page.id}>
            <h2 id={headingId}>{t('builder.page', { n: p + 1, name: page.title?.[language] || page.id })}</h2>
            {page.description?.[language] && <p className="note">{page.description[language]}</p>}
            {page.blocks.map((block) => (
              <div className="block" key={block.id}>
                <div className="block-head">
                  <h3>{t('builder.block', { id: block.id })}</h3>
                  {block.randomize && <span className="tag">{t('builder.randomize')}</span>}
                </div>
                <ol className="question-list">
                  {block.questions.map((question) => {
                    const choices = choicesOf(question, language);
                    return (
                      <li
                        key={question.id}
                        className="question-card"
                        data-testid="question"
                        data-question={question.id}
                      >
                        <h4>
                          {t(`builder.type.${question.type}`)} · <code>{question.id}</code>
                        </h4>
                        <p>{question.text[language] ?? ''}</p>
                        <p className="tags">
                          {question.type === 'agreement' && question.force && (
                            <span className="tag">{t(`force.${question.force}`)}</span>
                          )}
                          {question.type === 'agreement' && question.keying && (
                            <span className="tag">{t(`builder.keying.${question.keying}`)}</span>
                          )}
                          {question.required && <span className="tag">{t('builder.required')}</span>}
                          {question.displayIf && <span className="tag">{t('builder.hasLogic')}</span>}
                        </p>
                        {choices.length > 0 && (
                          <ul className="outline-choices">
                            {choices.map((choice, i) => (
                              // Two choices may read the same; the position tells them apart.
                              // biome-ignore lint/suspicious/noArrayIndexKey: the list never reorders here
                              <li key={i}>{choice}</li>
                            ))}
                          </ul>
                        )}
                      </li>
                    );
                  })}
                </ol>
              </div>
            ))}
            {(page.skipTo?.length ?? 0) > 0 && (
              <p className="note">{t('builder.skip.toggle', { n: page.skipTo!.length })}</p>
            )}
          </section>
        );
      })}
    </div>
  );
}
