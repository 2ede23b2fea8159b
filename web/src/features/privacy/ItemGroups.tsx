import { Fragment, useState, type FormEvent, type InputHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { currentLanguage } from '../../i18n';
import { ErrorAlert, StatusMessage } from '../../ui/Alert';
import { TextField } from '../../ui/Field';
import { formatDate } from '../../ui/format';
import { useAction } from '../../ui/useAction';
import { correctItem, withdrawItem, type SubjectItem } from './api';
import { ItemTitle, ShownValue } from './shown';

/**
 * A person's items as cards: one per registration with everything that hangs on it (titled like
 * the registration, with the event's date), one per kind for the rest ("Mails we sent you").
 * Where a card holds items of one kind only, why they are kept is said once, at its top.
 */
export function ItemGroups({ items, onChanged }: { items: SubjectItem[]; onChanged: () => void }) {
  const groups = new Map<string, SubjectItem[]>();
  for (const item of items) groups.set(item.group.key, [...(groups.get(item.group.key) ?? []), item]);
  return (
    <>
      {[...groups].map(([key, members]) => (
        <GroupCard key={key} items={members} onChanged={onChanged} />
      ))}
    </>
  );
}

const keyOf = (item: SubjectItem) => `${item.category}:${item.id}`;

/**
 * One card. What an action did is said under its item, or at the card's top when the item is gone
 * with it (withdrawing the voluntary details deletes them): the card outlives the reload, the item may not.
 */
function GroupCard({ items, onChanged }: { items: SubjectItem[]; onChanged: () => void }) {
  const { group } = items[0]!;
  const oneKind = items.length > 1 && items.every((item) => item.category === items[0]!.category);
  const [done, setDone] = useState<{ item: string; message: string }>();
  const gone = done && !items.some((item) => keyOf(item) === done.item);
  return (
    <article className="card subject-group">
      <h2>
        <ItemTitle title={group.title} date={group.date} />
      </h2>
      {gone && <StatusMessage>{done.message}</StatusMessage>}
      {oneKind && <Why item={items[0]!} />}
      {items.map((item) => (
        <ItemBlock
          key={keyOf(item)}
          item={item}
          // A card of one item says what it is in its title already.
          heading={items.length > 1 || item.heading.en !== item.title.en}
          why={!oneKind}
          message={done?.item === keyOf(item) ? done.message : undefined}
          onDone={(message) => {
            setDone({ item: keyOf(item), message });
            onChanged();
          }}
        />
      ))}
    </article>
  );
}

/** The purpose and legal basis, and the deletion rule; `date` adds the item's own deletion day. */
function Why({ item, date = false }: { item: SubjectItem; date?: boolean }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  return (
    <>
      <p>
        <strong>{t('privacy.purpose')}:</strong> {item.purpose[language]} {item.basis[language]}
      </p>
      <p>
        <strong>{t('privacy.deletion')}:</strong> {date && <DeletionDay item={item} />}
        {item.deletion.rule[language]}
      </p>
    </>
  );
}

function DeletionDay({ item }: { item: SubjectItem }) {
  const { t } = useTranslation();
  return item.deletion.on ? <>{`${t('privacy.deletedOn', { date: formatDate(item.deletion.on) })} `}</> : null;
}

/** The registration form's rules for the fields a person may correct, so the browser checks what the server checks. */
const inputRules: Record<string, InputHTMLAttributes<HTMLInputElement>> = {
  firstName: { required: true, maxLength: 100, autoComplete: 'given-name' },
  lastName: { required: true, maxLength: 100, autoComplete: 'family-name' },
  displayName: { required: true, maxLength: 100 },
  company: { maxLength: 200, autoComplete: 'organization' },
  industry: { maxLength: 200 },
  phone: { type: 'tel', maxLength: 40, autoComplete: 'tel' },
};

/** What the server said about one field of a correction ("fields.phone"), in the reader's language. */
function fieldError(error: unknown, key: string): string | undefined {
  return error instanceof ApiError ? error.details.find((d) => d.field === `fields.${key}`)?.message : undefined;
}

/** One stored item: what it is, its data with labels, why it is kept and until when, and the rights the person can use on it. */
function ItemBlock({
  item,
  heading,
  why,
  message,
  onDone,
}: {
  item: SubjectItem;
  heading: boolean;
  why: boolean;
  message: string | undefined;
  onDone: (message: string) => void;
}) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const editable = item.fields.filter((f) => (item.correctable ? item.correctable.includes(f.key) : f.value.kind === 'text'));
  const [fields, setFields] = useState<Record<string, string>>({});
  const [editing, setEditing] = useState(false);
  const save = useAction(async () => {
    await correctItem(item, fields);
    setEditing(false);
    setFields({});
    onDone(t('privacy.corrected'));
  });
  const withdraw = useAction(async (right: 'consent' | 'objection') => {
    const { effect } = await withdrawItem(item, right);
    onDone(effect[language]);
  });
  const perField = editable.some((field) => fieldError(save.error, field.key));

  function onSubmit(e: FormEvent): void {
    e.preventDefault();
    void save.run();
  }

  return (
    <section className="subject-item">
      {heading && <h3>{item.heading[language]}</h3>}
      <dl className="facts">
        {item.fields.map((field) => (
          <Fragment key={field.key}>
            <dt>{field.label[language]}</dt>
            <dd>
              <ShownValue value={field.value} />
            </dd>
          </Fragment>
        ))}
      </dl>
      {why ? (
        <Why item={item} date />
      ) : (
        item.deletion.on && (
          <p>
            <strong>{t('privacy.deletion')}:</strong> <DeletionDay item={item} />
          </p>
        )
      )}
      {message && !editing && <StatusMessage>{message}</StatusMessage>}
      {editing && (
        <form onSubmit={onSubmit} className="form correction-form">
          {editable.map((field) => (
            <TextField
              key={field.key}
              label={field.label[language]}
              {...(inputRules[field.key] ?? { maxLength: 2000 })}
              hint={field.key === 'phone' ? t('registration.phoneHint') : undefined}
              error={fieldError(save.error, field.key)}
              defaultValue={field.value.kind === 'text' ? field.value.text : ''}
              onChange={(e) => setFields({ ...fields, [field.key]: e.target.value })}
            />
          ))}
          {/* Errors of a field stand under it; anything else (the item is gone, the session ended) here. */}
          {!perField && <ErrorAlert error={save.error} />}
          <div className="toolbar">
            <button type="submit" disabled={save.pending || Object.keys(fields).length === 0}>
              {t('privacy.saveCorrection')}
            </button>
            <button type="button" className="secondary" onClick={() => setEditing(false)}>
              {t('privacy.cancelCorrection')}
            </button>
          </div>
        </form>
      )}
      <div className="toolbar">
        {item.can.correct && !editing && (
          <button type="button" className="secondary" onClick={() => setEditing(true)}>
            {t('privacy.correct')}
          </button>
        )}
        {item.can.withdrawConsent && (
          <button type="button" className="secondary" onClick={() => void withdraw.run('consent')} disabled={withdraw.pending}>
            {t('privacy.withdrawConsent')}
          </button>
        )}
        {item.can.object && (
          <button
            type="button"
            className="secondary"
            title={t('privacy.objectHint')}
            onClick={() => void withdraw.run('objection')}
            disabled={withdraw.pending}
          >
            {t('privacy.object')}
          </button>
        )}
      </div>
      <ErrorAlert error={withdraw.error} />
    </section>
  );
}
