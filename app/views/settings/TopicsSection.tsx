import { type FormEvent, useId, useState } from 'react';
import { api } from '../../api/client.ts';
import { useI18n } from '../../i18n/I18n.tsx';
import { Status } from '../../ui/Status.tsx';
import { ChangeError } from './ChangeError.tsx';
import { useChange, useResource } from './useResource.ts';

interface Topic {
  topicId: string;
  key: string;
  rule: string | null;
  examples: { text: string; language: string }[];
  threshold: number | null;
}

/** The codeframe: the organisation's topics with their rule and examples; add and remove topics. */
export function TopicsSection() {
  const { t } = useI18n();
  const topics = useResource<{ topics: Topic[] }>('/text/topics');
  const change = useChange(topics.reload);
  const ids = { key: useId(), rule: useId() };
  const [form, setForm] = useState({ key: '', rule: '' });
  const add = async (event: FormEvent) => {
    event.preventDefault();
    const done = await change.run(() => api.post('/text/topics', { key: form.key, rule: form.rule || null }));
    if (done) setForm({ key: '', rule: '' });
  };
  return (
    <section aria-labelledby="topics-title">
      <h2 id="topics-title">{t('settings.topics.title')}</h2>
      <p className="note">{t('settings.topics.help')}</p>
      <ChangeError error={change.error} />
      <Status loaded={topics}>
        {(data) =>
          data.topics.length === 0 ? (
            <p>{t('settings.topics.none')}</p>
          ) : (
            <div className="table-scroll">
              <table data-testid="topics">
                <thead>
                  <tr>
                    <th scope="col">{t('settings.topics.key')}</th>
                    <th scope="col">{t('settings.topics.rule')}</th>
                    <th scope="col" className="num">
                      {t('settings.topics.examples')}
                    </th>
                    <th scope="col">{t('settings.actions')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.topics.map((topic) => (
                    <tr key={topic.topicId}>
                      <th scope="row">{topic.key}</th>
                      <td>
                        <code>{topic.rule ?? '—'}</code>
                      </td>
                      <td className="num">{topic.examples.length}</td>
                      <td>
                        <button
                          type="button"
                          className="secondary small"
                          disabled={change.busy}
                          aria-label={t('settings.reports.removeNamed', { name: topic.key })}
                          onClick={() => change.run(() => api.delete(`/text/topics/${topic.topicId}`))}
                        >
                          {t('settings.webhooks.remove')}
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
      <form className="settings-form" onSubmit={add}>
        <h3>{t('settings.topics.add')}</h3>
        <div className="field">
          <label htmlFor={ids.key}>{t('settings.topics.key')}</label>
          <input
            id={ids.key}
            value={form.key}
            onChange={(e) => setForm({ ...form, key: e.target.value })}
            required
          />
        </div>
        <div className="field">
          <label htmlFor={ids.rule}>{t('settings.topics.ruleHelp')}</label>
          <input
            id={ids.rule}
            value={form.rule}
            onChange={(e) => setForm({ ...form, rule: e.target.value })}
            required
          />
        </div>
        <button type="submit" disabled={change.busy}>
          {t('settings.topics.add')}
        </button>
      </form>
    </section>
  );
}
