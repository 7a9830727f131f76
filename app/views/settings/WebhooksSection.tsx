import { type FormEvent, useId, useState } from 'react';
import { api } from '../../api/client.ts';
import { useI18n } from '../../i18n/I18n.tsx';
import { Status } from '../../ui/Status.tsx';
import { ChangeError } from './ChangeError.tsx';
import { ShownOnceSecret } from './ShownOnceSecret.tsx';
import { useChange, useResource } from './useResource.ts';

interface Endpoint {
  endpointId: string;
  url: string;
  description: string;
  eventTypes: string[];
  enabled: boolean;
}

/** Webhook endpoints: add one (its signing secret is shown once), pause or resume, remove. */
export function WebhooksSection() {
  const { t } = useI18n();
  const endpoints = useResource<{ endpoints: Endpoint[] }>('/webhooks/endpoints');
  const change = useChange(endpoints.reload);
  const ids = { url: useId(), description: useId(), types: useId(), secret: useId() };
  const [form, setForm] = useState({ url: '', description: '', types: '' });
  const [secret, setSecret] = useState<string | null>(null);
  const add = async (event: FormEvent) => {
    event.preventDefault();
    const eventTypes = form.types
      .split(',')
      .map((type) => type.trim())
      .filter(Boolean);
    const result = await change.run(() =>
      api.post<{ secret: string }>('/webhooks/endpoints', {
        url: form.url,
        description: form.description,
        eventTypes,
      }),
    );
    if (result) {
      setSecret(result.secret);
      setForm({ url: '', description: '', types: '' });
    }
  };
  return (
    <section aria-labelledby="webhooks-title">
      <h2 id="webhooks-title">{t('settings.webhooks.title')}</h2>
      <ChangeError error={change.error} />
      {secret && <ShownOnceSecret id={ids.secret} label={t('settings.webhooks.secret')} value={secret} />}
      <Status loaded={endpoints}>
        {(data) =>
          data.endpoints.length === 0 ? (
            <p>{t('settings.webhooks.none')}</p>
          ) : (
            <div className="table-scroll">
              <table data-testid="webhooks">
                <thead>
                  <tr>
                    <th scope="col">{t('settings.webhooks.url')}</th>
                    <th scope="col">{t('settings.webhooks.description')}</th>
                    <th scope="col">{t('settings.webhooks.types')}</th>
                    <th scope="col">{t('settings.webhooks.state')}</th>
                    <th scope="col">{t('settings.actions')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.endpoints.map((endpoint) => (
                    <tr key={endpoint.endpointId}>
                      <th scope="row" className="wrap">
                        {endpoint.url}
                      </th>
                      <td>{endpoint.description}</td>
                      <td>
                        {endpoint.eventTypes.length
                          ? endpoint.eventTypes.join(', ')
                          : t('settings.webhooks.all')}
                      </td>
                      <td>
                        {endpoint.enabled ? t('settings.webhooks.enabled') : t('settings.webhooks.paused')}
                      </td>
                      <td>
                        <button
                          type="button"
                          className="secondary small"
                          disabled={change.busy}
                          onClick={() =>
                            change.run(() =>
                              api.patch(`/webhooks/endpoints/${endpoint.endpointId}`, {
                                enabled: !endpoint.enabled,
                              }),
                            )
                          }
                        >
                          {endpoint.enabled ? t('settings.webhooks.pause') : t('settings.webhooks.resume')}
                        </button>{' '}
                        <button
                          type="button"
                          className="secondary small"
                          disabled={change.busy}
                          aria-label={t('settings.webhooks.removeNamed', { url: endpoint.url })}
                          onClick={() =>
                            change.run(() => api.delete(`/webhooks/endpoints/${endpoint.endpointId}`))
                          }
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
        <h3>{t('settings.webhooks.add')}</h3>
        <div className="field">
          <label htmlFor={ids.url}>{t('settings.webhooks.url')}</label>
          <input
            id={ids.url}
            type="url"
            value={form.url}
            onChange={(e) => setForm({ ...form, url: e.target.value })}
            required
          />
        </div>
        <div className="field">
          <label htmlFor={ids.description}>{t('settings.webhooks.description')}</label>
          <input
            id={ids.description}
            value={form.description}
            onChange={(e) => setForm({ ...form, description: e.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor={ids.types}>{t('settings.webhooks.typesHelp')}</label>
          <input
            id={ids.types}
            value={form.types}
            onChange={(e) => setForm({ ...form, types: e.target.value })}
          />
        </div>
        <button type="submit" disabled={change.busy}>
          {t('settings.webhooks.add')}
        </button>
      </form>
    </section>
  );
}
