import { useApi } from '../../api/useApi.ts';
import { useI18n } from '../../i18n/I18n.tsx';
import { Link } from '../../router/Link.tsx';
import { pathOf } from '../../router/router.ts';

/** Open alerts: the cases in scope (and in the chosen unit) someone still has to act on. */
export function OpenAlerts(props: { unitId: string | undefined }) {
  const { t, number } = useI18n();
  const summary = useApi<{ open: number; overdue: number; mine: number }>('/cases/summary', {
    unitId: props.unitId,
  });
  if (summary.state !== 'ready') return null;
  const { open, overdue } = summary.data;
  return (
    <section className="card kpi" aria-labelledby="kpi-alerts">
      <h2 id="kpi-alerts">{t('overview.openAlerts')}</h2>
      <span className="figure">
        <span className="value" data-testid="open-alerts">
          {number(open, 0)}
        </span>{' '}
        <span className="interval">{t('overview.overdueAlerts', { n: number(overdue, 0) })}</span>
      </span>
      <p>
        <Link href={pathOf('cases', new URLSearchParams({ tab: 'team' }))}>{t('overview.seeCases')}</Link>
      </p>
    </section>
  );
}
