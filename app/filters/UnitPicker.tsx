import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { Unit } from '../api/types.ts';
import { useI18n } from '../i18n/I18n.tsx';
import { ancestorsOf, type UnitNode, unitForest } from './unitTree.ts';

/**
 * Picks one unit of the user's scope from its tree. A disclosure button opens the tree; each unit is
 * a button (Tab and Enter), each branch has its own show/hide button; Escape closes.
 */
export function UnitPicker(props: {
  units: Unit[];
  value: string | undefined;
  onChange: (unitId: string | undefined) => void;
}) {
  const { t } = useI18n();
  const id = useId();
  const [open, setOpen] = useState(false);
  const toggle = useRef<HTMLButtonElement>(null);
  const forest = useMemo(() => unitForest(props.units), [props.units]);
  const [expanded, setExpanded] = useState<Set<string>>(() => new Set(ancestorsOf(props.units, props.value)));
  const selected = props.units.find((unit) => unit.unitId === props.value);

  const choose = (unitId: string | undefined) => {
    props.onChange(unitId);
    setOpen(false);
    toggle.current?.focus();
  };
  // Escape closes the open tree from anywhere and gives focus back to its button.
  useEffect(() => {
    if (!open) return;
    const onKeyDown = (event: globalThis.KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setOpen(false);
      toggle.current?.focus();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [open]);
  const flip = (unitId: string) =>
    setExpanded((current) => {
      const next = new Set(current);
      if (next.has(unitId)) next.delete(unitId);
      else next.add(unitId);
      return next;
    });

  const branch = (nodes: UnitNode[]) => (
    <ul className="tree-list">
      {nodes.map(({ unit, children }) => (
        <li key={unit.unitId}>
          <div className="unit-row">
            {children.length > 0 ? (
              <button
                type="button"
                className="tree-toggle"
                aria-expanded={expanded.has(unit.unitId)}
                aria-label={t(expanded.has(unit.unitId) ? 'filters.unit.collapse' : 'filters.unit.expand', {
                  name: unit.name,
                })}
                onClick={() => flip(unit.unitId)}
              >
                {expanded.has(unit.unitId) ? '−' : '+'}
              </button>
            ) : (
              <span className="tree-spacer" />
            )}
            <button
              type="button"
              className="unit-choice"
              aria-pressed={unit.unitId === props.value}
              onClick={() => choose(unit.unitId)}
            >
              {unit.name}
            </button>
          </div>
          {children.length > 0 && expanded.has(unit.unitId) && branch(children)}
        </li>
      ))}
    </ul>
  );

  return (
    <div className="unit-picker">
      <span className="field-label" id={`${id}-label`}>
        {t('filters.unit')}
      </span>
      <button
        type="button"
        ref={toggle}
        className="picker-toggle"
        aria-expanded={open}
        aria-controls={`${id}-tree`}
        aria-describedby={`${id}-label`}
        onClick={() => setOpen(!open)}
      >
        {selected ? selected.name : t('filters.unit.all')} ▾
      </button>
      {open && (
        <div className="unit-tree" id={`${id}-tree`}>
          <button
            type="button"
            className="unit-choice"
            aria-pressed={!props.value}
            onClick={() => choose(undefined)}
          >
            {t('filters.unit.all')}
          </button>
          {branch(forest)}
        </div>
      )}
    </div>
  );
}
