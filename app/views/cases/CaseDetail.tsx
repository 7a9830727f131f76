import { type FormEvent, useCallback, useEffect, useId, useState } from 'react';
import { api } from '../../api/client.ts';
import { useApi } from '../../api/useApi.ts';
import { useI18n } from '../../i18n/I18n.tsx';
import { isMessageKey } from '../../i18n/translate.ts';
import type { Assignee, CaseDetail } from './types.ts';

const ENTRY_KINDS = ['note', 'call', 'email', 'action'] as const;
// randomUUID needs a secure context; a plain-http deployment still gets a unique enough key.
const newKey = () =>
  typeof crypto.randomUUID === 'function'
    ? crypto.randomUUID()
    : `${Date.now()}-${Math.random().toString(36).slice(2)}`;
const localInput = (iso: string) => {
  const date = new Date(iso);
  return new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};

/** One case with every action the API offers, and its timeline. */
export function CaseDetailPanel(props: {
  caseId: string;
  version: number;
  assignees: Assignee[];
  onChanged: () => void;
}) {
  const { t, language } = useI18n();
  const [data, setData] = useState<CaseDetail | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const { caseId, version, onChanged } = props;
  const load = useCallback(async () => {
    try {
      setData(await api.get<CaseDetail>(`/cases/${caseId}`));
    } catch (error) {
      setProblem((error as Error).message);
    }
  }, [caseId]);
  useEffect(() => {
    // A new `version` (an inbox event, a change in the list) reloads the case.
    void version;
    void load();
  }, [load, version]);
  const causes = useApi<{ codes: string[] }>('/cases/root-causes');
  const names = new Map(props.assignees.map((u) => [u.userId, u.name]));
  const who = (id: string | null) => (id ? (names.get(id) ?? t('cases.someone')) : t('cases.system'));
  const when = (iso: string | null) =>
    iso ? new Date(iso).toLocaleString(language === 'it' ? 'it-IT' : 'en-GB') : '—';
  const word = (key: string, fallback: string) => (isMessageKey(key) ? t(key) : fallback);
  const causeName = (code: string) =>
    code.startsWith('force:')
      ? t('cases.cause.force', { force: word(`force.${code.slice(6)}`, code) })
      : word(`cases.cause.${code.replace('operational:', '')}`, code);

  /** Sends a change, then reloads the case and tells the list; a refusal is shown, nothing else changes. */
  const act = async (what: string, send: () => Promise<unknown>) => {
    setProblem(null);
    setDone(null);
    try {
      await send();
      await load();
      setDone(what);
      onChanged();
    } catch (error) {
      setProblem((error as Error).message);
    }
  };
  const patch = (what: string, body: Record<string, unknown>) =>
    act(what, () => api.patch(`/cases/${caseId}`, body));

  if (!data)
    return problem ? (
      <p role="alert" className="error">
        {t('app.error', { message: problem })}
      </p>
    ) : (
      <p aria-busy="true">{t('app.loading')}</p>
    );
  const checkback = data.checkbackAnswer
    ? t('cases.checkback.answered', { answer: data.checkbackAnswer })
    : data.status === 'resolved' || data.status === 'closed'
      ? data.contactId
        ? t('cases.checkback.waiting')
        : t('cases.checkback.noContact')
      : t('cases.checkback.notYet');

  return (
    <section className="panel case-detail" aria-labelledby="case-title" data-testid="case-detail">
      <h2 id="case-title">{data.title}</h2>
      <dl className="case-facts">
        <div>
          <dt>{t('cases.col.status')}</dt>
          <dd data-testid="case-status">{t(`caseStatus.${data.status}`)}</dd>
        </div>
        <div>
          <dt>{t('cases.col.priority')}</dt>
          <dd>{word(`cases.priority.${data.priority}`, data.priority)}</dd>
        </div>
        <div>
          <dt>{t('cases.col.owner')}</dt>
          <dd>{data.ownerUserId ? who(data.ownerUserId) : (data.queue ?? '—')}</dd>
        </div>
        <div>
          <dt>{t('cases.openedBy')}</dt>
          <dd>{data.ruleId ? t('cases.byRule') : t('cases.byPerson')}</dd>
        </div>
        <div>
          <dt>{t('cases.firstContactDue')}</dt>
          <dd>
            {data.firstContactedAt
              ? t('cases.contactedAt', { at: when(data.firstContactedAt) })
              : when(data.firstContactDueAt)}
          </dd>
        </div>
        <div>
          <dt>{t('cases.resolutionDue')}</dt>
          <dd>{when(data.resolutionDueAt)}</dd>
        </div>
        <div>
          <dt>{t('cases.escalation')}</dt>
          <dd>
            {data.escalationLevel === 0
              ? t('cases.notEscalated')
              : t('cases.escalated', { level: data.escalationLevel, to: who(data.escalatedToUserId) })}
          </dd>
        </div>
        <div>
          <dt>{t('cases.rootCause')}</dt>
          <dd>{data.rootCause ? causeName(data.rootCause) : '—'}</dd>
        </div>
        <div>
          <dt>{t('cases.resolution')}</dt>
          <dd className="user-text">{data.resolution ?? '—'}</dd>
        </div>
        <div>
          <dt>{t('cases.checkback')}</dt>
          <dd data-testid="case-checkback">{checkback}</dd>
        </div>
      </dl>
      <ResponseComments responseId={data.responseId} />
      {problem && (
        <p role="alert" className="error">
          {t('app.error', { message: problem })}
        </p>
      )}
      {done && (
        <p role="status" className="note">
          {t('cases.saved', { what: done })}
        </p>
      )}
      <div className="case-actions">
        {data.nextStatuses.filter((s) => s !== 'resolved').length > 0 && (
          <fieldset>
            <legend>{t('cases.moveTo')}</legend>
            {data.nextStatuses
              .filter((s) => s !== 'resolved')
              .map((status) => (
                <button
                  key={status}
                  type="button"
                  className="secondary"
                  onClick={() => patch(t(`caseStatus.${status}`), { status })}
                >
                  {t(`caseStatus.${status}`)}
                </button>
              ))}
          </fieldset>
        )}
        <Resolve
          key={`${data.rootCause}-${data.resolution}`}
          codes={causes.state === 'ready' ? causes.data.codes : []}
          causeName={causeName}
          rootCause={data.rootCause}
          resolution={data.resolution}
          mayResolve={data.nextStatuses.includes('resolved')}
          onSave={(body, what) => patch(what, body)}
        />
        <Owner
          assignees={props.assignees}
          ownerUserId={data.ownerUserId}
          onSave={(ownerUserId) => patch(t('cases.col.owner'), { ownerUserId })}
        />
        <Watchers
          assignees={props.assignees}
          watchers={data.watchers}
          who={who}
          onChange={(userId, watching) =>
            act(t('cases.watchers'), () =>
              watching
                ? api.put(`/cases/${caseId}/watchers/${userId}`)
                : api.delete(`/cases/${caseId}/watchers/${userId}`),
            )
          }
        />
        <DueDates
          key={`${data.firstContactDueAt}-${data.resolutionDueAt}`}
          firstContactDueAt={data.firstContactDueAt}
          resolutionDueAt={data.resolutionDueAt}
          onSave={(body) => patch(t('cases.dueDates'), body)}
        />
        <AddEntry
          onAdd={(body, key) =>
            act(word(`cases.entry.${body.kind}`, body.kind), () =>
              api.post(`/cases/${caseId}/entries`, body, { 'idempotency-key': key }),
            )
          }
        />
      </div>
      <h3>{t('cases.timeline')}</h3>
      <ol className="timeline" data-testid="timeline">
        {data.entries.map((entry) => (
          <li key={entry.entryId}>
            <p className="entry-head">
              {when(entry.at)} · {word(`cases.entry.${entry.kind}`, entry.kind)} · {who(entry.authorUserId)}
              {typeof entry.details.direction === 'string' &&
                ` · ${word(`cases.direction.${entry.details.direction}`, String(entry.details.direction))}`}
            </p>
            {/* Notes and logged calls are untrusted text: React renders them as text. */}
            {entry.body && (
              <p className="user-text">{entry.kind === 'status' ? statusWords(entry.body, t) : entry.body}</p>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}

/** "new → in_progress" as words. */
function statusWords(body: string, t: ReturnType<typeof useI18n>['t']): string {
  return body
    .split(' → ')
    .map((s) => (isMessageKey(`caseStatus.${s}`) ? t(`caseStatus.${s}` as never) : s))
    .join(' → ');
}

function ResponseComments(props: { responseId: string }) {
  const { t } = useI18n();
  const comments = useApi<{ comments: { commentId: string; text: string }[] }>('/comments', {
    responseId: props.responseId,
  });
  if (comments.state !== 'ready' || comments.data.comments.length === 0) return null;
  return (
    <div className="case-comments">
      <h3>{t('cases.customerSaid')}</h3>
      {comments.data.comments.map((c) => (
        <blockquote key={c.commentId} className="user-text">
          {c.text}
        </blockquote>
      ))}
    </div>
  );
}

function Resolve(props: {
  codes: string[];
  causeName: (code: string) => string;
  rootCause: string | null;
  resolution: string | null;
  mayResolve: boolean;
  onSave: (body: Record<string, unknown>, what: string) => void;
}) {
  const { t } = useI18n();
  const id = useId();
  const [rootCause, setRootCause] = useState(props.rootCause ?? '');
  const [resolution, setResolution] = useState(props.resolution ?? '');
  const body = { rootCause: rootCause || null, resolution: resolution.trim() || null };
  const forces = props.codes.filter((c) => c.startsWith('force:'));
  const others = props.codes.filter((c) => !c.startsWith('force:'));
  return (
    <fieldset>
      <legend>{t('cases.rootCauseAndResolution')}</legend>
      <div className="field">
        <label htmlFor={`${id}-cause`}>{t('cases.rootCause')}</label>
        <select id={`${id}-cause`} value={rootCause} onChange={(e) => setRootCause(e.target.value)}>
          <option value="">{t('cases.noCause')}</option>
          <optgroup label={t('cases.causes.forces')}>
            {forces.map((code) => (
              <option key={code} value={code}>
                {props.causeName(code)}
              </option>
            ))}
          </optgroup>
          <optgroup label={t('cases.causes.operational')}>
            {others.map((code) => (
              <option key={code} value={code}>
                {props.causeName(code)}
              </option>
            ))}
          </optgroup>
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-resolution`}>{t('cases.resolution')}</label>
        <textarea
          id={`${id}-resolution`}
          rows={2}
          value={resolution}
          onChange={(e) => setResolution(e.target.value)}
        />
      </div>
      <div className="comment-actions">
        <button
          type="button"
          className="secondary"
          onClick={() => props.onSave(body, t('cases.rootCauseAndResolution'))}
        >
          {t('cases.save')}
        </button>
        {props.mayResolve && (
          <button
            type="button"
            onClick={() => props.onSave({ ...body, status: 'resolved' }, t('caseStatus.resolved'))}
          >
            {t('cases.resolve')}
          </button>
        )}
      </div>
    </fieldset>
  );
}

function Owner(props: {
  assignees: Assignee[];
  ownerUserId: string | null;
  onSave: (userId: string) => void;
}) {
  const { t } = useI18n();
  const id = useId();
  const [owner, setOwner] = useState(props.ownerUserId ?? '');
  return (
    <fieldset>
      <legend>{t('cases.col.owner')}</legend>
      <div className="field">
        <label htmlFor={id}>{t('cases.assignTo')}</label>
        <select id={id} value={owner} onChange={(e) => setOwner(e.target.value)}>
          <option value="">—</option>
          {props.assignees.map((u) => (
            <option key={u.userId} value={u.userId}>
              {u.name}
            </option>
          ))}
        </select>
      </div>
      <button
        type="button"
        className="secondary"
        disabled={!owner || owner === props.ownerUserId}
        onClick={() => props.onSave(owner)}
      >
        {t('cases.assign')}
      </button>
    </fieldset>
  );
}

function Watchers(props: {
  assignees: Assignee[];
  watchers: string[];
  who: (id: string) => string;
  onChange: (userId: string, watching: boolean) => void;
}) {
  const { t } = useI18n();
  const id = useId();
  const [adding, setAdding] = useState('');
  return (
    <fieldset>
      <legend>{t('cases.watchers')}</legend>
      {props.watchers.length === 0 ? (
        <p>{t('cases.noWatchers')}</p>
      ) : (
        <ul className="watchers">
          {props.watchers.map((userId) => (
            <li key={userId}>
              {props.who(userId)}{' '}
              <button
                type="button"
                className="secondary"
                onClick={() => props.onChange(userId, false)}
                aria-label={t('cases.unwatch', { name: props.who(userId) })}
              >
                {t('cases.remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="field">
        <label htmlFor={id}>{t('cases.addWatcher')}</label>
        <select id={id} value={adding} onChange={(e) => setAdding(e.target.value)}>
          <option value="">—</option>
          {props.assignees
            .filter((u) => !props.watchers.includes(u.userId))
            .map((u) => (
              <option key={u.userId} value={u.userId}>
                {u.name}
              </option>
            ))}
        </select>
      </div>
      <button
        type="button"
        className="secondary"
        disabled={!adding}
        onClick={() => props.onChange(adding, true)}
      >
        {t('cases.watch')}
      </button>
    </fieldset>
  );
}

function DueDates(props: {
  firstContactDueAt: string;
  resolutionDueAt: string;
  onSave: (body: Record<string, string>) => void;
}) {
  const { t } = useI18n();
  const id = useId();
  const [first, setFirst] = useState(localInput(props.firstContactDueAt));
  const [resolution, setResolution] = useState(localInput(props.resolutionDueAt));
  return (
    <fieldset>
      <legend>{t('cases.dueDates')}</legend>
      <div className="field">
        <label htmlFor={`${id}-first`}>{t('cases.firstContactDue')}</label>
        <input
          id={`${id}-first`}
          type="datetime-local"
          value={first}
          onChange={(e) => setFirst(e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-resolution`}>{t('cases.resolutionDue')}</label>
        <input
          id={`${id}-resolution`}
          type="datetime-local"
          value={resolution}
          onChange={(e) => setResolution(e.target.value)}
        />
      </div>
      <button
        type="button"
        className="secondary"
        disabled={!first || !resolution}
        onClick={() =>
          props.onSave({
            firstContactDueAt: new Date(first).toISOString(),
            resolutionDueAt: new Date(resolution).toISOString(),
          })
        }
      >
        {t('cases.save')}
      </button>
    </fieldset>
  );
}

function AddEntry(props: {
  onAdd: (body: { kind: string; body: string; direction?: string }, idempotencyKey: string) => Promise<void>;
}) {
  const { t } = useI18n();
  const id = useId();
  const [kind, setKind] = useState<(typeof ENTRY_KINDS)[number]>('note');
  const [direction, setDirection] = useState('outbound');
  const [text, setText] = useState('');
  // One key per entry being written: a retried send of the same entry adds it once.
  const [key, setKey] = useState(newKey);
  const contact = kind === 'call' || kind === 'email';
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim()) return;
    await props.onAdd({ kind, body: text, ...(contact ? { direction } : {}) }, key);
    setText('');
    setKey(newKey());
  };
  return (
    <form className="add-entry" onSubmit={submit}>
      <fieldset>
        <legend>{t('cases.addEntry')}</legend>
        <div className="field">
          <label htmlFor={`${id}-kind`}>{t('cases.entryKind')}</label>
          <select id={`${id}-kind`} value={kind} onChange={(e) => setKind(e.target.value as typeof kind)}>
            {ENTRY_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`cases.entry.${k}`)}
              </option>
            ))}
          </select>
        </div>
        {contact && (
          <div className="field">
            <label htmlFor={`${id}-direction`}>{t('cases.directionLabel')}</label>
            <select id={`${id}-direction`} value={direction} onChange={(e) => setDirection(e.target.value)}>
              <option value="outbound">{t('cases.direction.outbound')}</option>
              <option value="inbound">{t('cases.direction.inbound')}</option>
            </select>
          </div>
        )}
        <div className="field wide">
          <label htmlFor={`${id}-body`}>{t('cases.entryText')}</label>
          <textarea
            id={`${id}-body`}
            rows={3}
            value={text}
            onChange={(e) => setText(e.target.value)}
            required
          />
        </div>
        <button type="submit">{t('cases.addToTimeline')}</button>
      </fieldset>
    </form>
  );
}
