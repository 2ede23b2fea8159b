import { Fragment, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../i18n';
import { ErrorAlert, StatusMessage } from '../../ui/Alert';
import { TextField } from '../../ui/Field';
import { useAction } from '../../ui/useAction';
import { correctItem, withdrawItem, type SubjectItem } from './api';
import { fieldLabel } from './fieldLabel';

const shown = (value: unknown) =>
  value === null || value === undefined || value === '' ? '–' : typeof value === 'string' ? value : JSON.stringify(value);

/** One stored item: its data, why it is kept, and the rights the person can use on it here. */
export function ItemCard({ item, onChanged }: { item: SubjectItem; onChanged: () => void }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const editable = Object.entries(item.data).filter(([key, v]) =>
    item.correctable ? item.correctable.includes(key) : typeof v === 'string' || v === null,
  );
  const [fields, setFields] = useState<Record<string, string>>({});
  const [editing, setEditing] = useState(false);
  const [message, setMessage] = useState<string>();
  const save = useAction(async () => {
    await correctItem(item, fields);
    setEditing(false);
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
    <article className="card" data-category={item.category}>
      <h3>{item.purpose[language]}</h3>
      {item.context && <p className="muted">{item.context}</p>}
      <dl className="facts">
        {Object.entries(item.data).map(([key, value]) => (
          <Fragment key={key}>
            <dt>{fieldLabel(t, key)}</dt>
            <dd>{shown(value)}</dd>
          </Fragment>
        ))}
        <dt>{t('privacy.legalBasis')}</dt>
        <dd>{t(`privacy.bases.${item.legalBasis as '6(1)(a)'}`, { defaultValue: item.legalBasis })}</dd>
      </dl>
      {message && <StatusMessage>{message}</StatusMessage>}
      {editing && (
        <form onSubmit={onSubmit} className="form">
          {editable.map(([key, value]) => (
            <TextField
              key={key}
              label={fieldLabel(t, key)}
              defaultValue={typeof value === 'string' ? value : ''}
              onChange={(e) => setFields({ ...fields, [key]: e.target.value })}
            />
          ))}
          <ErrorAlert error={save.error} />
          <button type="submit" disabled={save.pending || Object.keys(fields).length === 0}>
            {t('privacy.saveCorrection')}
          </button>
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
