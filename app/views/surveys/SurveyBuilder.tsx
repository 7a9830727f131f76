import { useEffect } from 'react';
import { useI18n } from '../../i18n/I18n.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { isMessageKey } from '../../i18n/translate.ts';
import { Link } from '../../router/Link.tsx';
import { navigate, pathOf } from '../../router/router.ts';
import { useProgramme } from '../../shell/programme.tsx';
import { useMay } from '../../shell/useMay.ts';
import { useTitle } from '../../shell/useTitle.ts';
import { DistributionTab } from './DistributionTab.tsx';
import { type DraftProblem, isMissingTranslation, missingTranslations } from './draft.ts';
import { PreviewTab } from './PreviewTab.tsx';
import { fieldId } from './Problems.tsx';
import { PublishTab } from './PublishTab.tsx';
import { QuestionsTab } from './QuestionsTab.tsx';
import { SurveyOutline } from './SurveyOutline.tsx';
import { TranslationsTab } from './TranslationsTab.tsx';
import { useDraft } from './useDraft.ts';
import './builder.css';

export const BUILDER_TABS = ['questions', 'translations', 'preview', 'publish', 'distribution'] as const;
export type BuilderTab = (typeof BUILDER_TABS)[number];

const tabHref = (surveyId: string, tab: BuilderTab) =>
  pathOf('surveys', new URLSearchParams({ survey: surveyId, tab }));

/** Which tab shows the field a problem names. */
const tabOf = (problem: DraftProblem): BuilderTab =>
  isMissingTranslation(problem) ? 'translations' : 'questions';

/**
 * The survey builder for one survey: the draft's pages and questions (with the item library and
 * logic), its translations side by side, a phone preview, publishing and versions, and distribution.
 * A role without `surveys:manage` reads the same tabs with nothing that edits, saves or publishes.
 */
export function SurveyBuilder(props: { surveyId: string; tab: string | null }) {
  const { t } = useI18n();
  const { me } = useProgramme();
  const readOnly = !useMay()('surveys:manage');
  const { draft, edit, save, publish, setOpen } = useDraft(props.surveyId);
  const tab: BuilderTab = BUILDER_TABS.includes(props.tab as BuilderTab)
    ? (props.tab as BuilderTab)
    : 'questions';
  useTitle(draft.state === 'ready' ? draft.survey.name : t('surveys.title'));
  const dirty = draft.state === 'ready' && draft.dirty;
  // Leaving the page with unsaved edits asks first.
  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const back = (
    <p>
      <Link href={pathOf('surveys')}>{t('builder.back')}</Link>
    </p>
  );
  // Until the role is known the builder cannot tell whether to offer editing.
  if (draft.state === 'loading' || me === null)
    return (
      <>
        {back}
        <p className="loading" aria-busy="true">
          {t('app.loading')}
        </p>
      </>
    );
  if (draft.state === 'error')
    return (
      <>
        {back}
        <div role="alert" className="error">
          <p>{t('app.error', { message: draft.error.message })}</p>
        </div>
      </>
    );

  const { survey, definition, issues, problems } = draft;
  const allProblems = [
    ...problems,
    ...issues.filter((issue) => !problems.some((p) => p.path === issue.path)),
  ];
  const missing = missingTranslations(definition);
  const status = isMessageKey(`surveyStatus.${survey.status}`)
    ? t(`surveyStatus.${survey.status}` as MessageKey)
    : survey.status;
  const showProblem = (problem: DraftProblem) => {
    const target = tabOf(problem);
    if (target !== tab) navigate(tabHref(survey.surveyId, target));
    // After the tab is drawn, the field (or else the nearest question) takes the focus.
    setTimeout(() => {
      let path = problem.path;
      while (path) {
        const element =
          document.getElementById(fieldId(path)) ?? document.getElementById(`${fieldId(path)}-heading`);
        if (element) {
          element.focus();
          return;
        }
        path = path.replace(/(\.[^.[\]]+|\[\d+\])$/, '');
      }
    }, 50);
  };

  return (
    <div className="builder">
      {back}
      <h1>{survey.name}</h1>
      <p className="builder-facts">
        {t('builder.statusLine', {
          status,
          version: survey.currentVersion === null ? '—' : String(survey.currentVersion),
        })}
        {missing > 0 && ` · ${t('builder.missingCount', { n: missing })}`}
      </p>
      {readOnly ? (
        <p className="note" data-testid="read-only">
          {t('builder.readOnly')}
        </p>
      ) : (
        <div className="builder-bar">
          <button type="button" disabled={!draft.dirty || draft.busy} onClick={() => void save()}>
            {t('builder.save')}
          </button>
          <span role="status" className="saved">
            {draft.busy ? t('builder.saving') : draft.dirty ? t('builder.unsaved') : t('builder.allSaved')}
          </span>
        </div>
      )}
      {draft.refusal && (
        <div role="alert" className="error problem-summary" data-testid="problems">
          <p>{t('builder.refused', { message: draft.refusal })}</p>
          {problems.length > 0 && (
            <ul>
              {problems.map((problem) => (
                <li key={`${problem.path} ${problem.message}`}>
                  <button type="button" className="link-button" onClick={() => showProblem(problem)}>
                    <code>{problem.path || t('builder.wholeSurvey')}</code>
                  </button>
                  : {problem.message}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      <nav aria-label={t('builder.sections')} className="settings-nav">
        <ul className="settings-tabs">
          {BUILDER_TABS.map((name) => (
            <li key={name}>
              <Link
                href={tabHref(survey.surveyId, name)}
                current={name === tab}
                className={name === tab ? 'settings-tab-current' : undefined}
              >
                {readOnly && name === 'publish' ? t('builder.tab.versions') : t(`builder.tab.${name}`)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {tab === 'questions' &&
        (readOnly ? (
          <SurveyOutline definition={definition} />
        ) : (
          <QuestionsTab definition={definition} problems={allProblems} edit={edit} />
        ))}
      {tab === 'translations' && (
        <TranslationsTab definition={definition} problems={allProblems} edit={readOnly ? null : edit} />
      )}
      {tab === 'preview' && (
        <PreviewTab
          surveyId={survey.surveyId}
          surveyName={survey.name}
          definition={definition}
          dirty={draft.dirty}
          saves={draft.saves}
          save={save}
        />
      )}
      {tab === 'publish' && (
        <PublishTab
          survey={survey}
          readOnly={readOnly}
          busy={draft.busy}
          openIssues={missing}
          publish={publish}
          setOpen={setOpen}
        />
      )}
      {tab === 'distribution' && <DistributionTab survey={survey} />}
    </div>
  );
}
