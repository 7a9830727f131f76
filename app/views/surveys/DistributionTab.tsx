import { useState } from 'react';
import type { Role } from '../../../src/db/schema.ts';
import { type Action, may } from '../../../src/policies/abilities.ts';
import { api } from '../../api/client.ts';
import { useApi } from '../../api/useApi.ts';
import { useI18n } from '../../i18n/I18n.tsx';
import { useProgramme } from '../../shell/programme.tsx';
import { Status } from '../../ui/Status.tsx';
import { ChangeError } from '../settings/ChangeError.tsx';
import { PersonalLinkPicker } from './PersonalLinkPicker.tsx';
import type { BuilderSurvey } from './useDraft.ts';

const STATUSES = ['queued', 'sent', 'responded', 'bounced', 'complained', 'failed', 'cancelled'] as const;

interface InvitationSummary {
  total: number;
  counts: Record<(typeof STATUSES)[number], number>;
  lastSentAt: string | null;
}

/** How the survey reaches people: its open link, how personal links are made, and how invitations stand. */
export function DistributionTab(props: { survey: BuilderSurvey }) {
  const { t, number } = useI18n();
  const { me } = useProgramme();
  const { survey } = props;
  const allowed = (action: Action) =>
    me ? may({ role: me.role as Role } as Parameters<typeof may>[0], action) : false;
  const [link, setLink] = useState<string | null>(null);
  const [failure, setFailure] = useState<Error | null>(null);
  const [copied, setCopied] = useState(false);
  const readsInvitations = allowed('invitations:read');
  const summary = useApi<InvitationSummary>(
    readsInvitations ? `/surveys/${encodeURIComponent(survey.surveyId)}/invitations/summary` : null,
  );
  const published = survey.currentVersion !== null;

  const createLink = async () => {
    setFailure(null);
    setCopied(false);
    try {
      const { url } = await api.post<{ url: string }>(
        `/surveys/${encodeURIComponent(survey.surveyId)}/links`,
        {},
      );
      setLink(url);
    } catch (error) {
      setFailure(error as Error);
    }
  };

  return (
    <>
      <section className="panel" aria-labelledby="open-link-title">
        <h2 id="open-link-title">{t('builder.openLinkTitle')}</h2>
        <p className="note">{t('builder.openLinkHelp', { slug: survey.slug })}</p>
        {!published && <p>{t('builder.openLinkUnpublished')}</p>}
        {published && allowed('surveys:manage') && (
          <button type="button" className="secondary" onClick={createLink}>
            {t('builder.createOpenLink')}
          </button>
        )}
        {link && (
          <div className="field link-field">
            <label htmlFor="open-link">{t('builder.openLink')}</label>
            <div className="inline-form">
              <input id="open-link" readOnly value={link} onFocus={(event) => event.target.select()} />
              <button
                type="button"
                className="secondary"
                onClick={async () => {
                  await navigator.clipboard?.writeText(link).catch(() => undefined);
                  setCopied(true);
                }}
              >
                {t('builder.copy')}
              </button>
            </div>
          </div>
        )}
        <p role="status" className="saved">
          {copied ? t('builder.copied') : ''}
        </p>
        <ChangeError error={failure} />
      </section>
      <section className="panel" aria-labelledby="personal-links-title">
        <h2 id="personal-links-title">{t('builder.personalLinksTitle')}</h2>
        <p>{t('builder.personalLinksRules')}</p>
        {allowed('surveys:manage') && allowed('accounts:read') && !published && (
          <p>{t('builder.personalLinkUnpublished')}</p>
        )}
        {allowed('surveys:manage') && allowed('accounts:read') && published && (
          <PersonalLinkPicker surveyId={survey.surveyId} />
        )}
        <p>{t('builder.personalLinksApi')}</p>
        <pre className="code-sample">
          {`POST /api/v1/surveys/${survey.surveyId}/links\n{ "contactId": "…", "language": "it", "expiresInDays": 30 }`}
        </pre>
      </section>
      <section className="panel" aria-labelledby="invitations-title">
        <h2 id="invitations-title">{t('builder.invitationsTitle')}</h2>
        {!readsInvitations && <p>{t('builder.invitationsNotAllowed')}</p>}
        {readsInvitations && (
          <Status loaded={summary}>
            {(data) => (
              <>
                <p>
                  {data.total === 0
                    ? t('builder.invitationsNone')
                    : t('builder.invitationsTotal', { n: number(data.total, 0) })}
                </p>
                <table data-testid="invitation-counts">
                  <caption className="visually-hidden">{t('builder.invitationsTitle')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('builder.invitationStatus')}</th>
                      <th scope="col" className="num">
                        {t('builder.invitationCount')}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {STATUSES.map((status) => (
                      <tr key={status}>
                        <th scope="row">{t(`builder.invitation.${status}`)}</th>
                        <td className="num">{number(data.counts[status], 0)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </>
            )}
          </Status>
        )}
      </section>
    </>
  );
}
