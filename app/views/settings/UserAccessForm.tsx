import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { ApiError, api } from '../../api/client.ts';
import type { Unit } from '../../api/types.ts';
import { useI18n } from '../../i18n/I18n.tsx';
import { ChangeError } from './ChangeError.tsx';
import { ScopeOptions } from './ScopeOptions.tsx';
import type { UserRow } from './UsersSection.tsx';
import { useChange } from './useResource.ts';

/**
 * A user's role and scope, changed together by PATCH /users/:id. The roles offered stop at the
 * signed-in user's own (the API refuses more, and an owner's demotion when they are the last one).
 */
export function UserAccessForm(props: {
  user: UserRow;
  units: Unit[];
  roles: readonly string[];
  onDone: (saved: boolean) => void;
}) {
  const { t } = useI18n();
  const { user } = props;
  const [role, setRole] = useState(user.role);
  const [unitId, setUnitId] = useState(user.unitId ?? '');
  const change = useChange(() => undefined);
  const base = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const wrong = new Set(change.error instanceof ApiError ? change.error.fields.map((f) => f.field) : []);
  const save = async (event: FormEvent) => {
    event.preventDefault();
    const done = await change.run(() => api.patch(`/users/${user.userId}`, { role, unitId: unitId || null }));
    if (done) props.onDone(true);
  };
  return (
    <form className="settings-form inline user-access" onSubmit={save} aria-labelledby={`${base}-title`}>
      <h3 id={`${base}-title`} tabIndex={-1} ref={heading} className="full-width">
        {t('settings.users.accessOf', { name: user.name })}
      </h3>
      <div className="full-width">
        <ChangeError error={change.error} />
      </div>
      <div className="field">
        <label htmlFor={`${base}-role`}>{t('settings.users.role')}</label>
        <select
          id={`${base}-role`}
          value={role}
          aria-invalid={wrong.has('body.role') ? true : undefined}
          onChange={(e) => setRole(e.target.value)}
        >
          {props.roles.map((r) => (
            <option key={r} value={r}>
              {t(`settings.role.${r as 'viewer'}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${base}-unit`}>{t('settings.users.scope')}</label>
        <select
          id={`${base}-unit`}
          value={unitId}
          aria-invalid={wrong.has('body.unitId') ? true : undefined}
          onChange={(e) => setUnitId(e.target.value)}
        >
          <ScopeOptions units={props.units} />
        </select>
      </div>
      <button type="submit" disabled={change.busy}>
        {t('settings.users.saveAccess')}
      </button>
      <button type="button" className="secondary" onClick={() => props.onDone(false)}>
        {t('settings.cancel')}
      </button>
    </form>
  );
}
