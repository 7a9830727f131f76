import { type FormEvent, useId, useState } from 'react';
import { REPORT_VIEWS } from '../../../src/reports/reportViews.ts';
import { api } from '../../api/client.ts';
import { useI18n } from '../../i18n/I18n.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { useProgramme } from '../../shell/programme.tsx';
import { Status } from '../../ui/Status.tsx';
import { ChangeError } from './ChangeError.tsx';
import type { UserRow } from './UsersSection.tsx';
import { useChange, useResource } from './useResource.ts';

interface Schedule {
  scheduleId: string;
  name: string;
  view: (typeof REPORT_VIEWS)[number];
  filters: string;
  cadence: 'daily' | 'weekly' | 'monthly';
  hourUtc: number;
  language: 'en' | 'it';
  enabled: boolean;
  nextRunAt: string;
  lastRunAt: string | null;
  recipientUserIds: string[];
}
const VIEWS = REPORT_VIEWS;
const CADENCES = ['daily', 'weekly', 'monthly'] as const;

/** Reports mailed as PDFs on a cadence; each recipient's copy shows only their own scope. */
export function ReportsSection() {
  const { t, language } = useI18n();
  const { search } = useProgramme();
  const schedules = useResource<{ schedules: Schedule[] }>('/report-schedules');
  const users = useResource<{ users: UserRow[] }>('/users');
  const change = useChange(schedules.reload);
  const ids = { name: useId(), view: useId(), cadence: useId(), hour: useId() };
  const [form, setForm] = useState({
    name: '',
    view: 'overview' as Schedule['view'],
    cadence: 'weekly' as Schedule['cadence'],
    hourUtc: 7,
    recipients: [] as string[],
  });
  const [sent, setSent] = useState<string | null>(null);
  const userName = (id: string) =>
    users.state === 'ready' ? (users.data.users.find((u) => u.userId === id)?.name ?? id) : id;
  const add = async (event: FormEvent) => {
    event.preventDefault();
    // The schedule keeps the filters the user is looking at now (the app's own query string).
    const filters = new URLSearchParams(search);
    filters.delete('section');
    const done = await change.run(() =>
      api.post('/report-schedules', {
        name: form.name,
        view: form.view,
        cadence: form.cadence,
        hourUtc: form.hourUtc,
        language,
        filters: filters.toString(),
        recipientUserIds: form.recipients,
      }),
    );
    if (done) setForm({ ...form, name: '', recipients: [] });
  };
  const toggle = (userId: string) =>
    setForm({
      ...form,
      recipients: form.recipients.includes(userId)
        ? form.recipients.filter((id) => id !== userId)
        : [...form.recipients, userId],
    });
  return (
    <section aria-labelledby="reports-title">
      <h2 id="reports-title">{t('settings.reports.title')}</h2>
      <p className="note">{t('settings.reports.help')}</p>
      <ChangeError error={change.error} />
      {sent && (
        <p role="status" className="note">
          {sent}
        </p>
      )}
      <Status loaded={schedules}>
        {(data) =>
          data.schedules.length === 0 ? (
            <p>{t('settings.reports.none')}</p>
          ) : (
            <div className="table-scroll">
              <table data-testid="schedules">
                <thead>
                  <tr>
                    <th scope="col">{t('settings.reports.name')}</th>
                    <th scope="col">{t('settings.reports.view')}</th>
                    <th scope="col">{t('settings.reports.cadence')}</th>
                    <th scope="col">{t('settings.reports.recipients')}</th>
                    <th scope="col">{t('settings.reports.next')}</th>
                    <th scope="col">{t('settings.actions')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.schedules.map((schedule) => (
                    <tr key={schedule.scheduleId}>
                      <th scope="row">{schedule.name}</th>
                      <td>{t(`nav.${schedule.view}`)}</td>
                      <td>
                        {t(`settings.reports.cadence.${schedule.cadence}` as MessageKey)} ·{' '}
                        {String(schedule.hourUtc).padStart(2, '0')}:00 UTC
                      </td>
                      <td>{schedule.recipientUserIds.map(userName).join(', ')}</td>
                      <td>{schedule.nextRunAt.slice(0, 16).replace('T', ' ')}</td>
                      <td>
                        <button
                          type="button"
                          className="secondary small"
                          disabled={change.busy}
                          aria-label={t('settings.reports.sendNamed', { name: schedule.name })}
                          onClick={async () => {
                            const result = await change.run(() =>
                              api.post<{ recipients: number }>(
                                `/report-schedules/${schedule.scheduleId}/send`,
                                {},
                              ),
                            );
                            if (result) setSent(t('settings.reports.sent', { n: result.recipients }));
                          }}
                        >
                          {t('settings.reports.send')}
                        </button>{' '}
                        <button
                          type="button"
                          className="secondary small"
                          disabled={change.busy}
                          aria-label={t('settings.reports.removeNamed', { name: schedule.name })}
                          onClick={() =>
                            change.run(() => api.delete(`/report-schedules/${schedule.scheduleId}`))
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
        <h3>{t('settings.reports.add')}</h3>
        <p className="note">{t('settings.reports.filtersNote')}</p>
        <div className="filter-row">
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
            <label htmlFor={ids.view}>{t('settings.reports.view')}</label>
            <select
              id={ids.view}
              value={form.view}
              onChange={(e) => setForm({ ...form, view: e.target.value as Schedule['view'] })}
            >
              {VIEWS.map((view) => (
                <option key={view} value={view}>
                  {t(`nav.${view}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={ids.cadence}>{t('settings.reports.cadence')}</label>
            <select
              id={ids.cadence}
              value={form.cadence}
              onChange={(e) => setForm({ ...form, cadence: e.target.value as Schedule['cadence'] })}
            >
              {CADENCES.map((cadence) => (
                <option key={cadence} value={cadence}>
                  {t(`settings.reports.cadence.${cadence}` as MessageKey)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={ids.hour}>{t('settings.reports.hour')}</label>
            <input
              id={ids.hour}
              type="number"
              min={0}
              max={23}
              value={form.hourUtc}
              onChange={(e) => setForm({ ...form, hourUtc: Number(e.target.value) })}
            />
          </div>
        </div>
        <fieldset>
          <legend>{t('settings.reports.recipients')}</legend>
          <Status loaded={users}>
            {(data) => (
              <ul className="checklist">
                {data.users.map((user) => (
                  <li key={user.userId}>
                    <label>
                      <input
                        type="checkbox"
                        checked={form.recipients.includes(user.userId)}
                        onChange={() => toggle(user.userId)}
                      />{' '}
                      {user.name} <span className="note">({user.email})</span>
                    </label>
                  </li>
                ))}
              </ul>
            )}
          </Status>
        </fieldset>
        <button type="submit" disabled={change.busy || form.recipients.length === 0}>
          {t('settings.reports.add')}
        </button>
      </form>
    </section>
  );
}
