import { Fragment, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../i18n';
import { ErrorAlert, StatusMessage } from '../../ui/Alert';
import { TextField } from '../../ui/Field';
import { formatDate } from '../../ui/format';
import { useAction } from '../../ui/useAction';
import { correctItem, withdrawItem, type SubjectItem } from './api';
import { ItemTitle, ShownValue } from './shown';

/** One stored item as a card: what it is, its data with labels, why it is kept, until when, and the rights the person can use on it. */
export function ItemCard({ item, onChanged }: { item: SubjectItem; onChanged: () => void }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const editable = item.fields.filter((f) => (item.correctable ? item.correctable.includes(f.key) : f.value.kind === 'text'));
  const [fields, setFields] = useState<Record<string, string>>({});
  const [editing, setEditing] = useState(false);
  const [message, setMessage] = useState<string>();
  const save = useAction(async () => {
    await correctItem(item, fields);
    setEditing(false);
    setFields({});
    setMessage(t('privacy.corrected'));
    onChanged();
  });
  const withdraw = useAction(async (right: 'consent' | 'objection') => {
    const { effect } = await withdrawItem(item, right);
    setMessage(effect[language]);
    onChanged();
  });

  function onSubmit(e: FormEvent): void {
    e.preventDefault();
    void save.run();
  }

  return (
    <article className="card subject-item">
      <h3>
        <ItemTitle title={item.title} date={item.titleDate} />
      </h3>
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
      <p>
        <strong>{t('privacy.purpose')}:</strong> {item.purpose[language]} {item.basis[language]}
      </p>
      <p>
        <strong>{t('privacy.deletion')}:</strong>{' '}
        {item.deletion.on ? `${t('privacy.deletedOn', { date: formatDate(item.deletion.on) })} ` : ''}
        {item.deletion.rule[language]}
      </p>
      {message && <StatusMessage>{message}</StatusMessage>}
      {editing && (
        <form onSubmit={onSubmit} className="form">
          {editable.map((field) => (
            <TextField
              key={field.key}
              label={field.label[language]}
              type={field.key === 'phone' ? 'tel' : 'text'}
              defaultValue={field.value.kind === 'text' ? field.value.text : ''}
              onChange={(e) => setFields({ ...fields, [field.key]: e.target.value })}
            />
          ))}
          <ErrorAlert error={save.error} />
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
    </article>
  );
}
