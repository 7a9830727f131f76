import { useState } from 'react';
import { useI18n } from '../../i18n/I18n.tsx';
import { isMessageKey } from '../../i18n/translate.ts';
import { Status } from '../../ui/Status.tsx';
import { useResource } from '../settings/useResource.ts';
import type { BuilderSurvey } from './useDraft.ts';

interface Versions {
  versions: { version: number; publishedAt: string }[];
}

/**
 * Publishing: the draft becomes a new immutable version (unsaved edits are saved first); the
 * versions published so far; closing and reopening a live survey. Read-only: the versions alone.
 */
export function PublishTab(props: {
  survey: BuilderSurvey;
  readOnly: boolean;
  busy: boolean;
  openIssues: number;
  publish: () => Promise<number | null>;
  setOpen: (open: boolean) => Promise<void>;
}) {
  const { t, language } = useI18n();
  const { survey } = props;
  const versions = useResource<Versions>(`/surveys/${encodeURIComponent(survey.surveyId)}/versions`);
  const [published, setPublished] = useState<number | null>(null);
  const status = isMessageKey(`surveyStatus.${survey.status}`)
    ? t(`surveyStatus.${survey.status}` as 'surveyStatus.open')
    : survey.status;
  const when = (iso: string) =>
    new Date(iso).toLocaleString(language === 'it' ? 'it-IT' : 'en-GB', {
      dateStyle: 'medium',
      timeStyle: 'short',
    });
  return (
    <section className="panel" aria-labelledby="publish-title">
      <h2 id="publish-title">{props.readOnly ? t('builder.tab.versions') : t('builder.publishTitle')}</h2>
      <p>
        {t('builder.statusLine', {
          status,
          version: survey.currentVersion === null ? '—' : String(survey.currentVersion),
        })}
      </p>
      {!props.readOnly && (
        <>
          <p className="note">{t('builder.publishHelp')}</p>
          {props.openIssues > 0 && (
            <p className="note">{t('builder.publishBlocked', { n: props.openIssues })}</p>
          )}
          <div className="publish-actions">
            <button
              type="button"
              disabled={props.busy}
              onClick={async () => {
                setPublished(null);
                const version = await props.publish();
                if (version !== null) {
                  setPublished(version);
                  versions.reload();
                }
              }}
            >
              {t('builder.publish')}
            </button>
            {survey.currentVersion !== null && (
              <button
                type="button"
                className="secondary"
                disabled={props.busy}
                onClick={() => props.setOpen(survey.status !== 'open')}
              >
                {survey.status === 'open' ? t('builder.close') : t('builder.reopen')}
              </button>
            )}
          </div>
          <p role="status" className="saved">
            {published !== null ? t('builder.published', { version: published }) : ''}
          </p>
        </>
      )}
      <h3>{t('builder.versions')}</h3>
      <Status loaded={versions}>
        {(data) =>
          data.versions.length === 0 ? (
            <p>{t('builder.noVersions')}</p>
          ) : (
            <table data-testid="versions">
              <caption className="visually-hidden">{t('builder.versions')}</caption>
              <thead>
                <tr>
                  <th scope="col" className="num">
                    {t('builder.version')}
                  </th>
                  <th scope="col">{t('builder.publishedAt')}</th>
                </tr>
              </thead>
              <tbody>
                {data.versions.map((each) => (
                  <tr key={each.version}>
                    <th scope="row" className="num">
                      {each.version}
                    </th>
                    <td>
                      <time dateTime={each.publishedAt}>{when(each.publishedAt)}</time>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </Status>
    </section>
  );
}
