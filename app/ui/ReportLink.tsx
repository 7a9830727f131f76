import { REPORT_VIEWS } from '../../src/reports/reportViews.ts';
import { useI18n } from '../i18n/I18n.tsx';

/** The views a PDF report can be drawn of (server-side, as the signed-in user). */
const REPORTABLE = new Set<string>(REPORT_VIEWS);

/** "PDF report" for the view under its current filters, in the interface language. */
export function ReportLink(props: { view: string; search: URLSearchParams }) {
  const { t, language } = useI18n();
  if (!REPORTABLE.has(props.view)) return null;
  const query = new URLSearchParams(props.search);
  query.set('lang', language);
  return (
    <p className="report-actions">
      <a href={`/api/v1/reports/${props.view}.pdf?${query}`} download>
        {t('report.pdf')}
      </a>
    </p>
  );
}
