import { type FormEvent, useEffect, useId, useState } from 'react';
import { api } from '../../api/client.ts';
import { useI18n } from '../../i18n/I18n.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { Status } from '../../ui/Status.tsx';
import type { HealthContext } from '../accounts/health.ts';
import { ChangeError } from './ChangeError.tsx';
import { useChange, useResource } from './useResource.ts';

type Settings = HealthContext['settings'];
const WEIGHTS = ['strength', 'nps', 'coverage', 'openCases'] as const;

/** The Customer Health Score: how much each signal weighs, where Amber and Green start. */
export function HealthSection() {
  const { t } = useI18n();
  const health = useResource<HealthContext>('/health-score');
  return (
    <section aria-labelledby="health-title">
      <h2 id="health-title">{t('settings.health.title')}</h2>
      <p className="note">{t('settings.health.help')}</p>
      <Status loaded={health}>
        {(data) => <HealthForm initial={data.settings} reload={health.reload} />}
      </Status>
    </section>
  );
}

function HealthForm(props: { initial: Settings; reload: () => void }) {
  const { t } = useI18n();
  const change = useChange(props.reload);
  const [settings, setSettings] = useState<Settings>(props.initial);
  const [saved, setSaved] = useState(false);
  useEffect(() => setSettings(props.initial), [props.initial]);
  const base = useId();
  const number = (value: string) => (value === '' ? 0 : Number(value));
  const save = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const done = await change.run(() => api.put('/health-score/settings', settings));
    if (done) setSaved(true);
  };
  const input = (id: string, label: string, value: number, set: (value: number) => void, max = 100) => (
    <div className="field" key={id}>
      <label htmlFor={`${base}-${id}`}>{label}</label>
      <input
        id={`${base}-${id}`}
        type="number"
        min={0}
        max={max}
        step="any"
        value={value}
        onChange={(e) => set(number(e.target.value))}
        required
      />
    </div>
  );
  return (
    <form className="settings-form" onSubmit={save}>
      <ChangeError error={change.error} />
      <fieldset>
        <legend>{t('settings.health.weights')}</legend>
        <div className="filter-row">
          {WEIGHTS.map((key) =>
            input(key, t(`settings.health.weight.${key}` as MessageKey), settings.weights[key], (value) =>
              setSettings({ ...settings, weights: { ...settings.weights, [key]: value } }),
            ),
          )}
        </div>
      </fieldset>
      <fieldset>
        <legend>{t('settings.health.thresholds')}</legend>
        <div className="filter-row">
          {input('amber', t('settings.health.amber'), settings.thresholds.amber, (value) =>
            setSettings({ ...settings, thresholds: { ...settings.thresholds, amber: value } }),
          )}
          {input('green', t('settings.health.green'), settings.thresholds.green, (value) =>
            setSettings({ ...settings, thresholds: { ...settings.thresholds, green: value } }),
          )}
          {input('penalty', t('settings.health.casePenalty'), settings.casePenalty, (value) =>
            setSettings({ ...settings, casePenalty: value }),
          )}
        </div>
      </fieldset>
      <button type="submit" disabled={change.busy}>
        {t('settings.save')}
      </button>
      {saved && (
        <p role="status" className="note">
          {t('settings.saved')}
        </p>
      )}
    </form>
  );
}
