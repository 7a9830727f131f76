import { type FormEvent, useId, useState } from 'react';
import { api } from '../../api/client.ts';
import type { Unit } from '../../api/types.ts';
import { useI18n } from '../../i18n/I18n.tsx';
import { Status } from '../../ui/Status.tsx';
import { ChangeError } from './ChangeError.tsx';
import { ScopeOptions } from './ScopeOptions.tsx';
import { ShownOnceSecret } from './ShownOnceSecret.tsx';
import { useChange, useResource } from './useResource.ts';

interface Token {
  tokenId: string;
  name: string;
  role: string;
  unitId: string | null;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** API tokens: issue one (its secret is shown once), see when each was last used, revoke. */
export function TokensSection(props: { units: Unit[] }) {
  const { t } = useI18n();
  const tokens = useResource<{ tokens: Token[] }>('/tokens');
  const change = useChange(tokens.reload);
  const ids = { name: useId(), role: useId(), unit: useId(), issued: useId() };
  const [form, setForm] = useState({ name: '', role: 'analyst', unitId: '' });
  const [issued, setIssued] = useState<string | null>(null);
  const issue = async (event: FormEvent) => {
    event.preventDefault();
    const result = await change.run(() =>
      api.post<{ token: string }>('/tokens', { ...form, unitId: form.unitId || null }),
    );
    if (result) {
      setIssued(result.token);
      setForm({ name: '', role: 'analyst', unitId: '' });
    }
  };
  const day = (iso: string | null) => (iso ? iso.slice(0, 10) : '—');
  return (
    <section aria-labelledby="tokens-title">
      <h2 id="tokens-title">{t('settings.tokens.title')}</h2>
      <ChangeError error={change.error} />
      {issued && <ShownOnceSecret id={ids.issued} label={t('settings.tokens.issued')} value={issued} />}
      <Status loaded={tokens}>
        {(data) => (
          <div className="table-scroll">
            <table data-testid="tokens">
              <thead>
                <tr>
                  <th scope="col">{t('settings.tokens.name')}</th>
                  <th scope="col">{t('settings.users.role')}</th>
                  <th scope="col">{t('settings.users.scope')}</th>
                  <th scope="col">{t('settings.tokens.created')}</th>
                  <th scope="col">{t('settings.tokens.lastUsed')}</th>
                  <th scope="col">{t('settings.tokens.state')}</th>
                </tr>
              </thead>
              <tbody>
                {data.tokens.map((token) => (
                  <tr key={token.tokenId}>
                    <th scope="row">{token.name}</th>
                    <td>{token.role}</td>
                    <td>
                      {token.unitId === null
                        ? t('settings.wholeOrganisation')
                        : (props.units.find((u) => u.unitId === token.unitId)?.name ?? token.unitId)}
                    </td>
                    <td>{day(token.createdAt)}</td>
                    <td>{day(token.lastUsedAt)}</td>
                    <td>
                      {token.revokedAt ? (
                        t('settings.tokens.revokedOn', { day: day(token.revokedAt) })
                      ) : (
                        <button
                          type="button"
                          className="secondary small"
                          disabled={change.busy}
                          aria-label={t('settings.tokens.revokeNamed', { name: token.name })}
                          onClick={() => change.run(() => api.delete(`/tokens/${token.tokenId}`))}
                        >
                          {t('settings.tokens.revoke')}
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Status>
      <form className="settings-form" onSubmit={issue}>
        <h3>{t('settings.tokens.add')}</h3>
        <div className="field">
          <label htmlFor={ids.name}>{t('settings.tokens.name')}</label>
          <input
            id={ids.name}
            value={form.name}
            onChange={(e) => setForm({ ...form, name: e.target.value })}
            required
          />
        </div>
        <div className="field">
          <label htmlFor={ids.role}>{t('settings.users.role')}</label>
          <select
            id={ids.role}
            value={form.role}
            onChange={(e) => setForm({ ...form, role: e.target.value })}
          >
            {(['admin', 'analyst', 'viewer'] as const).map((role) => (
              <option key={role} value={role}>
                {t(`settings.role.${role}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.unit}>{t('settings.users.scope')}</label>
          <select
            id={ids.unit}
            value={form.unitId}
            onChange={(e) => setForm({ ...form, unitId: e.target.value })}
          >
            <ScopeOptions units={props.units} />
          </select>
        </div>
        <button type="submit" disabled={change.busy}>
          {t('settings.tokens.add')}
        </button>
      </form>
    </section>
  );
}
