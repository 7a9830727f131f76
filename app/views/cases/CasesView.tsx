import { useCallback, useEffect, useState } from 'react';
import { api } from '../../api/client.ts';
import { useApi } from '../../api/useApi.ts';
import { useI18n } from '../../i18n/I18n.tsx';
import { isMessageKey } from '../../i18n/translate.ts';
import { Link } from '../../router/Link.tsx';
import { pathOf } from '../../router/router.ts';
import { useProgramme } from '../../shell/programme.tsx';
import { useTitle } from '../../shell/useTitle.ts';
import { CaseDetailPanel } from './CaseDetail.tsx';
import './cases.css';
import { ImprovementsBoard } from './Improvements.tsx';
import type { Assignee, CaseRow } from './types.ts';
import { useInbox } from './useInbox.ts';

const TABS = ['mine', 'team', 'improvements'] as const;
type Tab = (typeof TABS)[number];

/** The live inbox, my cases and my team's, one case in detail, and the improvement actions board. */
export default function CasesView() {
  const { t } = useI18n();
  useTitle(t('cases.title'));
  const { search } = useProgramme();
  const tab = (TABS as readonly string[]).includes(search.get('tab') ?? '')
    ? (search.get('tab') as Tab)
    : 'mine';
  const selected = search.get('case');
  const inbox = useInbox();
  const assignees = useApi<{ users: Assignee[] }>('/cases/assignees');
  const people = new Map(
    assignees.state === 'ready' ? assignees.data.users.map((u) => [u.userId, u.name]) : [],
  );
  // Every inbox event (a case opened, escalated, reopened) and every change made here refreshes the list.
  const [version, setVersion] = useState(0);
  const changed = useCallback(() => setVersion((v) => v + 1), []);
  const newest = inbox.events[0]?.eventId;
  useEffect(() => {
    if (newest) changed();
  }, [newest, changed]);
  const link = (next: { tab?: Tab; case?: string }) =>
    pathOf('cases', new URLSearchParams(Object.entries(next).filter(([, v]) => v) as [string, string][]));

  return (
    <>
      <h1>{t('cases.title')}</h1>
      <nav aria-label={t('cases.tabs')} className="case-tabs">
        <ul>
          {TABS.map((key) => (
            <li key={key}>
              <Link href={link({ tab: key === 'mine' ? undefined : key })} current={tab === key}>
                {t(`cases.tab.${key}`)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {tab === 'improvements' ? (
        <ImprovementsBoard />
      ) : (
        <div className="cases-layout">
          <div>
            <CaseList
              mine={tab === 'mine'}
              version={version}
              people={people}
              selected={selected}
              hrefOf={(caseId) => link({ tab: tab === 'mine' ? undefined : tab, case: caseId })}
            />
            {selected && (
              <CaseDetailPanel
                key={selected}
                caseId={selected}
                version={version}
                assignees={assignees.state === 'ready' ? assignees.data.users : []}
                onChanged={changed}
              />
            )}
          </div>
          <section className="panel inbox" aria-labelledby="inbox-title">
            <h2 id="inbox-title">{t('cases.inbox')}</h2>
            <p className="note" role="status" data-testid="inbox-live">
              {t(`cases.live.${inbox.live}`)}
            </p>
            {inbox.events.length === 0 ? (
              <p>{t('cases.inboxEmpty')}</p>
            ) : (
              <>
                <ol className="inbox-events" data-testid="inbox">
                  {inbox.events.map((event) => (
                    <li key={event.eventId} className={event.read ? 'read' : 'unread'}>
                      <span className="event-kind">
                        {isMessageKey(`cases.event.${event.kind}`)
                          ? t(`cases.event.${event.kind}` as never)
                          : event.kind}
                        {!event.read && ` · ${t('cases.unread')}`}
                      </span>{' '}
                      {event.caseId ? (
                        <Link href={link({ tab: tab === 'mine' ? undefined : tab, case: event.caseId })}>
                          {event.title}
                        </Link>
                      ) : (
                        event.title
                      )}
                    </li>
                  ))}
                </ol>
                <button type="button" className="secondary" onClick={() => void inbox.markRead()}>
                  {t('cases.markRead')}
                </button>
              </>
            )}
          </section>
        </div>
      )}
    </>
  );
}

function CaseList(props: {
  mine: boolean;
  version: number;
  people: Map<string, string>;
  selected: string | null;
  hrefOf: (caseId: string) => string;
}) {
  const { t, language } = useI18n();
  const [openOnly, setOpenOnly] = useState(true);
  const [cases, setCases] = useState<CaseRow[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const { mine, version } = props;
  useEffect(() => {
    // A new `version` (an inbox event, a change made here) asks for the list again; the old rows stay meanwhile.
    void version;
    let current = true;
    api
      .get<{ cases: CaseRow[] }>('/cases', {
        mine: mine ? 'true' : undefined,
        open: openOnly ? 'true' : undefined,
        limit: 200,
      })
      .then((answer) => {
        if (!current) return;
        setCases(answer.cases);
        setProblem(null);
      })
      .catch((error: Error) => current && setProblem(error.message));
    return () => {
      current = false;
    };
  }, [mine, openOnly, version]);
  const when = (iso: string) => new Date(iso).toLocaleString(language === 'it' ? 'it-IT' : 'en-GB');
  return (
    <section className="panel" aria-labelledby="case-list-title">
      <h2 id="case-list-title">{mine ? t('cases.tab.mine') : t('cases.tab.team')}</h2>
      <label className="inline-check">
        <input type="checkbox" checked={openOnly} onChange={(e) => setOpenOnly(e.target.checked)} />{' '}
        {t('cases.openOnly')}
      </label>
      {problem && (
        <p role="alert" className="error">
          {t('app.error', { message: problem })}
        </p>
      )}
      {cases === null ? (
        <p aria-busy="true">{t('app.loading')}</p>
      ) : cases.length === 0 ? (
        <p>{t('cases.none')}</p>
      ) : (
        <div className="table-scroll">
          <table data-testid="case-list">
            <thead>
              <tr>
                <th scope="col">{t('cases.col.title')}</th>
                <th scope="col">{t('cases.col.status')}</th>
                <th scope="col">{t('cases.col.priority')}</th>
                <th scope="col">{t('cases.col.owner')}</th>
                <th scope="col">{t('cases.col.due')}</th>
              </tr>
            </thead>
            <tbody>
              {cases.map((c) => (
                <tr key={c.caseId} aria-current={c.caseId === props.selected ? 'true' : undefined}>
                  <th scope="row">
                    {/* Titles carry account names: React renders them as text. */}
                    <Link href={props.hrefOf(c.caseId)}>{c.title}</Link>
                  </th>
                  <td>{t(`caseStatus.${c.status}`)}</td>
                  <td>
                    {isMessageKey(`cases.priority.${c.priority}`)
                      ? t(`cases.priority.${c.priority}` as never)
                      : c.priority}
                  </td>
                  <td>{c.ownerUserId ? (props.people.get(c.ownerUserId) ?? '—') : (c.queue ?? '—')}</td>
                  <td>{when(c.firstContactedAt ? c.resolutionDueAt : c.firstContactDueAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
