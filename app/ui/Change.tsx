import type { SignificantChange } from '../api/types.ts';
import { direction } from '../format/figures.ts';
import { useI18n } from '../i18n/I18n.tsx';

/** A change against the comparison period: arrow, words and significance, not colour alone. */
export function Change(props: {
  change: SignificantChange | { suppressed: true } | null | undefined;
  digits?: number;
}) {
  const { t, number } = useI18n();
  const change = props.change;
  if (!change) return null;
  if ('suppressed' in change && change.suppressed)
    return <span className="change suppressed">{t('figure.suppressed')}</span>;
  const c = change as SignificantChange;
  const way = direction(c.difference);
  const value = number(Math.abs(c.difference), props.digits ?? 1);
  const words =
    way === 'up'
      ? t('change.up', { value })
      : way === 'down'
        ? t('change.down', { value })
        : t('change.flat');
  return (
    <span className={`change ${way} ${c.significant ? 'significant' : ''}`}>
      {words}{' '}
      <span className="significance">
        ({c.significant ? t('change.significant') : t('change.notSignificant')})
      </span>
    </span>
  );
}
