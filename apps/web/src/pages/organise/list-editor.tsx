import type { ComponentChildren } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { SaveError } from '../../components/form-bits';
import { useI18n } from '../../i18n';
import type { Errors, FieldSpec, Values } from './fields';
import { Fields, focusFirstError, validate } from './fields';

export interface ListEditorProps<T extends { id: string }> {
  /** Prefix of element ids; also the section's anchor. */
  id: string;
  title: string;
  intro: string;
  items: T[];
  fields: FieldSpec[];
  blank: () => Values;
  toValues: (item: T) => Values;
  /** A short name for the item, in button names and messages. */
  label: (item: T) => string;
  summary: (item: T) => ComponentChildren;
  addLabel: string;
  emptyText: string;
  /** Fills in values that follow from another (a track's slug from its name). */
  derive?: (name: string, next: Values, previous: Values) => Values;
  save: (values: Values, id: string | null) => Promise<T>;
  remove: (item: T) => Promise<unknown>;
  onChanged: () => void;
}

/** One list of an event's structure (days, tracks, streams): add, edit in place, delete. */
export function ListEditor<T extends { id: string }>(props: ListEditorProps<T>) {
  const i18n = useI18n();
  const { t } = i18n;
  const { id, fields, items } = props;
  const [editing, setEditing] = useState<string | null>(null);
  const [values, setValues] = useState<Values>({});
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [message, setMessage] = useState('');
  const heading = useRef<HTMLHeadingElement>(null);

  const prefix = (itemId: string) => `${id}-${itemId}`;
  const focusLater = (elementId: string) =>
    window.setTimeout(() => document.getElementById(elementId)?.focus(), 0);

  const start = (itemId: string, initial: Values) => {
    setEditing(itemId);
    setValues(initial);
    setErrors({});
    setFailure(null);
    setConfirming(null);
    setMessage('');
    focusLater(`${prefix(itemId)}-${fields[0].name}`);
  };

  const stop = (itemId: string) => {
    setEditing(null);
    setFailure(null);
    focusLater(itemId === 'new' ? `${id}-add` : `${id}-edit-${itemId}`);
  };

  const change = (name: string, value: string) =>
    setValues((current) => {
      const next = { ...current, [name]: value };
      return props.derive ? props.derive(name, next, current) : next;
    });

  const submit = async (event: Event, itemId: string) => {
    event.preventDefault();
    const found = validate(fields, values, i18n);
    setErrors(found);
    setFailure(null);
    if (Object.keys(found).length > 0) {
      focusFirstError(prefix(itemId), fields, found);
      return;
    }
    setBusy(true);
    try {
      const saved = await props.save(values, itemId === 'new' ? null : itemId);
      setMessage(
        t(itemId === 'new' ? 'structure.added' : 'structure.saved', { name: props.label(saved) }),
      );
      props.onChanged();
      stop(itemId);
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  const remove = async (item: T) => {
    setBusy(true);
    setFailure(null);
    try {
      await props.remove(item);
      setConfirming(null);
      setMessage(t('structure.deleted', { name: props.label(item) }));
      props.onChanged();
      heading.current?.focus();
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  const form = (itemId: string) => (
    <form class="inline-edit" noValidate onSubmit={(event) => void submit(event, itemId)}>
      <Fields
        fields={fields}
        prefix={prefix(itemId)}
        values={values}
        errors={errors}
        onChange={change}
      />
      {Boolean(failure) && <SaveError error={failure} title={t('structure.notSaved')} />}
      <div class="form-actions">
        <button type="submit" class="button" disabled={busy}>
          {itemId === 'new' ? props.addLabel : t('form.save')}
        </button>
        <button type="button" class="button button-quiet" onClick={() => stop(itemId)}>
          {t('form.cancel')}
        </button>
      </div>
    </form>
  );

  return (
    <section class="editor-section" id={id} aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`} ref={heading} tabIndex={-1}>
        {props.title}
      </h2>
      <p class="section-intro">{props.intro}</p>
      <p class="form-status" role="status">
        {message}
      </p>
      {items.length === 0 && editing !== 'new' && <p class="empty">{props.emptyText}</p>}
      {items.length > 0 && (
        <ul class="structure-list" role="list" aria-label={props.title}>
          {items.map((item) => (
            <li key={item.id} class="structure-item">
              {editing === item.id ? (
                form(item.id)
              ) : (
                <>
                  <div class="structure-summary">{props.summary(item)}</div>
                  <div class="structure-actions">
                    <button
                      type="button"
                      id={`${id}-edit-${item.id}`}
                      class="button button-quiet button-small"
                      onClick={() => start(item.id, props.toValues(item))}
                    >
                      {t('form.edit')}
                      <span class="visually-hidden"> {props.label(item)}</span>
                    </button>
                    <button
                      type="button"
                      class="button button-quiet button-small button-danger-quiet"
                      aria-expanded={confirming === item.id}
                      onClick={() => {
                        setFailure(null);
                        setConfirming(confirming === item.id ? null : item.id);
                      }}
                    >
                      {t('form.delete')}
                      <span class="visually-hidden"> {props.label(item)}</span>
                    </button>
                  </div>
                  {confirming === item.id && (
                    <div class="confirm-box">
                      <p>{t('structure.confirmDelete', { name: props.label(item) })}</p>
                      {Boolean(failure) && (
                        <SaveError error={failure} title={t('structure.notDeleted')} />
                      )}
                      <div class="form-actions">
                        <button
                          type="button"
                          class="button button-danger"
                          disabled={busy}
                          onClick={() => void remove(item)}
                        >
                          {t('structure.deleteForGood')}
                        </button>
                        <button
                          type="button"
                          class="button button-quiet"
                          onClick={() => setConfirming(null)}
                        >
                          {t('structure.keep')}
                        </button>
                      </div>
                    </div>
                  )}
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      {editing === 'new' ? (
        <div class="structure-new">{form('new')}</div>
      ) : (
        <p>
          <button
            type="button"
            id={`${id}-add`}
            class="button button-quiet"
            onClick={() => start('new', props.blank())}
          >
            {props.addLabel}
          </button>
        </p>
      )}
    </section>
  );
}
