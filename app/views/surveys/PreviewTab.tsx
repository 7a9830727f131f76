import { useEffect, useState } from 'react';
import { useI18n } from '../../i18n/I18n.tsx';
import type { SurveyDefinition } from './draft.ts';

/** A phone's width in CSS pixels: the preview is drawn at the size most respondents see it. */
export const PHONE_WIDTH = 390;

/**
 * The saved draft as a respondent sees it, drawn by the server's own respondent page inside a
 * phone-sized frame, page by page and in any of the survey's languages. Unsaved edits are saved
 * first, so the preview shows what is on screen.
 */
export function PreviewTab(props: {
  surveyId: string;
  surveyName: string;
  definition: SurveyDefinition;
  dirty: boolean;
  saves: number;
  save: () => Promise<boolean>;
}) {
  const { t, language: uiLanguage } = useI18n();
  const { definition, dirty, save } = props;
  const languageName = (code: string) => {
    try {
      return `${new Intl.DisplayNames([uiLanguage], { type: 'language' }).of(code) ?? code} (${code})`;
    } catch {
      return code;
    }
  };
  const [language, setLanguage] = useState(definition.defaultLanguage);
  const [page, setPage] = useState(0);
  const [saveFailed, setSaveFailed] = useState(false);
  useEffect(() => {
    if (dirty) void save().then((ok) => setSaveFailed(!ok));
  }, [dirty, save]);
  const pages = definition.pages.length;
  const shownPage = Math.min(page, pages - 1);
  const src = `/api/v1/surveys/${encodeURIComponent(props.surveyId)}/preview?lang=${encodeURIComponent(language)}&page=${shownPage}`;
  return (
    <section className="panel preview" aria-labelledby="preview-title">
      <h2 id="preview-title">{t('builder.preview')}</h2>
      <div className="preview-tools">
        <div className="field">
          <label htmlFor="preview-language">{t('builder.previewLanguage')}</label>
          <select
            id="preview-language"
            value={language}
            onChange={(event) => setLanguage(event.target.value)}
          >
            {definition.languages.map((code) => (
              <option key={code} value={code}>
                {languageName(code)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="preview-page">{t('builder.previewPage')}</label>
          <select
            id="preview-page"
            value={shownPage}
            onChange={(event) => setPage(Number(event.target.value))}
          >
            {definition.pages.map((each, i) => (
              <option key={each.id} value={i}>
                {t('builder.page', { n: i + 1, name: each.title?.[language] || each.id })}
              </option>
            ))}
          </select>
        </div>
        <button
          type="button"
          className="secondary"
          disabled={shownPage === 0}
          onClick={() => setPage(shownPage - 1)}
        >
          {t('builder.previewPrevious')}
        </button>
        <button
          type="button"
          className="secondary"
          disabled={shownPage >= pages - 1}
          onClick={() => setPage(shownPage + 1)}
        >
          {t('builder.previewNext')}
        </button>
      </div>
      <p className="note" role="status">
        {saveFailed
          ? t('builder.previewSaveFailed')
          : dirty
            ? t('builder.previewSaving')
            : t('builder.previewNote')}
      </p>
      <div className="phone" data-testid="phone">
        <iframe
          // A new frame after each save: the page is never cached (no-store), so it shows the new draft.
          key={`${src} ${props.saves}`}
          src={src}
          width={PHONE_WIDTH}
          height={760}
          title={t('builder.previewFrame', { name: props.surveyName, page: shownPage + 1, language })}
          data-testid="preview-frame"
        />
      </div>
    </section>
  );
}
