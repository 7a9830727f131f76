import { type FormEvent, Fragment, useId, useRef, useState } from 'react';
import { api } from '../../api/client.ts';
import type { Unit } from '../../api/types.ts';
import { useI18n } from '../../i18n/I18n.tsx';
import { useProgramme } from '../../shell/programme.tsx';
import { Status } from '../../ui/Status.tsx';
import { ChangeError } from './ChangeError.tsx';
import { ScopeOptions } from './ScopeOptions.tsx';
import { UserAccessForm } from './UserAccessForm.tsx';
import { useChange, useResource } from './useResource.ts';

export interface UserRow {
  userId: string;
  name: string;
  email: string;
  role: string;
  unitId: string | null;
}
const ROLES = ['owner', 'admin', 'analyst', 'manager', 'agent', 'viewer'] as const;

/** Users with their role and scope; add a user; change a user's role and scope. */
export function UsersSection(props: { units: Unit[] }) {
  const { t } = useI18n();
  const { me } = useProgramme();
  const users = useResource<{ users: UserRow[] }>('/users');
  const change = useChange(users.reload);
  // Only an owner hands out or takes away ownership.
  const isOwner = me?.role === 'owner';
  const grantable = ROLES.filter((role) => role !== 'owner' || isOwner);
  const [editing, setEditing] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const editButtons = useRef(new Map<string, HTMLButtonElement>());
  const closeEditor = (userId: string, wasSaved: boolean) => {
    setEditing(null);
    setSaved(wasSaved);
    if (wasSaved) users.reload();
    requestAnimationFrame(() => editButtons.current.get(userId)?.focus());
  };
  const unitName = (unitId: string | null) =>
    unitId === null
      ? t('settings.wholeOrganisation')
      : (props.units.find((u) => u.unitId === unitId)?.name ?? unitId);
  const ids = { email: useId(), name: useId(), password: useId(), role: useId(), unit: useId() };
  const [form, setForm] = useState({ email: '', name: '', password: '', role: 'viewer', unitId: '' });
  const add = async (event: FormEvent) => {
    event.preventDefault();
    const done = await change.run(() => api.post('/users', { ...form, unitId: form.unitId || null }));
    if (done) setForm({ email: '', name: '', password: '', role: 'viewer', unitId: '' });
  };
  return (
    <section aria-labelledby="users-title">
      <h2 id="users-title">{t('settings.users.title')}</h2>
      <ChangeError error={change.error} />
      {saved && (
        <p role="status" className="note">
          {t('settings.users.saved')}
        </p>
      )}
      <Status loaded={users}>
        {(data) => (
          <div className="table-scroll">
            <table data-testid="users">
              <thead>
                <tr>
                  <th scope="col">{t('settings.users.name')}</th>
                  <th scope="col">{t('settings.users.email')}</th>
                  <th scope="col">{t('settings.users.role')}</th>
                  <th scope="col">{t('settings.users.scope')}</th>
                  <th scope="col">{t('settings.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {data.users.map((user) => (
                  <Fragment key={user.userId}>
                    <tr>
                      <th scope="row">{user.name}</th>
                      <td>{user.email}</td>
                      <td>{t(`settings.role.${user.role as (typeof ROLES)[number]}`)}</td>
                      <td>{unitName(user.unitId)}</td>
                      <td>
                        {(isOwner || user.role !== 'owner') && (
                          <button
                            type="button"
                            className="secondary"
                            aria-expanded={editing === user.userId}
                            ref={(button) => {
                              if (button) editButtons.current.set(user.userId, button);
                              else editButtons.current.delete(user.userId);
                            }}
                            onClick={() => {
                              setSaved(false);
                              setEditing(editing === user.userId ? null : user.userId);
                            }}
                          >
                            {t('settings.users.changeAccess')}
                            <span className="visually-hidden"> {user.name}</span>
                          </button>
                        )}
                      </td>
                    </tr>
                    {editing === user.userId && (
                      <tr>
                        <td colSpan={5}>
                          <UserAccessForm
                            user={user}
                            units={props.units}
                            roles={grantable}
                            onDone={(wasSaved) => closeEditor(user.userId, wasSaved)}
                          />
                        </td>
                      </tr>
                    )}
                  </Fragment>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Status>
      <form className="settings-form" onSubmit={add}>
        <h3>{t('settings.users.add')}</h3>
        <div className="field">
          <label htmlFor={ids.name}>{t('settings.users.name')}</label>
          <input
            id={ids.name}
            value={form.name}
            onChange={(e) => setForm({ ...form, name: e.target.value })}
            required
          />
        </div>
        <div className="field">
          <label htmlFor={ids.email}>{t('settings.users.email')}</label>
          <input
            id={ids.email}
            type="email"
            value={form.email}
            onChange={(e) => setForm({ ...form, email: e.target.value })}
            required
          />
        </div>
        <div className="field">
          <label htmlFor={ids.password}>{t('settings.users.password')}</label>
          <input
            id={ids.password}
            type="password"
            autoComplete="new-password"
            minLength={10}
            value={form.password}
            onChange={(e) => setForm({ ...form, password: e.target.value })}
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
            {grantable.map((role) => (
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
          {t('settings.users.add')}
        </button>
      </form>
    </section>
  );
}
