import { type FormEvent, useId, useRef, useState } from 'react';
import { api } from '../../api/client.ts';
import { useI18n } from '../../i18n/I18n.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { isMessageKey } from '../../i18n/translate.ts';
import { Status } from '../../ui/Status.tsx';
import { ChangeError } from './ChangeError.tsx';
import { RuleEditor } from './RuleEditor.tsx';
import type { Rule } from './ruleDraft.ts';
import { useChange, useResource } from './useResource.ts';

/** A condition as words (the stored JSON is never shown as markup). */
function conditionWords(condition: Rule['conditions'][number]): string {
  const list = (value: unknown) => (Array.isArray(value) ? value.join(', ') : '');
  switch (condition.type) {
    case 'nps_at_most':
      return `NPS ≤ ${condition.value}`;
    case 'force_at_most':
      return `${condition.force} ≤ ${condition.value}`;
    case 'segment':
      return `segment: ${list(condition.segments)}`;
    case 'keyword':
      return `words: ${list(condition.words)}`;
    case 'comment_topic':
      return `topics: ${list(condition.topics)}`;
    case 'account_tier':
      return `tier: ${list(condition.tiers)}`;
    case 'comment_force_tension':
      return `tension${condition.force ? `: ${condition.force}` : ''}`;
    default:
      return condition.type.replace(/_/g, ' ');
  }
}

/** Alert rules: what each watches for, switch on or off, edit one, add a simple NPS rule. */
export function AlertRulesSection() {
  const { t } = useI18n();
  const rules = useResource<{ rules: Rule[] }>('/alert-rules');
  const change = useChange(rules.reload);
  const ids = { name: useId(), nps: useId(), priority: useId() };
  const [form, setForm] = useState({ name: '', nps: 6, priority: 'normal' });
  const [editing, setEditing] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  // Closing the editor puts the focus back on the button that opened it.
  const editButtons = useRef(new Map<string, HTMLButtonElement>());
  const closeEditor = (ruleId: string, wasSaved: boolean) => {
    setEditing(null);
    setSaved(wasSaved);
    if (wasSaved) rules.reload();
    requestAnimationFrame(() => editButtons.current.get(ruleId)?.focus());
  };
  const add = async (event: FormEvent) => {
    event.preventDefault();
    const done = await change.run(() =>
      api.post('/alert-rules', {
        name: form.name,
        priority: form.priority,
        conditions: [{ type: 'nps_at_most', value: form.nps }],
      }),
    );
    if (done) setForm({ ...form, name: '' });
  };
  return (
    <section aria-labelledby="rules-title">
      <h2 id="rules-title">{t('settings.rules.title')}</h2>
      <ChangeError error={change.error} />
      <Status loaded={rules}>
        {(data) =>
          data.rules.length === 0 ? (
            <p>{t('settings.rules.none')}</p>
          ) : (
            <div className="table-scroll">
              <table data-testid="rules">
                <thead>
                  <tr>
                    <th scope="col">{t('settings.reports.name')}</th>
                    <th scope="col">{t('settings.rules.conditions')}</th>
                    <th scope="col">{t('settings.rules.priority')}</th>
                    <th scope="col">{t('settings.webhooks.state')}</th>
                    <th scope="col">{t('settings.actions')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.rules.map((rule) => (
                    <tr key={rule.ruleId}>
                      <th scope="row">{rule.name}</th>
                      <td>{rule.conditions.map(conditionWords).join(' · ')}</td>
                      <td>
                        {isMessageKey(`cases.priority.${rule.priority}`)
                          ? t(`cases.priority.${rule.priority}` as MessageKey)
                          : rule.priority}
                      </td>
                      <td>
                        <label>
                          <input
                            type="checkbox"
                            checked={rule.active}
                            disabled={change.busy}
                            onChange={() =>
                              change.run(() =>
                                api.patch(`/alert-rules/${rule.ruleId}`, { active: !rule.active }),
                              )
                            }
                          />{' '}
                          {t('settings.rules.active')}
                          <span className="visually-hidden"> {rule.name}</span>
                        </label>
                      </td>
                      <td>
                        <button
                          type="button"
                          className="secondary"
                          aria-expanded={editing === rule.ruleId}
                          ref={(button) => {
                            if (button) editButtons.current.set(rule.ruleId, button);
                            else editButtons.current.delete(rule.ruleId);
                          }}
                          onClick={() => {
                            setSaved(false);
                            setEditing(editing === rule.ruleId ? null : rule.ruleId);
                          }}
                        >
                          {t('settings.rules.edit')}
                          <span className="visually-hidden"> {rule.name}</span>
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </Status>
      {saved && (
        <p role="status" className="note">
          {t('settings.rules.saved')}
        </p>
      )}
      {rules.state === 'ready' &&
        rules.data.rules
          .filter((rule) => rule.ruleId === editing)
          .map((rule) => (
            <RuleEditor
              key={rule.ruleId}
              rule={rule}
              onDone={(wasSaved) => closeEditor(rule.ruleId, wasSaved)}
            />
          ))}
      <form className="settings-form" onSubmit={add}>
        <h3>{t('settings.rules.add')}</h3>
        <div className="field">
          <label htmlFor={ids.name}>{t('settings.reports.name')}</label>
          <input
            id={ids.name}
            value={form.name}
            onChange={(e) => setForm({ ...form, name: e.target.value })}
            required
          />
        </div>
        <div className="field">
          <label htmlFor={ids.nps}>{t('settings.rules.npsAtMost')}</label>
          <input
            id={ids.nps}
            type="number"
            min={0}
            max={10}
            value={form.nps}
            onChange={(e) => setForm({ ...form, nps: Number(e.target.value) })}
          />
        </div>
        <div className="field">
          <label htmlFor={ids.priority}>{t('settings.rules.priority')}</label>
          <select
            id={ids.priority}
            value={form.priority}
            onChange={(e) => setForm({ ...form, priority: e.target.value })}
          >
            {['low', 'normal', 'high', 'urgent'].map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" disabled={change.busy}>
          {t('settings.rules.add')}
        </button>
      </form>
    </section>
  );
}
