import { useI18n } from '../../i18n/I18n.tsx';
import { useTitle } from '../../shell/useTitle.ts';

export default function SurveysView() {
  const { t } = useI18n();
  useTitle(t('nav.surveys'));
  return <h1>{t('nav.surveys')}</h1>;
}
