import { ApiError } from '../../api/client.ts';
import { useI18n } from '../../i18n/I18n.tsx';

/** A failed change: the API's message and each field it named, as text. */
export function ChangeError(props: { error: Error | null }) {
  const { t } = useI18n();
  if (!props.error) return null;
  const fields = props.error instanceof ApiError ? props.error.fields : [];
  return (
    <div role="alert" className="error">
      <p>{t('app.error', { message: props.error.message })}</p>
      {fields.length > 0 && (
        <ul>
          {fields.map((field) => (
            <li key={field.field}>
              <code>{field.field}</code>: {field.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
