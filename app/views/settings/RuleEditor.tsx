import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { ApiError, api } from '../../api/client.ts';
import { FORCES, SEGMENTS, type Survey } from '../../api/types.ts';
import { useApi } from '../../api/useApi.ts';
import { useI18n } from '../../i18n/I18n.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { localName, useProgramme } from '../../shell/programme.tsx';
import { ChangeError } from './ChangeError.tsx';
import {
  CHANNELS,
  CONDITION_TYPES,
  type ConditionDraft,
  type ConditionType,
  newCondition,
  PRIORITIES,
  type Rule,
  type RuleDraft,
  ruleChange,
  ruleDraft,
} from './ruleDraft.ts';
import { useChange } from './useResource.ts';

/**
 * Edits one alert rule: its conditions (all must hold), name, priority, reach and routing. Fields the
 * API refuses are marked invalid and named in the error above the form.
 */
export function RuleEditor(props: { rule: Rule; onDone: (saved: boolean) => void }) {
  const { t, language } = useI18n();
  const { journeys } = useProgramme();
  const surveys = useApi<{ surveys: Survey[] }>('/surveys');
  const [draft, setDraft] = useState<RuleDraft>(() => ruleDraft(props.rule));
  const change = useChange(() => undefined);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const base = useId();
  const id = (name: string) => `${base}-${name}`;
  const wrong = new Set(change.error instanceof ApiError ? change.error.fields.map((f) => f.field) : []);
  const invalid = (field: string) => (wrong.has(`body.${field}`) ? true : undefined);
  const set = (next: Partial<RuleDraft>) => setDraft({ ...draft, ...next });
  const setCondition = (index: number, next: Partial<ConditionDraft>) =>
    set({ conditions: draft.conditions.map((c, i) => (i === index ? { ...c, ...next } : c)) });
  const numberOf = (text: string) => (text === '' ? Number.NaN : Number(text));
  const save = async (event: FormEvent) => {
    event.preventDefault();
    const done = await change.run(() => api.patch(`/alert-rules/${props.rule.ruleId}`, ruleChange(draft)));
    if (done) props.onDone(true);
  };
  const touchpoints = journeys.flatMap((journey) =>
    journey.stages.flatMap((stage) =>
      stage.touchpoints.map((tp) => ({
        touchpointId: tp.touchpointId,
        name: `${localName(journey.name, language)} · ${localName(tp.name, language)}`,
      })),
    ),
  );
  return (
    <form className="settings-form rule-editor" onSubmit={save} aria-labelledby={id('title')} noValidate>
      <h3 id={id('title')} tabIndex={-1} ref={heading}>
        {t('settings.rules.editTitle', { name: props.rule.name })}
      </h3>
      <ChangeError error={change.error} />
      <div className="field">
        <label htmlFor={id('name')}>{t('settings.reports.name')}</label>
        <input
          id={id('name')}
          value={draft.name}
          aria-invalid={invalid('name')}
          onChange={(e) => set({ name: e.target.value })}
          required
        />
      </div>
      <fieldset>
        <legend>{t('settings.rules.conditions')}</legend>
        <p className="note">{t('settings.rules.allMustHold')}</p>
        {draft.conditions.map((condition, index) => (
          <ConditionFields
            // Conditions have no identity of their own; their place in the list is it.
            // biome-ignore lint/suspicious/noArrayIndexKey: the position is the condition's identity here
            key={index}
            index={index}
            condition={condition}
            idOf={(name) => id(`c${index}-${name}`)}
            invalid={(key) => invalid(`conditions.${index}${key ? `.${key}` : ''}`)}
            onChange={(next) => setCondition(index, next)}
            onRemove={
              draft.conditions.length > 1
                ? () => set({ conditions: draft.conditions.filter((_, i) => i !== index) })
                : undefined
            }
          />
        ))}
        <button
          type="button"
          className="secondary"
          disabled={draft.conditions.length >= 20}
          onClick={() => set({ conditions: [...draft.conditions, newCondition('nps_at_most')] })}
        >
          {t('settings.rules.addCondition')}
        </button>
      </fieldset>
      <fieldset>
        <legend>{t('settings.rules.reach')}</legend>
        <div className="filter-row">
          <div className="field">
            <label htmlFor={id('survey')}>{t('settings.rules.survey')}</label>
            <select
              id={id('survey')}
              value={draft.surveyId}
              aria-invalid={invalid('surveyId')}
              onChange={(e) => set({ surveyId: e.target.value })}
            >
              <option value="">{t('settings.rules.anySurvey')}</option>
              {surveys.state === 'ready' &&
                surveys.data.surveys.map((s) => (
                  <option key={s.surveyId} value={s.surveyId}>
                    {s.name}
                  </option>
                ))}
              {/* A survey the list does not (yet) show stays selectable as it is. */}
              {draft.surveyId &&
                !(
                  surveys.state === 'ready' && surveys.data.surveys.some((s) => s.surveyId === draft.surveyId)
                ) && <option value={draft.surveyId}>{draft.surveyId}</option>}
            </select>
          </div>
          <div className="field">
            <label htmlFor={id('touchpoint')}>{t('settings.rules.touchpoint')}</label>
            <select
              id={id('touchpoint')}
              value={draft.touchpointId}
              aria-invalid={invalid('touchpointId')}
              onChange={(e) => set({ touchpointId: e.target.value })}
            >
              <option value="">{t('settings.rules.anyTouchpoint')}</option>
              {touchpoints.map((tp) => (
                <option key={tp.touchpointId} value={tp.touchpointId}>
                  {tp.name}
                </option>
              ))}
              {draft.touchpointId && !touchpoints.some((tp) => tp.touchpointId === draft.touchpointId) && (
                <option value={draft.touchpointId}>{draft.touchpointId}</option>
              )}
            </select>
          </div>
        </div>
      </fieldset>
      <fieldset>
        <legend>{t('settings.rules.routing')}</legend>
        <div className="filter-row">
          <div className="field">
            <label htmlFor={id('priority')}>{t('settings.rules.priority')}</label>
            <select
              id={id('priority')}
              value={draft.priority}
              aria-invalid={invalid('priority')}
              onChange={(e) => set({ priority: e.target.value })}
            >
              {PRIORITIES.map((p) => (
                <option key={p} value={p}>
                  {t(`cases.priority.${p}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={id('queue')}>{t('settings.rules.queue')}</label>
            <input
              id={id('queue')}
              value={draft.fallbackQueue}
              aria-invalid={invalid('fallbackQueue')}
              onChange={(e) => set({ fallbackQueue: e.target.value })}
            />
          </div>
          <div className="field">
            <label htmlFor={id('hours')}>{t('settings.rules.firstContactHours')}</label>
            <input
              id={id('hours')}
              type="number"
              min={1}
              max={720}
              value={Number.isNaN(draft.firstContactHours) ? '' : draft.firstContactHours}
              aria-invalid={invalid('firstContactHours')}
              onChange={(e) => set({ firstContactHours: numberOf(e.target.value) })}
            />
          </div>
          <div className="field">
            <label htmlFor={id('days')}>{t('settings.rules.resolutionDays')}</label>
            <input
              id={id('days')}
              type="number"
              min={1}
              max={365}
              value={Number.isNaN(draft.resolutionDays) ? '' : draft.resolutionDays}
              aria-invalid={invalid('resolutionDays')}
              onChange={(e) => set({ resolutionDays: numberOf(e.target.value) })}
            />
          </div>
        </div>
        <fieldset className="choices">
          <legend>{t('settings.rules.channels')}</legend>
          {CHANNELS.map((channel) => (
            <label key={channel} className="choice">
              <input
                type="checkbox"
                checked={draft.channels.includes(channel)}
                onChange={(e) =>
                  set({
                    channels: e.target.checked
                      ? [...draft.channels, channel]
                      : draft.channels.filter((c) => c !== channel),
                  })
                }
              />{' '}
              {t(`settings.rules.channel.${channel}`)}
            </label>
          ))}
        </fieldset>
      </fieldset>
      <div className="button-row">
        <button type="submit" disabled={change.busy}>
          {t('settings.rules.save')}
        </button>
        <button type="button" className="secondary" onClick={() => props.onDone(false)}>
          {t('settings.cancel')}
        </button>
      </div>
    </form>
  );
}

/** One condition: what to watch for and the inputs that type needs. */
function ConditionFields(props: {
  index: number;
  condition: ConditionDraft;
  idOf: (name: string) => string;
  invalid: (key: string) => true | undefined;
  onChange: (next: Partial<ConditionDraft>) => void;
  onRemove?: () => void;
}) {
  const { t } = useI18n();
  const { condition, idOf } = props;
  const n = props.index + 1;
  const listLabel: Partial<Record<ConditionType, MessageKey>> = {
    keyword: 'settings.rules.words',
    comment_topic: 'settings.rules.topics',
    account_tier: 'settings.rules.tiers',
  };
  const listKey = { keyword: 'words', comment_topic: 'topics', account_tier: 'tiers' } as const;
  return (
    <fieldset className="rule-condition" data-testid="rule-condition">
      <legend>{t('settings.rules.condition', { n })}</legend>
      <div className="filter-row">
        <div className="field">
          <label htmlFor={idOf('type')}>{t('settings.rules.conditionType')}</label>
          <select
            id={idOf('type')}
            value={condition.type}
            aria-invalid={props.invalid('type')}
            onChange={(e) => props.onChange(newCondition(e.target.value as ConditionType))}
          >
            {CONDITION_TYPES.map((type) => (
              <option key={type} value={type}>
                {t(`settings.rules.type.${type}`)}
              </option>
            ))}
          </select>
        </div>
        {(condition.type === 'force_at_most' || condition.type === 'comment_force_tension') && (
          <div className="field">
            <label htmlFor={idOf('force')}>{t('settings.rules.force')}</label>
            <select
              id={idOf('force')}
              value={condition.force}
              aria-invalid={props.invalid('force')}
              onChange={(e) => props.onChange({ force: e.target.value })}
            >
              {condition.type === 'comment_force_tension' && (
                <option value="">{t('settings.rules.anyForce')}</option>
              )}
              {FORCES.map((force) => (
                <option key={force} value={force}>
                  {t(`force.${force}`)}
                </option>
              ))}
            </select>
          </div>
        )}
        {(condition.type === 'nps_at_most' || condition.type === 'force_at_most') && (
          <div className="field">
            <label htmlFor={idOf('value')}>
              {t(
                condition.type === 'nps_at_most' ? 'settings.rules.npsAtMost' : 'settings.rules.scoreAtMost',
              )}
            </label>
            <input
              id={idOf('value')}
              type="number"
              min={0}
              max={condition.type === 'nps_at_most' ? 10 : 100}
              value={Number.isNaN(condition.value) ? '' : condition.value}
              aria-invalid={props.invalid('value')}
              onChange={(e) =>
                props.onChange({ value: e.target.value === '' ? Number.NaN : Number(e.target.value) })
              }
            />
          </div>
        )}
        {condition.type in listKey && (
          <div className="field grow">
            <label htmlFor={idOf('list')}>{t(listLabel[condition.type]!)}</label>
            <input
              id={idOf('list')}
              value={condition.list}
              aria-invalid={props.invalid(listKey[condition.type as keyof typeof listKey])}
              onChange={(e) => props.onChange({ list: e.target.value })}
            />
          </div>
        )}
      </div>
      {condition.type === 'segment' && (
        <fieldset className="choices">
          <legend>{t('settings.rules.segments')}</legend>
          {SEGMENTS.map((segment) => (
            <label key={segment} className="choice">
              <input
                type="checkbox"
                checked={condition.segments.includes(segment)}
                onChange={(e) =>
                  props.onChange({
                    segments: e.target.checked
                      ? [...condition.segments, segment]
                      : condition.segments.filter((s) => s !== segment),
                  })
                }
              />{' '}
              {t(`segment.${segment}`)}
            </label>
          ))}
        </fieldset>
      )}
      {props.onRemove && (
        <button type="button" className="secondary" onClick={props.onRemove}>
          {t('settings.rules.removeCondition', { n })}
        </button>
      )}
    </fieldset>
  );
}
