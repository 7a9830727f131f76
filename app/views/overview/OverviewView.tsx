import { useI18n } from '../../i18n/I18n.tsx';
import { useTitle } from '../../shell/useTitle.ts';

export default function OverviewView() {
  const { t } = useI18n();
  useTitle(t('nav.overview'));
  return <h1>{t('nav.overview')}</h1>;
}
