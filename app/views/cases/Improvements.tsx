import { type FormEvent, useEffect, useId, useMemo, useState } from 'react';
import { ApiError, api } from '../../api/client.ts';
import { FORCES } from '../../api/types.ts';
import { Chart, preloadCharts } from '../../charts/Chart.tsx';
import { useI18n } from '../../i18n/I18n.tsx';
import { isMessageKey } from '../../i18n/translate.ts';
import { effectOption } from './effectChart.ts';
import { ACTION_STATUSES, type Effect, type ImprovementAction } from './types.ts';

/** Improvement actions as a board by status, each with its before/after effect on its measure. */
export function ImprovementsBoard() {
  const { t } = useI18n();
  const [actions, setActions] = useState<ImprovementAction[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [shown, setShown] = useState<string | null>(null);
  const load = async () => {
    try {
      setActions((await api.get<{ actions: ImprovementAction[] }>('/improvements')).actions);
    } catch (error) {
      setProblem((error as Error).message);
    }
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: loads once; later loads follow changes
  useEffect(() => {
    void load();
    preloadCharts();
  }, []);
  const word = (key: string, fallback: string) => (isMessageKey(key) ? t(key) : fallback);
  const move = async (actionId: string, status: string) => {
    setProblem(null);
    try {
      await api.patch(`/improvements/${actionId}`, { status });
      await load();
    } catch (error) {
      setProblem((error as Error).message);
    }
  };
  const selected = actions?.find((a) => a.actionId === shown);
  return (
    <>
      <NewAction onCreated={load} />
      {problem && (
        <p role="alert" className="error">
          {t('app.error', { message: problem })}
        </p>
      )}
      {actions === null ? (
        <p aria-busy="true">{t('app.loading')}</p>
      ) : (
        <div className="board" data-testid="improvements">
          {ACTION_STATUSES.map((status) => (
            <section key={status} className="board-column" aria-labelledby={`column-${status}`}>
              <h2 id={`column-${status}`}>
                {t(`improvements.status.${status}`)} ({actions.filter((a) => a.status === status).length})
              </h2>
              <ul>
                {actions
                  .filter((a) => a.status === status)
                  .map((action) => (
                    <li key={action.actionId} className="card">
                      <p className="action-title">{action.title}</p>
                      <p className="note">
                        {action.forceKey ? word(`force.${action.forceKey}`, action.forceKey) : '—'} ·{' '}
                        {word(`improvements.measure.${action.measure}`, action.measure)}
                        {action.startedOn && ` · ${t('improvements.startedOn', { day: action.startedOn })}`}
                        {action.dueDate && ` · ${t('improvements.due', { day: action.dueDate })}`}
                      </p>
                      <div className="comment-actions">
                        <label>
                          <span className="visually-hidden">
                            {t('improvements.moveLabel', { title: action.title })}
                          </span>
                          <select
                            value={action.status}
                            onChange={(e) => void move(action.actionId, e.target.value)}
                          >
                            {ACTION_STATUSES.map((s) => (
                              <option key={s} value={s}>
                                {t(`improvements.status.${s}`)}
                              </option>
                            ))}
                          </select>
                        </label>
                        <button
                          type="button"
                          className="secondary"
                          aria-expanded={shown === action.actionId}
                          onClick={() => setShown(shown === action.actionId ? null : action.actionId)}
                        >
                          {t('improvements.effect')}
                        </button>
                      </div>
                    </li>
                  ))}
              </ul>
            </section>
          ))}
        </div>
      )}
      {selected && <EffectPanel key={selected.actionId} action={selected} />}
    </>
  );
}

function NewAction(props: { onCreated: () => Promise<void> }) {
  const { t } = useI18n();
  const id = useId();
  const [title, setTitle] = useState('');
  const [force, setForce] = useState('');
  const [startedOn, setStartedOn] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    try {
      await api.post('/improvements', {
        title,
        forceKey: force || null,
        startedOn: startedOn || null,
        status: startedOn ? 'in_progress' : 'planned',
      });
      setTitle('');
      await props.onCreated();
    } catch (error) {
      setProblem((error as Error).message);
    }
  };
  return (
    <form className="panel new-action" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('improvements.new')}</h2>
      <div className="filter-row">
        <div className="field wide">
          <label htmlFor={`${id}-name`}>{t('improvements.actionTitle')}</label>
          <input
            id={`${id}-name`}
            value={title}
            onChange={(e) => setTitle(e.target.value)}
            required
            maxLength={300}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-force`}>{t('comments.force')}</label>
          <select id={`${id}-force`} value={force} onChange={(e) => setForce(e.target.value)}>
            <option value="">{t('improvements.noForce')}</option>
            {FORCES.map((f) => (
              <option key={f} value={f}>
                {t(`force.${f}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-start`}>{t('improvements.start')}</label>
          <input
            id={`${id}-start`}
            type="date"
            value={startedOn}
            onChange={(e) => setStartedOn(e.target.value)}
          />
        </div>
        <button type="submit">{t('improvements.create')}</button>
      </div>
      {problem && (
        <p role="alert" className="error">
          {t('app.error', { message: problem })}
        </p>
      )}
    </form>
  );
}

/** The measure before and after the action started: a small chart, the same figures as a table, and the verdict in words. */
function EffectPanel(props: { action: ImprovementAction }) {
  const { t, number } = useI18n();
  const [effect, setEffect] = useState<Effect | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    api
      .get<Effect>(`/improvements/${props.action.actionId}/effect`)
      .then(setEffect)
      .catch((error: Error) =>
        setProblem(
          error instanceof ApiError && error.status === 409 ? t('improvements.notStarted') : error.message,
        ),
      );
  }, [props.action.actionId, t]);
  const labels = useMemo(() => ({ before: t('improvements.before'), after: t('improvements.after') }), [t]);
  const option = useMemo(() => (effect ? effectOption(effect, labels) : null), [effect, labels]);
  const measure = isMessageKey(`improvements.measure.${props.action.measure}`)
    ? t(`improvements.measure.${props.action.measure}` as never)
    : props.action.measure;
  const value = (v: number | null) => (v === null ? '—' : number(v, 1));
  const verdict = !effect
    ? ''
    : effect.insufficient
      ? t('improvements.verdict.insufficient')
      : effect.significant
        ? t((effect.difference ?? 0) > 0 ? 'improvements.verdict.up' : 'improvements.verdict.down', {
            value: number(Math.abs(effect.difference ?? 0), 1),
            p: number(effect.pValue ?? 0, 3),
          })
        : t('improvements.verdict.none', { p: effect.pValue === null ? '—' : number(effect.pValue, 3) });
  return (
    <section className="panel" aria-labelledby="effect-title" data-testid="effect">
      <h2 id="effect-title">{t('improvements.effectOf', { title: props.action.title, measure })}</h2>
      {problem && <p className="note">{problem}</p>}
      {effect && option && (
        <>
          <p className="verdict" data-testid="effect-verdict">
            {verdict}
          </p>
          <Chart option={option} label={t('improvements.effectChart', { measure })} height={180} />
          <table>
            <thead>
              <tr>
                <th scope="col">{t('improvements.window')}</th>
                <th scope="col">{t('improvements.days')}</th>
                <th scope="col" className="num">
                  {measure}
                </th>
                <th scope="col" className="num">
                  n
                </th>
              </tr>
            </thead>
            <tbody>
              {(['before', 'after'] as const).map((side) => (
                <tr key={side}>
                  <th scope="row">{labels[side]}</th>
                  <td>
                    {effect[side].from} – {effect[side].to}
                  </td>
                  <td className="num">{value(effect[side].value)}</td>
                  <td className="num">{effect[side].n}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
