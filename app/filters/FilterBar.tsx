import { type ChangeEvent, useId, useState } from 'react';
import { type Breakdown, SEGMENTS, type Survey } from '../api/types.ts';
import { useApi } from '../api/useApi.ts';
import { useI18n } from '../i18n/I18n.tsx';
import type { MessageKey } from '../i18n/messages.ts';
import type { ViewName } from '../router/router.ts';
import { localName, useProgramme } from '../shell/programme.tsx';
import {
  ACCOUNT_FILTERS,
  type Applies,
  CELL_FILTERS,
  COMMENT_FILTERS,
  COMPARISONS,
  type Filters,
  type NarrowingKey,
  notApplied,
  PERIODS,
  presetDays,
} from './filters.ts';
import { UnitPicker } from './UnitPicker.tsx';

/** Which filters each view's data can take; later views add their own line. */
export const VIEW_FILTERS: Record<ViewName, Applies> = {
  overview: CELL_FILTERS,
  forces: CELL_FILTERS,
  accounts: ACCOUNT_FILTERS,
  surveys: new Set(),
  comments: COMMENT_FILTERS,
  cases: new Set(),
  settings: new Set(),
  journeys: CELL_FILTERS,
};

const LABELS: Record<NarrowingKey, MessageKey> = {
  unitId: 'filters.unit',
  journeyKey: 'filters.journey',
  stageKey: 'filters.stage',
  touchpointKey: 'filters.touchpoint',
  segment: 'filters.segment',
  tier: 'filters.tier',
  language: 'filters.language',
  surveyId: 'filters.survey',
};

function Select(props: {
  label: string;
  value: string | undefined;
  options: { value: string; label: string }[];
  onChange: (value: string | undefined) => void;
  any?: string;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <select
        id={id}
        value={props.value ?? ''}
        onChange={(event: ChangeEvent<HTMLSelectElement>) => props.onChange(event.target.value || undefined)}
      >
        {props.any !== undefined && <option value="">{props.any}</option>}
        {props.options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The global filters, shown on every view; every change goes into the URL. */
export function FilterBar(props: { view: ViewName }) {
  const { t, language } = useI18n();
  const { filters, setFilters, units, journeys } = useProgramme();
  const fromId = useId();
  const toId = useId();
  // The tier and language lists are asked for when the user first reaches the filters, so they do
  // not compete with the view's own figures; a value already in the URL is listed meanwhile.
  const [wanted, setWanted] = useState(false);
  const want = () => setWanted(true);
  const tiers = useApi<Breakdown>(wanted ? '/analytics/breakdown' : null, { by: 'tier' });
  const languages = useApi<Breakdown>(wanted ? '/analytics/breakdown' : null, { by: 'language' });
  const surveys = useApi<{ surveys: Survey[] }>(filters.surveyId ? '/surveys' : null);
  const update = (change: Partial<Filters>) => setFilters({ ...filters, ...change });
  const keys = (loaded: typeof tiers, current: string | undefined) => {
    const listed =
      loaded.state === 'ready' ? loaded.data.rows.map((row) => row.key).filter((key) => key !== '-') : [];
    return current && !listed.includes(current) ? [current, ...listed] : listed;
  };

  const journey = journeys.find((j) => j.key === filters.journeyKey);
  const stages = journey ? journey.stages : journeys.flatMap((j) => j.stages);
  const stage = stages.find((s) => s.key === filters.stageKey);
  const touchpoints = stage ? stage.touchpoints : stages.flatMap((s) => s.touchpoints);
  const skipped = notApplied(filters, VIEW_FILTERS[props.view]);
  const surveyName =
    surveys.state === 'ready'
      ? surveys.data.surveys.find((s) => s.surveyId === filters.surveyId)?.name
      : undefined;

  return (
    <section className="filters" aria-labelledby="filters-title" onFocus={want} onPointerEnter={want}>
      <h2 id="filters-title" className="visually-hidden">
        {t('filters.title')}
      </h2>
      <div className="filter-row">
        <Select
          label={t('filters.period')}
          value={filters.period}
          options={[...PERIODS, 'custom' as const].map((p) => ({
            value: p,
            label: t(`filters.period.${p}`),
          }))}
          onChange={(value) => {
            const period = (value ?? '12m') as Filters['period'];
            if (period === 'custom') update({ period });
            else update({ period, ...presetDays(period, new Date().toISOString().slice(0, 10)) });
          }}
        />
        {filters.period === 'custom' && (
          <>
            <div className="field">
              <label htmlFor={fromId}>{t('filters.from')}</label>
              <input
                id={fromId}
                type="date"
                value={filters.from}
                max={filters.to}
                onChange={(event) => event.target.value && update({ from: event.target.value })}
              />
            </div>
            <div className="field">
              <label htmlFor={toId}>{t('filters.to')}</label>
              <input
                id={toId}
                type="date"
                value={filters.to}
                min={filters.from}
                onChange={(event) => event.target.value && update({ to: event.target.value })}
              />
            </div>
          </>
        )}
        <Select
          label={t('filters.compare')}
          value={filters.compare}
          options={COMPARISONS.map((c) => ({ value: c, label: t(`filters.compare.${c}`) }))}
          onChange={(value) => update({ compare: (value ?? 'previous') as Filters['compare'] })}
        />
        <UnitPicker
          key={units.length}
          units={units}
          value={filters.unitId}
          onChange={(unitId) => update({ unitId })}
        />
      </div>
      <div className="filter-row">
        <Select
          label={t('filters.journey')}
          value={filters.journeyKey}
          any={t('filters.any')}
          options={journeys.map((j) => ({ value: j.key, label: localName(j.name, language) }))}
          onChange={(journeyKey) => update({ journeyKey, stageKey: undefined, touchpointKey: undefined })}
        />
        <Select
          label={t('filters.stage')}
          value={filters.stageKey}
          any={t('filters.any')}
          options={stages.map((s) => ({ value: s.key, label: localName(s.name, language) }))}
          onChange={(stageKey) => update({ stageKey, touchpointKey: undefined })}
        />
        <Select
          label={t('filters.touchpoint')}
          value={filters.touchpointKey}
          any={t('filters.any')}
          options={touchpoints.map((tp) => ({ value: tp.key, label: localName(tp.name, language) }))}
          onChange={(touchpointKey) => update({ touchpointKey })}
        />
        <Select
          label={t('filters.segment')}
          value={filters.segment}
          any={t('filters.any')}
          options={SEGMENTS.map((s) => ({ value: s, label: t(`segment.${s}`) }))}
          onChange={(segment) => update({ segment })}
        />
        <Select
          label={t('filters.tier')}
          value={filters.tier}
          any={t('filters.any')}
          options={keys(tiers, filters.tier).map((tier) => ({ value: tier, label: tier }))}
          onChange={(tier) => update({ tier })}
        />
        <Select
          label={t('filters.language')}
          value={filters.language}
          any={t('filters.any')}
          options={keys(languages, filters.language).map((code) => ({
            value: code,
            label: code.toUpperCase(),
          }))}
          onChange={(value) => update({ language: value })}
        />
        {filters.surveyId && (
          <Select
            label={t('filters.survey')}
            value={filters.surveyId}
            any={t('filters.any')}
            options={[{ value: filters.surveyId, label: surveyName ?? filters.surveyId }]}
            onChange={(surveyId) => update({ surveyId })}
          />
        )}
        <button
          type="button"
          className="secondary clear"
          onClick={() =>
            setFilters({
              period: filters.period,
              from: filters.from,
              to: filters.to,
              compare: filters.compare,
            })
          }
        >
          {t('filters.clear')}
        </button>
      </div>
      {skipped.length > 0 && (
        <p className="note" role="status">
          {t('filters.notApplied', { names: skipped.map((key) => t(LABELS[key])).join(', ') })}
        </p>
      )}
    </section>
  );
}
