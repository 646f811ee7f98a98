import type { I18n, MessageKey } from '../../i18n';
import { useI18n } from '../../i18n';
import { describedBy, FieldError } from '../../components/form-bits';

/** Form state is text, as inputs hold it; each form turns it into the api's body on submit. */
export type Values = Record<string, string>;
export type Errors = Record<string, string>;

export interface FieldSpec {
  name: string;
  label: MessageKey;
  type: 'text' | 'textarea' | 'date' | 'time' | 'url' | 'email' | 'number' | 'color' | 'select';
  required?: boolean;
  hint?: MessageKey;
  options?: { value: string; label: string }[];
  maxLength?: number;
  autocomplete?: string;
  /** A further rule the api applies to a filled-in value; returns the problem, if any. */
  check?: (value: string) => MessageKey | null;
}

const HTTPS_URL = /^https:\/\/[^\s/]+\.\S+$/i;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The checks worth doing before the api sees the form; the api has the last word. */
export function validate(fields: FieldSpec[], values: Values, { t }: I18n): Errors {
  const errors: Errors = {};
  for (const field of fields) {
    const value = (values[field.name] ?? '').trim();
    const label = t(field.label);
    if (!value) {
      if (field.required) errors[field.name] = t('form.required', { field: label });
      continue;
    }
    const problem = field.check?.(value);
    if (field.type === 'number' && !/^[1-9]\d*$/.test(value)) {
      errors[field.name] = t('form.wholeNumber', { field: label });
    } else if (field.type === 'url' && !HTTPS_URL.test(value)) {
      errors[field.name] = t('form.url', { field: label });
    } else if (field.type === 'email' && !EMAIL.test(value)) {
      errors[field.name] = t('form.email', { field: label });
    } else if (problem) {
      errors[field.name] = t(problem);
    }
  }
  return errors;
}

function fieldId(prefix: string, name: string): string {
  return `${prefix}-${name}`;
}

/** Focus the first field in error, so that its message is read and it can be fixed at once. */
export function focusFirstError(prefix: string, fields: FieldSpec[], errors: Errors): void {
  const first = fields.find((field) => errors[field.name]);
  if (first) document.getElementById(fieldId(prefix, first.name))?.focus();
}

export function nullable(value: string | undefined): string | null {
  const trimmed = (value ?? '').trim();
  return trimmed === '' ? null : trimmed;
}

export function nullableNumber(value: string | undefined): number | null {
  const trimmed = (value ?? '').trim();
  return trimmed === '' ? null : Number(trimmed);
}

function Field({
  field,
  prefix,
  values,
  errors,
  onChange,
}: {
  field: FieldSpec;
  prefix: string;
  values: Values;
  errors: Errors;
  onChange: (name: string, value: string) => void;
}) {
  const { t } = useI18n();
  const id = fieldId(prefix, field.name);
  const error = errors[field.name];
  const hintId = field.hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const common = {
    id,
    name: field.name,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy(hintId, errorId),
    'aria-required': field.required ? true : undefined,
  } as const;
  const value = values[field.name] ?? '';
  const set = (event: Event) =>
    onChange(field.name, (event.currentTarget as HTMLInputElement | HTMLSelectElement).value);

  let control;
  if (field.type === 'textarea') {
    control = <textarea {...common} rows={3} value={value} onInput={set} />;
  } else if (field.type === 'select') {
    control = (
      <select {...common} value={value} onChange={set}>
        {(field.options ?? []).map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    );
  } else {
    // One element per type: Preact's input typings pair each type with its own attributes.
    const attrs = {
      ...common,
      value,
      maxLength: field.maxLength,
      autocomplete: field.autocomplete ?? 'off',
      onInput: set,
    };
    switch (field.type) {
      case 'number':
        control = <input {...attrs} type="number" min={1} inputMode="numeric" />;
        break;
      case 'email':
        control = <input {...attrs} type="email" spellcheck={false} />;
        break;
      case 'url':
        control = <input {...attrs} type="url" spellcheck={false} />;
        break;
      case 'date':
        control = <input {...attrs} type="date" />;
        break;
      case 'time':
        control = <input {...attrs} type="time" />;
        break;
      case 'color':
        control = <input {...attrs} type="color" />;
        break;
      default:
        control = <input {...attrs} type="text" />;
    }
  }
  return (
    <div class={`form-field form-field-${field.type}${error ? ' has-error' : ''}`}>
      <label for={id}>
        {t(field.label)}
        {!field.required && <span class="optional"> {t('form.optional')}</span>}
      </label>
      {field.hint && hintId && (
        <p id={hintId} class="field-hint">
          {t(field.hint)}
        </p>
      )}
      {errorId && <FieldError id={errorId} message={error} />}
      {control}
    </div>
  );
}

export function Fields({
  fields,
  prefix,
  values,
  errors,
  onChange,
}: {
  fields: FieldSpec[];
  prefix: string;
  values: Values;
  errors: Errors;
  onChange: (name: string, value: string) => void;
}) {
  return (
    <div class="field-grid">
      {fields.map((field) => (
        <Field
          key={field.name}
          field={field}
          prefix={prefix}
          values={values}
          errors={errors}
          onChange={onChange}
        />
      ))}
    </div>
  );
}
