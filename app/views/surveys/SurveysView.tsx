import { useState } from 'react';
import { api } from '../../api/client.ts';
import type { Survey } from '../../api/types.ts';
import { useApi } from '../../api/useApi.ts';
import { searchFromFilters } from '../../filters/filters.ts';
import { useI18n } from '../../i18n/I18n.tsx';
import { isMessageKey } from '../../i18n/translate.ts';
import { Link } from '../../router/Link.tsx';
import { pathOf } from '../../router/router.ts';
import { useProgramme } from '../../shell/programme.tsx';
import { useMay } from '../../shell/useMay.ts';
import { useTitle } from '../../shell/useTitle.ts';
import { ExportableTable } from '../../ui/ExportableTable.tsx';
import { Status } from '../../ui/Status.tsx';
import { NewSurvey } from './NewSurvey.tsx';
import { SurveyBuilder } from './SurveyBuilder.tsx';

/** The surveys list, a new survey (?new=1) or one survey's builder (?survey=…&tab=…). */
export default function SurveysView() {
  const { search } = useProgramme();
  const manages = useMay()('surveys:manage');
  const surveyId = search.get('survey');
  if (surveyId) return <SurveyBuilder key={surveyId} surveyId={surveyId} tab={search.get('tab')} />;
  // A new survey is only for those who may create one (the API would refuse the others).
  if (search.get('new') === '1' && manages) return <NewSurvey />;
  return <SurveyList />;
}

/** The organisation's surveys with status and responses in scope; results, builder and open links from each. */
function SurveyList() {
  const { t, number } = useI18n();
  useTitle(t('surveys.title'));
  const { filters } = useProgramme();
  const manages = useMay()('surveys:manage');
  const surveys = useApi<{ surveys: Survey[] }>('/surveys');
  const [links, setLinks] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const createLink = async (survey: Survey) => {
    setFailure(null);
    try {
      const { url } = await api.post<{ url: string }>(`/surveys/${survey.surveyId}/links`, {});
      setLinks((current) => ({ ...current, [survey.surveyId]: url }));
    } catch (error) {
      setFailure(t('app.error', { message: (error as Error).message }));
    }
  };
  // Statuses and kinds the app knows are translated; a new one shows as the API names it.
  const label = (prefix: string, value: string) => {
    const key = `${prefix}.${value}`;
    return isMessageKey(key) ? t(key) : value;
  };
  return (
    <>
      <h1>{t('surveys.title')}</h1>
      {manages && (
        <p>
          <Link href={pathOf('surveys', new URLSearchParams({ new: '1' }))}>{t('builder.new')}</Link>
        </p>
      )}
      {failure && (
        <p role="alert" className="error">
          {failure}
        </p>
      )}
      <Status loaded={surveys}>
        {(data) =>
          data.surveys.length === 0 ? (
            <p>{t('surveys.none')}</p>
          ) : (
            <ExportableTable name={t('surveys.title')}>
              <div className="table-scroll">
                <table data-testid="surveys">
                  <thead>
                    <tr>
                      <th scope="col">{t('surveys.col.name')}</th>
                      <th scope="col">{t('surveys.col.kind')}</th>
                      <th scope="col">{t('surveys.col.status')}</th>
                      <th scope="col" className="num">
                        {t('surveys.col.version')}
                      </th>
                      <th scope="col" className="num">
                        {t('surveys.col.responses')}
                      </th>
                      <th scope="col">{t('surveys.col.links')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.surveys.map((survey) => (
                      <tr key={survey.surveyId}>
                        <th scope="row">{survey.name}</th>
                        <td>{label('surveyKind', survey.kind)}</td>
                        <td>{label('surveyStatus', survey.status)}</td>
                        <td className="num">{survey.currentVersion ?? '—'}</td>
                        <td className="num">{number(survey.responses, 0)}</td>
                        <td>
                          <Link
                            href={pathOf(
                              'overview',
                              searchFromFilters({ ...filters, surveyId: survey.surveyId }),
                            )}
                          >
                            {t('surveys.results')}
                            <span className="visually-hidden">: {survey.name}</span>
                          </Link>
                          {' · '}
                          {/* Everyone who reads surveys may look at one; only a manager of surveys edits it. */}
                          <Link
                            href={pathOf(
                              'surveys',
                              new URLSearchParams({ survey: survey.surveyId, tab: 'questions' }),
                            )}
                          >
                            {manages ? t('builder.edit') : t('builder.view')}
                            <span className="visually-hidden">: {survey.name}</span>
                          </Link>
                          {manages && survey.status === 'open' && (
                            <>
                              {' · '}
                              <button type="button" className="secondary" onClick={() => createLink(survey)}>
                                {t('surveys.openLink')}
                                <span className="visually-hidden">: {survey.name}</span>
                              </button>
                            </>
                          )}
                          {links[survey.surveyId] && (
                            <p className="link-ready" role="status">
                              {t('surveys.linkReady', { name: survey.name })}{' '}
                              <a href={links[survey.surveyId]}>{links[survey.surveyId]}</a>
                            </p>
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </ExportableTable>
          )
        }
      </Status>
    </>
  );
}
