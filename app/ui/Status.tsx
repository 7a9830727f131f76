import type { ReactNode } from 'react';
import type { Loaded } from '../api/useApi.ts';
import { useI18n } from '../i18n/I18n.tsx';

/** Shows loading and error states of one request, and the content once it is there. */
export function Status<T>(props: { loaded: Loaded<T>; children: (data: T) => ReactNode }) {
  const { t } = useI18n();
  const { loaded } = props;
  if (loaded.state === 'loading')
    return (
      <p className="loading" aria-busy="true">
        {t('app.loading')}
      </p>
    );
  if (loaded.state === 'error')
    return (
      <div role="alert" className="error">
        <p>{t('app.error', { message: loaded.error.message })}</p>
        <button type="button" onClick={loaded.retry}>
          {t('app.retry')}
        </button>
      </div>
    );
  return <>{props.children(loaded.data)}</>;
}
