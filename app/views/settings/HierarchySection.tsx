import { type FormEvent, useId, useState } from 'react';
import { api } from '../../api/client.ts';
import type { Unit } from '../../api/types.ts';
import { useI18n } from '../../i18n/I18n.tsx';
import { ChangeError } from './ChangeError.tsx';
import { useChange } from './useResource.ts';

type Editing = { unitId: string; mode: 'rename' | 'move' | 'delete' } | null;

/** The units tree: add, rename, move (with the subtree) and delete, within the user's scope. */
export function HierarchySection(props: { units: Unit[]; reload: () => void }) {
  const { t } = useI18n();
  const change = useChange(props.reload);
  const [editing, setEditing] = useState<Editing>(null);
  const nameId = useId();
  const parentId = useId();
  const [name, setName] = useState('');
  const [parent, setParent] = useState('');
  const children = new Map<string | null, Unit[]>();
  const known = new Set(props.units.map((u) => u.unitId));
  for (const unit of props.units) {
    // A unit whose parent is outside the user's scope is a root of what they see.
    const key = unit.parentId && known.has(unit.parentId) ? unit.parentId : null;
    children.set(key, [...(children.get(key) ?? []), unit]);
  }
  const add = async (event: FormEvent) => {
    event.preventDefault();
    const done = await change.run(() => api.post('/units', { name, parentId: parent || null }));
    if (done) setName('');
  };
  const branch = (parentKey: string | null) => {
    const list = children.get(parentKey);
    if (!list) return null;
    return (
      <ul className="tree-list settings-tree">
        {list.map((unit) => (
          <li key={unit.unitId}>
            <div className="unit-line">
              <span className="unit-name">{unit.name}</span> <span className="note">({unit.kind})</span>
              <button
                type="button"
                className="secondary small"
                onClick={() => setEditing({ unitId: unit.unitId, mode: 'rename' })}
                aria-label={t('settings.units.renameNamed', { name: unit.name })}
              >
                {t('settings.units.rename')}
              </button>
              <button
                type="button"
                className="secondary small"
                onClick={() => setEditing({ unitId: unit.unitId, mode: 'move' })}
                aria-label={t('settings.units.moveNamed', { name: unit.name })}
              >
                {t('settings.units.move')}
              </button>
              <button
                type="button"
                className="secondary small"
                onClick={() => setEditing({ unitId: unit.unitId, mode: 'delete' })}
                aria-label={t('settings.units.deleteNamed', { name: unit.name })}
              >
                {t('settings.units.delete')}
              </button>
            </div>
            {editing?.unitId === unit.unitId && (
              <UnitEditor
                unit={unit}
                units={props.units}
                mode={editing.mode}
                onDone={() => setEditing(null)}
                change={change}
              />
            )}
            {branch(unit.unitId)}
          </li>
        ))}
      </ul>
    );
  };
  return (
    <section aria-labelledby="units-title">
      <h2 id="units-title">{t('settings.units.title')}</h2>
      <ChangeError error={change.error} />
      {props.units.length === 0 ? <p>{t('settings.units.none')}</p> : branch(null)}
      <form className="settings-form" onSubmit={add}>
        <h3>{t('settings.units.add')}</h3>
        <div className="field">
          <label htmlFor={nameId}>{t('settings.units.name')}</label>
          <input
            id={nameId}
            value={name}
            onChange={(e) => setName(e.target.value)}
            required
            maxLength={200}
          />
        </div>
        <div className="field">
          <label htmlFor={parentId}>{t('settings.units.parent')}</label>
          <select id={parentId} value={parent} onChange={(e) => setParent(e.target.value)}>
            <option value="">{t('settings.units.top')}</option>
            {props.units.map((unit) => (
              <option key={unit.unitId} value={unit.unitId}>
                {unit.name}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" disabled={change.busy}>
          {t('settings.units.add')}
        </button>
      </form>
    </section>
  );
}

function UnitEditor(props: {
  unit: Unit;
  units: Unit[];
  mode: 'rename' | 'move' | 'delete';
  onDone: () => void;
  change: ReturnType<typeof useChange>;
}) {
  const { t } = useI18n();
  const id = useId();
  const [name, setName] = useState(props.unit.name);
  const [target, setTarget] = useState('');
  const { unit, change } = props;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const path = `/units/${unit.unitId}`;
    const done =
      props.mode === 'rename'
        ? await change.run(() => api.patch(path, { name }))
        : props.mode === 'move'
          ? await change.run(() => api.post(`${path}/move`, { parentId: target || null }))
          : await change.run(() =>
              api.delete(`${path}${target ? `?reassignTo=${target}` : ''}`).then(() => true),
            );
    if (done !== undefined) props.onDone();
  };
  const others = props.units.filter((u) => u.unitId !== unit.unitId);
  return (
    <form className="settings-form inline" onSubmit={submit}>
      {props.mode === 'rename' && (
        <div className="field">
          <label htmlFor={id}>{t('settings.units.newName')}</label>
          <input id={id} value={name} onChange={(e) => setName(e.target.value)} required maxLength={200} />
        </div>
      )}
      {props.mode !== 'rename' && (
        <div className="field">
          <label htmlFor={id}>
            {props.mode === 'move' ? t('settings.units.newParent') : t('settings.units.reassignTo')}
          </label>
          <select id={id} value={target} onChange={(e) => setTarget(e.target.value)}>
            <option value="">
              {props.mode === 'move' ? t('settings.units.top') : t('settings.units.noReassign')}
            </option>
            {others.map((u) => (
              <option key={u.unitId} value={u.unitId}>
                {u.name}
              </option>
            ))}
          </select>
        </div>
      )}
      <button type="submit" disabled={change.busy}>
        {t(`settings.units.confirm.${props.mode}`)}
      </button>
      <button type="button" className="secondary" onClick={props.onDone}>
        {t('settings.cancel')}
      </button>
    </form>
  );
}
