import { type FormEvent, useState } from 'react';
import { ApiError, api, rememberCsrfToken } from '../../api/client.ts';
import type { Me } from '../../api/types.ts';
import { useI18n } from '../../i18n/I18n.tsx';
import { useTitle } from '../../shell/useTitle.ts';

/** Signs in through the session-cookie API; the answer carries the CSRF token for later writes. */
export function SignInView(props: { onSignedIn: () => Promise<void> }) {
  const { t } = useI18n();
  useTitle(t('signIn.title'));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(null);
    try {
      const me = await api.post<Me>('/auth/sign-in', {
        email: String(form.get('email') ?? ''),
        password: String(form.get('password') ?? ''),
      });
      rememberCsrfToken(me.csrfToken);
      await props.onSignedIn();
    } catch (caught) {
      setError(caught instanceof ApiError && caught.status < 500 ? t('signIn.failed') : String(caught));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="card sign-in" onSubmit={submit} aria-describedby={error ? 'sign-in-error' : undefined}>
      <h1>{t('signIn.title')}</h1>
      {error && (
        <p className="error" role="alert" id="sign-in-error">
          {error}
        </p>
      )}
      <label htmlFor="email">{t('signIn.email')}</label>
      <input id="email" name="email" type="email" autoComplete="username" required />
      <label htmlFor="password">{t('signIn.password')}</label>
      <input id="password" name="password" type="password" autoComplete="current-password" required />
      <button type="submit" disabled={busy}>
        {t('signIn.submit')}
      </button>
    </form>
  );
}
