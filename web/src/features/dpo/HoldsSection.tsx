import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../i18n';
import { ErrorAlert } from '../../ui/Alert';
import { formatDate } from '../../ui/format';
import { TextField } from '../../ui/Field';
import { useAction } from '../../ui/useAction';
import { useLoad } from '../../ui/useLoad';
import { fetchHolds, placeHold, releaseHold } from './api';

/** Legal holds: items (or whole categories) that retention and erasure must keep until a date. */
export function HoldsSection() {
  const { t } = useTranslation();
  const holds = useLoad(fetchHolds);
  const [form, setForm] = useState({ category: '', itemId: '', reason: '', until: '' });
  const place = useAction(async () => {
    await placeHold({ category: form.category, reason: form.reason, until: form.until, ...(form.itemId ? { itemId: form.itemId } : {}) });
    setForm({ category: '', itemId: '', reason: '', until: '' });
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
      <form onSubmit={onSubmit} className="form form-grid">
        <TextField
          label={t('dpo.category')}
          required
          value={form.category}
          onChange={(e) => setForm({ ...form, category: e.target.value })}
        />
        <TextField label={t('dpo.itemId')} value={form.itemId} onChange={(e) => setForm({ ...form, itemId: e.target.value })} />
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
            {h.what[currentLanguage()]}
            {!h.itemId && ` (${t('dpo.wholeCategory')})`} – {h.reason} ({t('dpo.until')} {formatDate(h.until)})
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
