import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../i18n';
import { ErrorAlert } from '../../ui/Alert';
import { formatDate } from '../../ui/format';
import { SelectField, TextField } from '../../ui/Field';
import { useAction } from '../../ui/useAction';
import { useLoad } from '../../ui/useLoad';
import { fetchHolds, placeHold, releaseHold } from './api';

/**
 * Legal holds: kinds of data that retention and erasure must keep until a date, chosen by name. One
 * person's item is held from their request ("Show data"), where the items are listed.
 */
export function HoldsSection() {
  const { t } = useTranslation();
  const holds = useLoad(fetchHolds);
  const language = currentLanguage();
  const [form, setForm] = useState({ category: '', reason: '', until: '' });
  const place = useAction(async () => {
    await placeHold({ category: form.category, reason: form.reason, until: form.until });
    setForm({ category: '', reason: '', until: '' });
    holds.reload();
  });
  const release = useAction(async (id: string) => {
    await releaseHold(id);
    holds.reload();
  });

  function onSubmit(e: FormEvent): void {
    e.preventDefault();
    void place.run();
  }

  return (
    <section aria-labelledby="dpo-holds">
      <h2 id="dpo-holds">{t('dpo.holdsTitle')}</h2>
      <p className="muted">{t('dpo.holdsHint')}</p>
      <form onSubmit={onSubmit} className="form form-grid">
        <SelectField
          label={t('dpo.category')}
          required
          value={form.category}
          onChange={(e) => setForm({ ...form, category: e.target.value })}
          options={[
            { value: '', label: t('dpo.chooseCategory') },
            ...(holds.data?.categories ?? []).map((c) => ({ value: c.id, label: c.what[language] })),
          ]}
        />
        <TextField
          label={t('dpo.reason')}
          required
          minLength={3}
          value={form.reason}
          onChange={(e) => setForm({ ...form, reason: e.target.value })}
        />
        <TextField
          label={t('dpo.until')}
          type="date"
          required
          value={form.until}
          onChange={(e) => setForm({ ...form, until: e.target.value })}
        />
        <ErrorAlert error={place.error} />
        <div className="form-actions">
          <button type="submit" disabled={place.pending}>
            {t('dpo.placeHold')}
          </button>
        </div>
      </form>
      <ErrorAlert error={holds.error ?? release.error} />
      {holds.data?.holds.length === 0 && <p className="muted">{t('dpo.noHolds')}</p>}
      <ul>
        {holds.data?.holds.map((h) => (
          <li key={h.id}>
            {h.what[language]}
            {!h.itemId && ` (${t('dpo.wholeCategory')})`} – {h.reason} ({t('dpo.untilDate', { date: formatDate(h.until) })})
            {h.releasedAt ? (
              <span className="muted"> · {t('dpo.released')}</span>
            ) : (
              <>
                {' '}
                <button type="button" className="secondary" onClick={() => void release.run(h.id)}>
                  {t('dpo.release')}
                </button>
              </>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
