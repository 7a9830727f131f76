import { useEffect, useMemo } from 'react';
import {
  type Breakdown,
  FORCES,
  type ForceKey,
  type Forces,
  MIN_BASE,
  OUTCOMES,
  type Outcome,
  type Trend,
} from '../../api/types.ts';
import { useApi } from '../../api/useApi.ts';
import { Chart, preloadCharts } from '../../charts/Chart.tsx';
import { analyticsParams } from '../../filters/filters.ts';
import { showMean } from '../../format/figures.ts';
import { useI18n } from '../../i18n/I18n.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { touchpointNames, useProgramme } from '../../shell/programme.tsx';
import { useTitle } from '../../shell/useTitle.ts';
import { Change } from '../../ui/Change.tsx';
import { ExportableTable } from '../../ui/ExportableTable.tsx';
import { FigureValue } from '../../ui/FigureValue.tsx';
import { Status } from '../../ui/Status.tsx';
import { forceTrendOption, heatmapOption, heatmapRows, quadrantOption } from './charts.ts';

const BOOTSTRAP_REPLICATES = 200;

/** The six Forces: scores and changes, what drives the chosen outcome, trends, and touchpoints × Forces. */
export default function ForcesView() {
  const { t } = useI18n();
  useTitle(t('forces.title'));
  const { filters, search, setFilters, ready } = useProgramme();
  const outcome = (OUTCOMES as readonly string[]).includes(search.get('outcome') ?? '')
    ? (search.get('outcome') as Outcome)
    : 'strength';
  const params = analyticsParams(filters);
  const period = { ...params, compareFrom: undefined, compareTo: undefined };
  const forces = useApi<Forces>('/analytics/forces', { ...params, outcome, bootstrap: BOOTSTRAP_REPLICATES });
  const trend = useApi<Trend>('/analytics/trend', { ...period, grouping: 'month' });
  const heatmap = useApi<Breakdown>('/analytics/breakdown', { ...period, by: 'touchpoint' });
  useEffect(() => preloadCharts({ more: true }), []);
  return (
    <>
      <h1>{t('forces.title')}</h1>
      <Status loaded={forces}>{(data) => <Scores data={data} />}</Status>
      <div className="grid-2">
        <Status loaded={forces}>
          {(data) => (
            <Drivers
              data={data}
              outcome={outcome}
              onOutcome={(next) => setFilters(filters, { outcome: next === 'strength' ? undefined : next })}
            />
          )}
        </Status>
        <Status loaded={forces}>{(data) => <Quadrant data={data} />}</Status>
      </div>
      <section className="panel" aria-labelledby="force-trends-title">
        <h2 id="force-trends-title">{t('forces.trends')}</h2>
        <Status loaded={trend}>{(data) => <ForceTrends points={data.points} />}</Status>
      </section>
      <section className="panel" aria-labelledby="heatmap-title">
        <h2 id="heatmap-title">{t('forces.heatmap')}</h2>
        {/* Rows are named from the journeys, which come with the session. */}
        <Status loaded={ready ? heatmap : { state: 'loading' }}>{(data) => <Heatmap data={data} />}</Status>
      </section>
    </>
  );
}

const forceKey = (force: ForceKey): MessageKey => `force.${force}`;

function Scores(props: { data: Forces }) {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <section aria-labelledby="scores-title">
      <h2 id="scores-title">{t('forces.scores')}</h2>
      <div className="kpis" data-testid="force-scores">
        {props.data.forces.map((f) => (
          <div className="card kpi" key={f.force}>
            <h3>{t(forceKey(f.force))}</h3>
            <FigureValue shown={showMean(f.score, i18n)} minBase={props.data.minBase} />
            <Change change={f.change} />
          </div>
        ))}
      </div>
    </section>
  );
}

function Drivers(props: { data: Forces; outcome: Outcome; onOutcome: (outcome: Outcome) => void }) {
  const i18n = useI18n();
  const { t, number, percent } = i18n;
  const { drivers, quadrant } = props.data;
  const outcomeWords = t(`forces.outcome.${props.outcome}`);
  return (
    <section className="panel" aria-labelledby="drivers-title">
      <h2 id="drivers-title">{t('forces.drivers', { outcome: outcomeWords })}</h2>
      <div className="field">
        <label htmlFor="outcome">{t('forces.outcome')}</label>
        <select
          id="outcome"
          value={props.outcome}
          onChange={(event) => props.onOutcome(event.target.value as Outcome)}
        >
          {OUTCOMES.map((o) => (
            <option key={o} value={o}>
              {t(`forces.outcome.${o}`)}
            </option>
          ))}
        </select>
      </div>
      {drivers.suppressed ? (
        <p className="suppressed">{t('forces.driversSuppressed', { n: drivers.n })}</p>
      ) : (
        <>
          <p className="note">{t('forces.rSquared', { value: number(drivers.rSquared, 3), n: drivers.n })}</p>
          <ExportableTable name={t('forces.drivers', { outcome: outcomeWords })}>
            <div className="table-scroll">
              <table data-testid="drivers">
                <thead>
                  <tr>
                    <th scope="col">{t('forces.col.force')}</th>
                    <th scope="col" className="num">
                      {t('forces.col.share')}
                    </th>
                    <th scope="col">{t('forces.col.interval')}</th>
                    <th scope="col" className="num">
                      {t('forces.col.score')}
                    </th>
                    <th scope="col">{t('forces.col.quadrant')}</th>
                  </tr>
                </thead>
                <tbody>
                  {[...drivers.players]
                    .sort((a, b) => b.share - a.share)
                    .map((player) => {
                      const interval = drivers.bootstrap?.players.find((p) => p.name === player.force);
                      const placed = quadrant?.forces.find((q) => q.force === player.force);
                      const score = props.data.forces.find((f) => f.force === player.force)?.score;
                      return (
                        <tr key={player.force}>
                          <th scope="row">{t(forceKey(player.force as ForceKey))}</th>
                          <td className="num">{percent(player.share, 1)}</td>
                          <td>
                            {interval
                              ? `${percent(interval.share.lower, 1)} – ${percent(interval.share.upper, 1)}`
                              : '—'}
                          </td>
                          <td className="num">
                            <FigureValue shown={showMean(score, i18n)} minBase={props.data.minBase} compact />
                          </td>
                          <td>{placed ? t(`quadrant.${placed.quadrant}` as MessageKey) : '—'}</td>
                        </tr>
                      );
                    })}
                </tbody>
              </table>
            </div>
          </ExportableTable>
        </>
      )}
    </section>
  );
}

function Quadrant(props: { data: Forces }) {
  const { t } = useI18n();
  const { quadrant } = props.data;
  const option = useMemo(
    () =>
      quadrant
        ? quadrantOption(quadrant, (f) => t(forceKey(f)), {
            importance: t('quadrant.importance'),
            performance: t('quadrant.performance'),
          })
        : null,
    [quadrant, t],
  );
  return (
    <section className="panel" aria-labelledby="quadrant-title">
      <h2 id="quadrant-title">{t('forces.quadrant')}</h2>
      {option && quadrant ? (
        <>
          <Chart more option={option} label={t('forces.quadrantChart')} height={320} testId="quadrant" />
          <ul className="quadrant-legend">
            {(['fix_first', 'keep', 'watch', 'over_served'] as const).map((q) => (
              <li key={q}>
                <strong>{t(`quadrant.${q}`)}</strong>:{' '}
                {quadrant.forces
                  .filter((f) => f.quadrant === q)
                  .map((f) => t(forceKey(f.force)))
                  .join(', ') || '—'}
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p className="suppressed">{t('forces.quadrantNone')}</p>
      )}
    </section>
  );
}

function ForceTrends(props: { points: Trend['points'] }) {
  const i18n = useI18n();
  const { t } = i18n;
  const option = useMemo(() => forceTrendOption(props.points, (f) => t(forceKey(f))), [props.points, t]);
  return (
    <>
      <Chart option={option} label={t('forces.trendsChart')} height={300} testId="force-trends" />
      <details>
        <summary>{t('forces.trendsChart')}</summary>
        <ExportableTable name={t('forces.trendsChart')}>
          <div className="table-scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('overview.month')}</th>
                  {FORCES.map((f) => (
                    <th scope="col" className="num" key={f}>
                      {t(forceKey(f))}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {props.points.map((point) => (
                  <tr key={point.period}>
                    <th scope="row">{point.period}</th>
                    {FORCES.map((f) => (
                      <td className="num" key={f}>
                        <FigureValue shown={showMean(point.forces[f], i18n)} minBase={MIN_BASE} compact />
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </ExportableTable>
      </details>
    </>
  );
}

function Heatmap(props: { data: Breakdown }) {
  const i18n = useI18n();
  const { t, language } = i18n;
  const { journeys } = useProgramme();
  const rows = useMemo(() => {
    const names = touchpointNames(journeys, language);
    return heatmapRows(props.data, (id) => names.get(id));
  }, [props.data, journeys, language]);
  const option = useMemo(() => heatmapOption(rows, (f) => t(forceKey(f))), [rows, t]);
  if (rows.length === 0) return <p>{t('forces.heatmapNone')}</p>;
  return (
    <>
      <Chart
        more
        option={option}
        label={t('forces.heatmapChart')}
        height={Math.max(200, 40 * rows.length + 110)}
        testId="heatmap"
      />
      <details>
        <summary>{t('forces.heatmapChart')}</summary>
        <ExportableTable name={t('forces.heatmapChart')}>
          <div className="table-scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('forces.touchpoint')}</th>
                  {FORCES.map((f) => (
                    <th scope="col" className="num" key={f}>
                      {t(forceKey(f))}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.key}>
                    <th scope="row">{row.name}</th>
                    {FORCES.map((f) => (
                      <td className="num" key={f}>
                        <FigureValue shown={showMean(row.forces[f], i18n)} minBase={MIN_BASE} compact />
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </ExportableTable>
      </details>
    </>
  );
}
