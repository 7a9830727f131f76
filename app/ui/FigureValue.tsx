import type { Shown } from '../format/figures.ts';
import { useI18n } from '../i18n/I18n.tsx';

/** A figure with its interval and base, or the word "suppressed" with why (never a number). */
export function FigureValue(props: { shown: Shown | null; n?: number; minBase: number; compact?: boolean }) {
  const { t } = useI18n();
  if (!props.shown)
    return (
      <span className="suppressed" title={t('figure.suppressedHelp', { minBase: props.minBase })}>
        {t('figure.suppressed')}
        <span className="visually-hidden"> ({t('figure.suppressedHelp', { minBase: props.minBase })})</span>
      </span>
    );
  const { value, lower, upper, n } = props.shown;
  if (props.compact) return <span className="figure">{value}</span>;
  return (
    <span className="figure">
      <span className="value">{value}</span>{' '}
      <span className="interval">
        {t('figure.interval', { lower, upper })} · {t('figure.base', { n })}
      </span>
    </span>
  );
}
