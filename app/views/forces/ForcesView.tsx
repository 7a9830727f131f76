import { useI18n } from '../../i18n/I18n.tsx';
import { useTitle } from '../../shell/useTitle.ts';

export default function ForcesView() {
  const { t } = useI18n();
  useTitle(t('nav.forces'));
  return <h1>{t('nav.forces')}</h1>;
}
