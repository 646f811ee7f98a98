import { useI18n } from '../i18n';
import { ApiError } from '../lib/api';
import { errorText } from '../lib/errors';

export function describedBy(...ids: (string | false | null | undefined)[]): string | undefined {
  const list = ids.filter(Boolean).join(' ');
  return list || undefined;
}

export function FieldError({ id, message }: { id: string; message: string | null | undefined }) {
  if (!message) return null;
  return (
    <p id={id} class="field-error">
      {message}
    </p>
  );
}

/**
 * Why a save failed: the sentence for the status, then the api's own details (validation
 * messages name the property, which is what an organiser needs to fix it).
 */
export function SaveError({ error, title }: { error: unknown; title: string }) {
  const i18n = useI18n();
  const details = error instanceof ApiError ? error.details : [];
  return (
    <div class="notice notice-error" role="alert">
      <h3>{title}</h3>
      <p>{errorText(error, i18n)}</p>
      {details.length > 0 && (
        <ul>
          {details.map((detail) => (
            <li key={detail}>{detail}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
