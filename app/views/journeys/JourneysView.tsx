import type { Breakdown, Localized } from '../../api/types.ts';
import { useApi } from '../../api/useApi.ts';
import { analyticsParams, CELL_FILTERS } from '../../filters/filters.ts';
import { useI18n } from '../../i18n/I18n.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { localName, useProgramme } from '../../shell/programme.tsx';
import { useTitle } from '../../shell/useTitle.ts';
import { Status } from '../../ui/Status.tsx';
import {
  type Band,
  journeyNpsOf,
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

/** Each journey as stages and touchpoints, coloured (and worded) by the gap to what they should deliver. */
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
  const hasComparison = Boolean(params.compareFrom);
  const before = useApi<Breakdown>(hasComparison ? '/analytics/breakdown' : null, {
    ...params,
    from: params.compareFrom,
    to: params.compareTo,
    compareFrom: undefined,
    compareTo: undefined,
    by: 'touchpoint',
  });
  const beforeRows = before.state === 'ready' ? before.data.rows : [];
  return (
    <>
      <h1>{t('journeys.title')}</h1>
      <p className="note">{t('journeys.help')}</p>
      <Status loaded={plans}>
        {(planData) => (
          <Status loaded={now}>
            {(nowData) =>
              planData.journeys
                .filter((j) => !filters.journeyKey || j.key === filters.journeyKey)
                .map((journey) => (
                  <JourneyMap
                    key={journey.journeyId}
                    journey={journey}
                    now={nowData.rows as TouchpointFigures[]}
                    before={beforeRows as TouchpointFigures[]}
                    hasComparison={hasComparison}
                    period={{ from: String(params.from), to: String(params.to) }}
                  />
                ))
            }
          </Status>
        )}
      </Status>
    </>
  );
}

function JourneyMap(props: {
  journey: JourneyDetail;
  now: TouchpointFigures[];
  before: TouchpointFigures[];
  hasComparison: boolean;
  period: { from: string; to: string };
}) {
  const { t, language, number } = useI18n();
  const { journey } = props;
  const touchpoints = journey.stages.flatMap((s) => s.touchpoints);
  const names = new Map(touchpoints.map((tp) => [tp.touchpointId, localName(tp.name, language)]));
  const gaps = new Map(
    touchpoints.map((tp) => [
      tp.touchpointId,
      touchpointGap(
        tp,
        props.now.find((r) => r.key === tp.touchpointId),
        props.before.find((r) => r.key === tp.touchpointId),
      ),
    ]),
  );
  const rows = props.now.filter((r) => names.has(r.key));
  const pains = painPoints([...gaps.values()]);
  const moments = momentsOfTruth(rows, journeyNpsOf(rows));
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
                    <table className="eai">
                      <caption className="visually-hidden">
                        {t('journeys.eaiCaption', { name: localName(tp.name, language) })}
                      </caption>
                      <thead>
                        <tr>
                          <th scope="col">{t('journeys.expected')}</th>
                          <th scope="col">{t('journeys.actual')}</th>
                          <th scope="col">{t('journeys.ideal')}</th>
                        </tr>
                      </thead>
                      <tbody>
                        <tr>
                          <td>{props.hasComparison ? value(gap.expected) : '—'}</td>
                          <td>{value(gap.actual)}</td>
                          <td>{value(gap.ideal)}</td>
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
          {pains.length === 0 ? (
            <p>{t('journeys.noPain')}</p>
          ) : (
            <ul data-testid="pain-points">
              {pains.map((pain) => (
                <PainPoint
                  key={pain.touchpointId}
                  gap={pain}
                  name={names.get(pain.touchpointId)!}
                  period={props.period}
                />
              ))}
            </ul>
          )}
        </section>
        <section aria-labelledby={`${titleId}-moments`}>
          <h3 id={`${titleId}-moments`}>{t('journeys.moments')}</h3>
          <p className="note">{t('journeys.momentsHelp')}</p>
          {moments.length === 0 ? (
            <p>{t('journeys.noMoments')}</p>
          ) : (
            <ul data-testid="moments">
              {moments.map((moment) => (
                <li key={moment.key}>
                  <strong>{names.get(moment.key) ?? moment.key}</strong>:{' '}
                  {t('journeys.momentEvidence', {
                    nps: number(moment.nps, 0),
                    difference: `${moment.difference >= 0 ? '+' : '−'}${number(Math.abs(moment.difference), 0)}`,
                    n: number(moment.n, 0),
                  })}
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </section>
  );
}

/** A pain point with its evidence: which Forces fall short, by how much, and what customers said. */
function PainPoint(props: { gap: TouchpointGap; name: string; period: { from: string; to: string } }) {
  const { t, number } = useI18n();
  const comments = useApi<{ comments: { commentId: string; text: string }[] }>('/comments', {
    touchpointId: props.gap.touchpointId,
    polarity: 'tension',
    from: props.period.from,
    to: props.period.to,
    limit: 2,
  });
  return (
    <li>
      <strong>{props.name}</strong>:{' '}
      {props.gap.forces
        .map((f) =>
          t('journeys.forceShortfall', {
            force: t(forceKey(f.force)),
            actual: f.actual === null ? '—' : number(f.actual, 0),
            ideal: f.ideal === null ? '—' : number(f.ideal, 0),
          }),
        )
        .join('; ')}{' '}
      (n = {number(props.gap.n, 0)})
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
