import { useMemo, useState } from 'react';
import { useI18n } from '../../i18n/I18n.tsx';
import {
  addLanguage,
  type DraftProblem,
  isMissingTranslation,
  problemsAt,
  removeLanguage,
  type SurveyDefinition,
  setText,
  surveyTexts,
} from './draft.ts';
import { FieldProblems, fieldId, invalidProps } from './Problems.tsx';
import { type TextPart, textOwner } from './textOwner.ts';

type Edit = (change: (definition: SurveyDefinition) => SurveyDefinition) => void;

/**
 * Every text of the survey side by side, one column per language, each editable (read as text when
 * `edit` is null: the role does not change surveys); a text missing in a language is marked in
 * words (and counted in the column's header), not by colour alone.
 */
export function TranslationsTab(props: {
  definition: SurveyDefinition;
  problems: DraftProblem[];
  edit: Edit | null;
}) {
  const { t, language: uiLanguage } = useI18n();
  const { definition, edit } = props;
  const [onlyMissing, setOnlyMissing] = useState(false);
  const [newLanguage, setNewLanguage] = useState('');
  const names = useMemo(() => new Intl.DisplayNames([uiLanguage], { type: 'language' }), [uiLanguage]);
  const languageName = (code: string) => {
    try {
      return names.of(code) ?? code;
    } catch {
      return code;
    }
  };
  const texts = surveyTexts(definition);
  const isMissing = (text: Record<string, string>, language: string) => !text[language]?.trim();
  const missingCount = (language: string) => texts.filter((each) => isMissing(each.text, language)).length;
  const shown = onlyMissing
    ? texts.filter((each) => definition.languages.some((language) => isMissing(each.text, language)))
    : texts;
  const problems = props.problems.filter((problem) => !isMissingTranslation(problem));
  const partLabel = (part: TextPart) => {
    switch (part.kind) {
      case 'option':
        return t('builder.part.option', { value: part.value });
      case 'row':
        return t('builder.part.row', { value: part.value });
      case 'scaleLabel':
        return t('builder.part.scaleLabel', { n: part.value });
      case 'emotion':
        return t('builder.part.emotion', { value: part.value });
      case 'other':
        return part.value;
      default:
        return t(`builder.part.${part.kind}`);
    }
  };
  const ownerLabel = (owner: ReturnType<typeof textOwner>) =>
    owner.kind === 'survey'
      ? t('builder.owner.survey')
      : owner.kind === 'page'
        ? t('builder.owner.page', { n: owner.index + 1 })
        : t('builder.owner.question', { id: owner.id });

  return (
    <section className="panel" aria-labelledby="translations-title">
      <h2 id="translations-title">{t('builder.translations')}</h2>
      <p className="note">{t('builder.translationsHelp')}</p>
      <div className="translation-tools">
        <label className="check">
          <input
            type="checkbox"
            checked={onlyMissing}
            onChange={(event) => setOnlyMissing(event.target.checked)}
          />
          {t('builder.onlyMissing')}
        </label>
        {edit && (
          <form
            className="inline-form"
            onSubmit={(event) => {
              event.preventDefault();
              const code = newLanguage.trim();
              if (code) edit((now) => addLanguage(now, code));
              setNewLanguage('');
            }}
          >
            <div className="field">
              <label htmlFor="new-language">{t('builder.languageCode')}</label>
              <input
                id="new-language"
                value={newLanguage}
                onChange={(event) => setNewLanguage(event.target.value)}
                size={8}
                pattern="[a-z]{2,3}(-[A-Za-z0-9]{2,8})*"
              />
            </div>
            <button type="submit" className="secondary">
              {t('builder.addLanguage')}
            </button>
          </form>
        )}
      </div>
      <div className="table-scroll">
        <table className="translations" data-testid="translations">
          <caption className="visually-hidden">{t('builder.translations')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('builder.textColumn')}</th>
              {definition.languages.map((language) => {
                const missing = missingCount(language);
                return (
                  <th scope="col" key={language} lang={language}>
                    <span lang={uiLanguage}>
                      {languageName(language)} ({language})
                      {language === definition.defaultLanguage && ` · ${t('builder.defaultLanguage')}`}
                    </span>
                    <span className={missing > 0 ? 'missing-count' : 'note'} lang={uiLanguage}>
                      {missing > 0 ? t('builder.missingCount', { n: missing }) : t('builder.complete')}
                    </span>
                    {edit && language !== definition.defaultLanguage && (
                      <button
                        type="button"
                        className="secondary small"
                        lang={uiLanguage}
                        onClick={() => edit((now) => removeLanguage(now, language))}
                      >
                        {t('builder.removeLanguage', { language: languageName(language) })}
                      </button>
                    )}
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {shown.map(({ path, segments, text }) => {
              const owner = textOwner(definition, segments);
              const label = `${ownerLabel(owner)} · ${partLabel(owner.part)}`;
              return (
                <tr key={path} data-path={path}>
                  <th scope="row" className="wrap">
                    {ownerLabel(owner)}
                    <br />
                    <span className="note">{partLabel(owner.part)}</span>
                  </th>
                  {definition.languages.map((language) => {
                    const at = `${path}.${language}`;
                    const missing = isMissing(text, language);
                    const own = problemsAt(problems, at);
                    return (
                      <td key={language} className={missing ? 'missing' : undefined} lang={language}>
                        {!edit && !missing && <span className="wrap">{text[language]}</span>}
                        {edit && (
                          <textarea
                            id={fieldId(at)}
                            rows={2}
                            aria-label={`${label} · ${languageName(language)}`}
                            value={text[language] ?? ''}
                            onChange={(event) =>
                              edit((now) => setText(now, path, language, event.target.value))
                            }
                            {...(missing
                              ? { 'aria-invalid': true, 'aria-describedby': `${fieldId(at)}-missing` }
                              : invalidProps(at, own))}
                          />
                        )}
                        {missing && (
                          <span className="missing-flag" id={`${fieldId(at)}-missing`} lang={uiLanguage}>
                            {t('builder.missing')}
                          </span>
                        )}
                        <FieldProblems path={at} problems={own} />
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
