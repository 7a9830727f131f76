import type { Unit } from '../../api/types.ts';
import { useI18n } from '../../i18n/I18n.tsx';

/** The scopes a user or token can be given: the whole organisation (value ""), or one unit. */
export function ScopeOptions(props: { units: Unit[] }) {
  const { t } = useI18n();
  return (
    <>
      <option value="">{t('settings.wholeOrganisation')}</option>
      {props.units.map((u) => (
        <option key={u.unitId} value={u.unitId}>
          {u.name}
        </option>
      ))}
    </>
  );
}
