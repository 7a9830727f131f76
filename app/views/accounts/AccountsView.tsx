import { useI18n } from '../../i18n/I18n.tsx';
import { useTitle } from '../../shell/useTitle.ts';

export default function AccountsView() {
  const { t } = useI18n();
  useTitle(t('nav.accounts'));
  return <h1>{t('nav.accounts')}</h1>;
}
