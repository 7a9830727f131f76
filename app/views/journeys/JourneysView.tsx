import type { Breakdown, Forces, Localized } from '../../api/types.ts';
import { useApi } from '../../api/useApi.ts';
import { type Applies, analyticsParams, CELL_FILTERS } from '../../filters/filters.ts';
import { useI18n } from '../../i18n/I18n.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { localName, useProgramme } from '../../shell/programme.tsx';
import { useTitle } from '../../shell/useTitle.ts';
import { Status } from '../../ui/Status.tsx';
import {
  type Band,
  type DriverShare,
  type MomentOfTruth,
  momentsOfTruth,
  painPoints,
  type TouchpointFigures,
  type TouchpointGap,
  type TouchpointPlan,
  touchpointGap,
} from './journeyMap.ts';

interface JourneyDetail {
  journeyId: string;
  key: string;
  name: Localized;
  stages: {
    stageId: string;
    key: string;
    name: Localized;
    touchpoints: (TouchpointPlan & {
      key: string;
      name: Localized;
      channel: string;
      owningDepartment: string;
    })[];
  }[];
}
const SYMBOL: Record<Band, string> = { meets: '▲', near: '●', below: '▼', unknown: '?' };
const forceKey = (force: string) => `force.${force}` as MessageKey;
/**
 * The key-driver analysis reads relationship answers in the caller's unit, segment and language: a
 * journey, stage, touchpoint or survey filter would leave only pulses, which do not ask every Force.
 */
const DRIVER_FILTERS: Applies = new Set(['unitId', 'segment', 'language']);

/** Each journey as stages and touchpoints: expected, actual and ideal, pain points and moments of truth. */
export default function JourneysView() {
  const { t } = useI18n();
  useTitle(t('journeys.title'));
  const { filters } = useProgramme();
  const params = analyticsParams(filters, CELL_FILTERS);
  const plans = useApi<{ journeys: JourneyDetail[] }>('/journeys');
  const now = useApi<Breakdown>('/analytics/breakdown', {
    ...params,
    compareFrom: undefined,
    compareTo: undefined,
    by: 'touchpoint',
  });
  const driverParams = analyticsParams(filters, DRIVER_FILTERS);
  const drivers = useApi<Forces>('/analytics/forces', {
    ...driverParams,
    compareFrom: undefined,
    compareTo: undefined,
    outcome: 'strength',
  });
  const driverShares: DriverShare[] | null =
    drivers.state === 'ready' && !drivers.data.drivers.suppressed ? drivers.data.drivers.players : null;
  return (
    <>
      <h1>{t('journeys.title')}</h1>
      <p className="note">{t('journeys.help')}</p>
      <Status loaded={plans}>
        {(planData) => (
          <Status loaded={now}>
            {(nowData) => (
              <Status loaded={drivers}>
                {() => {
                  const shown = planData.journeys.filter(
                    (j) => !filters.journeyKey || j.key === filters.journeyKey,
                  );
                  // Moments of truth are the programme's strongest touchpoints, whichever journey they are in.
                  const moments = momentsOfTruth(
                    shown.flatMap((j) => j.stages.flatMap((s) => s.touchpoints)),
                    driverShares,
                  );
                  return shown.map((journey) => (
                    <JourneyMap
                      key={journey.journeyId}
                      journey={journey}
                      now={nowData.rows as TouchpointFigures[]}
                      drivers={driverShares}
                      moments={moments}
                      period={{ from: String(params.from), to: String(params.to) }}
                    />
                  ));
                }}
              </Status>
            )}
          </Status>
        )}
      </Status>
    </>
  );
}

function JourneyMap(props: {
  journey: JourneyDetail;
  now: TouchpointFigures[];
  drivers: DriverShare[] | null;
  moments: MomentOfTruth[];
  period: { from: string; to: string };
}) {
  const { t, language, number, percent } = useI18n();
  const { journey } = props;
  const touchpoints = journey.stages.flatMap((s) => s.touchpoints);
  const names = new Map(touchpoints.map((tp) => [tp.touchpointId, localName(tp.name, language)]));
  const gaps = new Map(
    touchpoints.map((tp) => [
      tp.touchpointId,
      touchpointGap(
        tp,
        props.now.find((r) => r.key === tp.touchpointId),
      ),
    ]),
  );
  const pains = painPoints([...gaps.values()]);
  const moments = props.moments.filter((m) => names.has(m.touchpointId));
  const momentIds = new Set(moments.map((m) => m.touchpointId));
  const value = (x: number | null) => (x === null ? '—' : number(x, 0));
  const titleId = `journey-${journey.key}`;
  return (
    <section className="panel journey" aria-labelledby={titleId}>
      <h2 id={titleId}>{localName(journey.name, language)}</h2>
      <ol className="stages" aria-label={t('journeys.stages')}>
        {journey.stages.map((stage) => (
          <li key={stage.stageId} className="stage">
            <h3>{localName(stage.name, language)}</h3>
            <ul className="touchpoints">
              {stage.touchpoints.map((tp) => {
                const gap = gaps.get(tp.touchpointId)!;
                return (
                  <li
                    key={tp.touchpointId}
                    className={`touchpoint band-${gap.band}`}
                    data-testid="touchpoint"
                  >
                    <h4>{localName(tp.name, language)}</h4>
                    <p className="band">
                      <span aria-hidden="true">{SYMBOL[gap.band]}</span> {t(`journeys.band.${gap.band}`)}
                      {gap.gap !== null && ` (${gap.gap >= 0 ? '+' : '−'}${number(Math.abs(gap.gap), 0)})`}
                    </p>
                    {momentIds.has(tp.touchpointId) && (
                      <p className="moment-tag">{t('journeys.momentTag')}</p>
                    )}
                    <table className="eai">
                      <caption className="visually-hidden">
                        {t('journeys.eaiCaption', { name: localName(tp.name, language) })}
                      </caption>
                      <tbody>
                        <tr>
                          <th scope="row">{t('journeys.expected')}</th>
                          <td data-testid="expected">
                            {gap.expected
                              ? t('journeys.expectedValue', {
                                  better: percent(gap.expected.better),
                                  worse: percent(gap.expected.worse),
                                })
                              : '—'}
                          </td>
                        </tr>
                        <tr>
                          <th scope="row">{t('journeys.actual')}</th>
                          <td>
                            {value(gap.actual)}
                            {gap.csat.actual !== null &&
                              ` · ${t('journeys.csat', { value: percent(gap.csat.actual) })}`}
                          </td>
                        </tr>
                        <tr>
                          <th scope="row">{t('journeys.ideal')}</th>
                          <td>
                            {value(gap.ideal)}
                            {gap.csat.ideal !== null &&
                              ` · ${t('journeys.csat', { value: percent(gap.csat.ideal) })}`}
                          </td>
                        </tr>
                      </tbody>
                    </table>
                    <p className="note">
                      {gap.forces.map((f) => t(forceKey(f.force))).join(' · ')} · n = {number(gap.n, 0)}
                    </p>
                  </li>
                );
              })}
            </ul>
          </li>
        ))}
      </ol>
      <div className="grid-2">
        <section aria-labelledby={`${titleId}-pains`}>
          <h3 id={`${titleId}-pains`}>{t('journeys.painPoints')}</h3>
          <p className="note">{t('journeys.painHelp')}</p>
          {pains.length === 0 ? (
            <p>{t('journeys.noPain')}</p>
          ) : (
            <ul data-testid="pain-points">
              {pains.map((pain) => (
                <PainPoint
                  key={pain.touchpointId}
                  gap={pain}
                  name={names.get(pain.touchpointId)!}
                  atMoment={momentIds.has(pain.touchpointId)}
                  period={props.period}
                />
              ))}
            </ul>
          )}
        </section>
        <section aria-labelledby={`${titleId}-moments`}>
          <h3 id={`${titleId}-moments`}>{t('journeys.moments')}</h3>
          <p className="note">{t('journeys.momentsHelp')}</p>
          {props.drivers === null ? (
            <p>{t('journeys.noMoments')}</p>
          ) : moments.length === 0 ? (
            <p>{t('journeys.noMomentHere')}</p>
          ) : (
            <ul data-testid="moments">
              {moments.map((moment) => (
                <Moment
                  key={moment.touchpointId}
                  moment={moment}
                  name={names.get(moment.touchpointId) ?? moment.touchpointId}
                  plan={touchpoints.find((tp) => tp.touchpointId === moment.touchpointId)!}
                  gap={gaps.get(moment.touchpointId)!}
                />
              ))}
            </ul>
          )}
        </section>
      </div>
    </section>
  );
}

/** A moment of truth with its evidence: how much of the relationship its Forces explain, and where it stands. */
function Moment(props: { moment: MomentOfTruth; name: string; plan: TouchpointPlan; gap: TouchpointGap }) {
  const { t, percent } = useI18n();
  return (
    <li>
      <strong>{props.name}</strong>:{' '}
      {t('journeys.momentEvidence', {
        forces: props.plan.targetForces.map((f) => t(forceKey(f))).join(' + '),
        share: percent(props.moment.impact),
        equal: percent(props.moment.equalShare),
      })}{' '}
      ({t(`journeys.band.${props.gap.band}`)})
    </li>
  );
}

/** A pain point with its evidence: what falls short, by how much, and what customers said. */
function PainPoint(props: {
  gap: TouchpointGap;
  name: string;
  atMoment: boolean;
  period: { from: string; to: string };
}) {
  const { t, number, percent } = useI18n();
  const { gap } = props;
  const comments = useApi<{ comments: { commentId: string; text: string }[] }>('/comments', {
    touchpointId: gap.touchpointId,
    polarity: 'tension',
    from: props.period.from,
    to: props.period.to,
    limit: 2,
  });
  const reasons = [
    ...gap.forces
      .filter((f) => f.short)
      .map((f) =>
        t('journeys.forceShortfall', {
          force: t(forceKey(f.force)),
          actual: f.actual === null ? '—' : number(f.actual, 0),
          ideal: f.ideal === null ? '—' : number(f.ideal, 0),
        }),
      ),
    ...(gap.csat.short && gap.csat.actual !== null && gap.csat.ideal !== null
      ? [t('journeys.csatShortfall', { actual: percent(gap.csat.actual), ideal: percent(gap.csat.ideal) })]
      : []),
    ...(gap.expected?.worseThanExpected
      ? [
          t('journeys.worseThanExpected', {
            worse: percent(gap.expected.worse),
            better: percent(gap.expected.better),
          }),
        ]
      : []),
  ];
  return (
    <li>
      <strong>{props.name}</strong>: {reasons.join('; ')} (n = {number(gap.n, 0)})
      {props.atMoment && <> · {t('journeys.atMoment')}</>}
      {comments.state === 'ready' && comments.data.comments.length > 0 && (
        <ul className="evidence">
          {comments.data.comments.map((comment) => (
            <li key={comment.commentId}>
              <q>{comment.text}</q>
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}
