import { useApi } from '../../api/useApi.ts';
import { searchFromFilters } from '../../filters/filters.ts';
import { useI18n } from '../../i18n/I18n.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { Link } from '../../router/Link.tsx';
import { pathOf } from '../../router/router.ts';
import { useProgramme } from '../../shell/programme.tsx';
import { useTitle } from '../../shell/useTitle.ts';
import { ExportableTable } from '../../ui/ExportableTable.tsx';
import { Status } from '../../ui/Status.tsx';

interface Profile {
  account: {
    accountId: string;
    name: string;
    tier: string | null;
    industry: string | null;
    annualValue: number | null;
    renewalDate: string | null;
  };
  stakeholders: {
    contactId: string;
    name: string;
    email: string;
    role: string | null;
    lastAnswerAt: string | null;
    lastNps: number | null;
    segment: string | null;
    responses: number;
  }[];
  timeline: (
    | {
        kind: 'response';
        at: string;
        id: string;
        nps: number | null;
        segment: string | null;
        surveyName: string;
      }
    | { kind: 'comment'; at: string; id: string; source: string; text: string }
    | { kind: 'case'; at: string; id: string; title: string; status: string; priority: string }
  )[];
}

const segmentKey = (segment: string | null): MessageKey | null =>
  segment === 'emotionally_attached' || segment === 'functionally_satisfied' || segment === 'unfulfilled'
    ? (`segment.${segment}` as MessageKey)
    : null;

/** One account: who its stakeholders are, how each last answered, and what happened, newest first. */
export function AccountPage(props: { accountId: string }) {
  const { t, money } = useI18n();
  const { filters } = useProgramme();
  const profile = useApi<Profile>(`/accounts/${encodeURIComponent(props.accountId)}/profile`);
  useTitle(profile.state === 'ready' ? profile.data.account.name : t('accounts.title'));
  const segmentWords = (segment: string | null) => {
    const key = segmentKey(segment);
    return key ? t(key) : '—';
  };
  return (
    <>
      <p>
        <Link href={pathOf('accounts', searchFromFilters(filters))}>{t('account.back')}</Link>
      </p>
      <Status loaded={profile}>
        {({ account, stakeholders, timeline }) => (
          <>
            <h1 className="account-name">{account.name}</h1>
            <dl className="facts">
              <dt>{t('accounts.col.tier')}</dt>
              <dd>{account.tier ?? '—'}</dd>
              <dt>{t('account.industry')}</dt>
              <dd>{account.industry ?? '—'}</dd>
              <dt>{t('accounts.col.value')}</dt>
              <dd>{account.annualValue === null ? '—' : money(account.annualValue)}</dd>
              <dt>{t('accounts.col.renewal')}</dt>
              <dd>{account.renewalDate ?? '—'}</dd>
            </dl>
            <section className="panel" aria-labelledby="stakeholders-title">
              <h2 id="stakeholders-title">{t('account.stakeholders')}</h2>
              {stakeholders.length === 0 ? (
                <p>{t('account.noStakeholders')}</p>
              ) : (
                <ExportableTable name={t('account.stakeholders')}>
                  <div className="table-scroll">
                    <table data-testid="stakeholders">
                      <thead>
                        <tr>
                          <th scope="col">{t('account.contact')}</th>
                          <th scope="col">{t('account.role')}</th>
                          <th scope="col">{t('account.lastAnswer')}</th>
                          <th scope="col" className="num">
                            {t('account.lastNps')}
                          </th>
                          <th scope="col">{t('filters.segment')}</th>
                          <th scope="col" className="num">
                            {t('account.answers')}
                          </th>
                        </tr>
                      </thead>
                      <tbody>
                        {stakeholders.map((person) => (
                          <tr key={person.contactId}>
                            <th scope="row">
                              {person.name} <span className="note">{person.email}</span>
                            </th>
                            <td>{person.role ?? '—'}</td>
                            <td>
                              {person.lastAnswerAt ? person.lastAnswerAt.slice(0, 10) : t('account.never')}
                            </td>
                            <td className="num" data-value={person.lastNps ?? ''}>
                              {person.lastNps ?? '—'}
                            </td>
                            <td>{segmentWords(person.segment)}</td>
                            <td className="num" data-value={person.responses}>
                              {person.responses}
                            </td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                </ExportableTable>
              )}
            </section>
            <section className="panel" aria-labelledby="timeline-title">
              <h2 id="timeline-title">{t('account.timeline')}</h2>
              {timeline.length === 0 ? (
                <p>{t('account.noEvents')}</p>
              ) : (
                <ol className="timeline" data-testid="timeline">
                  {timeline.map((event) => (
                    <li key={`${event.kind}-${event.id}`} className={`event ${event.kind}`}>
                      <time dateTime={event.at}>{event.at.slice(0, 10)}</time>{' '}
                      <strong>{t(`account.event.${event.kind}`)}</strong>{' '}
                      {event.kind === 'response' && (
                        <span>
                          {event.surveyName} · NPS {event.nps ?? '—'} · {segmentWords(event.segment)}
                        </span>
                      )}
                      {event.kind === 'comment' && <q className="comment-text">{event.text}</q>}
                      {event.kind === 'case' && (
                        <span>
                          {event.title} · {event.status.replace(/_/g, ' ')} · {event.priority}
                        </span>
                      )}
                    </li>
                  ))}
                </ol>
              )}
            </section>
          </>
        )}
      </Status>
    </>
  );
}
