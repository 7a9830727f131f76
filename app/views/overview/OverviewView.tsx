import { useEffect, useMemo } from 'react';
import { MIN_BASE, type Overview, type SignificantChange, type Trend } from '../../api/types.ts';
import { useApi } from '../../api/useApi.ts';
import { Chart, preloadCharts } from '../../charts/Chart.tsx';
import { analyticsParams } from '../../filters/filters.ts';
import { showMean, showNps, showShare } from '../../format/figures.ts';
import { useI18n } from '../../i18n/I18n.tsx';
import { useProgramme } from '../../shell/programme.tsx';
import { useTitle } from '../../shell/useTitle.ts';
import { Change } from '../../ui/Change.tsx';
import { ExportableTable } from '../../ui/ExportableTable.tsx';
import { FigureValue } from '../../ui/FigureValue.tsx';
import { Status } from '../../ui/Status.tsx';
import { segmentOption, trendOption, volumeOption } from './charts.ts';
import { OpenAlerts } from './OpenAlerts.tsx';

/** NPS, CSAT and effort with intervals and trend; volume and response rate; the relationship segments. */
export default function OverviewView() {
  const { t } = useI18n();
  useTitle(t('overview.title'));
  const { filters } = useProgramme();
  const params = analyticsParams(filters);
  const overview = useApi<Overview>('/analytics/overview', params);
  const trend = useApi<Trend>('/analytics/trend', {
    ...params,
    compareFrom: undefined,
    compareTo: undefined,
    grouping: 'month',
  });
  useEffect(() => preloadCharts(), []);
  return (
    <>
      <h1>{t('overview.title')}</h1>
      <Status loaded={overview}>{(data) => <Headline data={data} unitId={filters.unitId} />}</Status>
      <div className="grid-2">
        <section className="panel" aria-labelledby="trend-title">
          <h2 id="trend-title">{t('overview.trend')}</h2>
          <Status loaded={trend}>{(data) => <TrendChart points={data.points} minBase={MIN_BASE} />}</Status>
        </section>
        <section className="panel" aria-labelledby="volume-title">
          <h2 id="volume-title">{t('overview.volume')}</h2>
          <Status loaded={overview}>{(data) => <Volume data={data} />}</Status>
          <Status loaded={trend}>{(data) => <VolumeChart points={data.points} />}</Status>
        </section>
      </div>
      <Status loaded={overview}>{(data) => <Segments data={data} />}</Status>
    </>
  );
}

function Headline(props: { data: Overview; unitId: string | undefined }) {
  const i18n = useI18n();
  const { t } = i18n;
  const { data } = props;
  const npsChange = data.comparison?.nps;
  return (
    <div className="kpis">
      <section className="card kpi" aria-labelledby="kpi-nps">
        <h2 id="kpi-nps">{t('overview.nps')}</h2>
        <FigureValue shown={showNps(data.nps, i18n)} minBase={data.minBase} />
        {npsChange && (
          <>
            <Change change={npsChange as SignificantChange | { suppressed: true }} digits={0} />
            <span className="visually-hidden">{t('change.vsComparison')}</span>
          </>
        )}
      </section>
      <section className="card kpi" aria-labelledby="kpi-csat">
        <h2 id="kpi-csat">{t('overview.csat')}</h2>
        <FigureValue shown={showShare(data.csat, i18n)} minBase={data.minBase} />
      </section>
      <section className="card kpi" aria-labelledby="kpi-ces">
        <h2 id="kpi-ces">{t('overview.ces')}</h2>
        <FigureValue shown={showMean(data.ces, i18n)} minBase={data.minBase} />
      </section>
      <OpenAlerts unitId={props.unitId} />
    </div>
  );
}

function TrendChart(props: { points: Trend['points']; minBase: number }) {
  const i18n = useI18n();
  const { t } = i18n;
  const option = useMemo(
    () => trendOption(props.points, { nps: 'NPS', csat: 'CSAT %', ces: t('overview.ces') }),
    [props.points, t],
  );
  return (
    <>
      <Chart option={option} label={t('overview.trendChart')} testId="trend-chart" />
      <details>
        <summary>{t('overview.trendChart')}</summary>
        <ExportableTable name={t('overview.trendChart')}>
          <div className="table-scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('overview.month')}</th>
                  <th scope="col" className="num">
                    NPS
                  </th>
                  <th scope="col" className="num">
                    CSAT
                  </th>
                  <th scope="col" className="num">
                    {t('overview.ces')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {props.points.map((point) => (
                  <tr key={point.period}>
                    <th scope="row">{point.period}</th>
                    <td className="num">
                      <FigureValue shown={showNps(point.nps, i18n)} minBase={props.minBase} compact />
                    </td>
                    <td className="num">
                      <FigureValue shown={showShare(point.csat, i18n)} minBase={props.minBase} compact />
                    </td>
                    <td className="num">
                      <FigureValue shown={showMean(point.ces, i18n)} minBase={props.minBase} compact />
                    </td>
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

function Volume(props: { data: Overview }) {
  const { t, percent, number } = useI18n();
  const rate = props.data.responseRate;
  return (
    <dl className="volume">
      <dt>{t('overview.responses')}</dt>
      <dd data-testid="volume">{number(props.data.base, 0)}</dd>
      <dt>{t('overview.responseRate')}</dt>
      <dd>
        {rate && rate.rate !== null
          ? `${percent(rate.rate)} (${t('overview.responseRateDetail', { answered: rate.answered, sent: rate.sent })})`
          : t('overview.responseRateNone')}
      </dd>
    </dl>
  );
}

function VolumeChart(props: { points: Trend['points'] }) {
  const { t } = useI18n();
  const option = useMemo(() => volumeOption(props.points, t('overview.responses')), [props.points, t]);
  return <Chart option={option} label={t('overview.volumeChart')} height={200} />;
}

function Segments(props: { data: Overview }) {
  const i18n = useI18n();
  const { t } = i18n;
  const { data } = props;
  const option = useMemo(
    () => segmentOption(data.segments, (s) => t(`segment.${s}` as never)),
    [data.segments, t],
  );
  return (
    <section className="panel" aria-labelledby="segments-title">
      <h2 id="segments-title">{t('overview.segments')}</h2>
      <Chart option={option} label={t('overview.segmentsChart')} height={80} testId="segment-bar" />
      <ExportableTable name={t('overview.segmentTable')}>
        <div className="table-scroll">
          <table>
            <caption>{t('overview.segmentTable')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('overview.col.segment')}</th>
                <th scope="col">{t('overview.col.share')}</th>
                <th scope="col">{t('overview.col.nps')}</th>
                <th scope="col">{t('overview.col.satisfaction')}</th>
                <th scope="col">{t('overview.col.retention')}</th>
                <th scope="col">{t('overview.col.afterIncident')}</th>
              </tr>
            </thead>
            <tbody>
              {data.segments.map((s) => (
                <tr key={s.segment}>
                  <th scope="row">{t(`segment.${s.segment}`)}</th>
                  <td>
                    <FigureValue shown={showShare(s.share, i18n)} minBase={data.minBase} />
                  </td>
                  <td>
                    <FigureValue shown={showNps(s.nps, i18n)} minBase={data.minBase} />
                  </td>
                  <td>
                    <FigureValue shown={showMean(s.satisfaction, i18n)} minBase={data.minBase} />
                  </td>
                  <td>
                    <FigureValue shown={showShare(s.retention, i18n)} minBase={data.minBase} />
                  </td>
                  <td>
                    <FigureValue shown={showMean(s.afterIncident, i18n)} minBase={data.minBase} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </ExportableTable>
    </section>
  );
}
