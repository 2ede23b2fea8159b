import { useCallback, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../ui/Alert';
import { TextField } from '../../ui/Field';
import { formatDateTime } from '../../ui/format';
import { useLoad } from '../../ui/useLoad';
import { fetchAudit } from './api';
import './dpo.css';

const emptyFilter = { action: '', actorId: '', subjectId: '', from: '', to: '' };

/** The audit log with filters; looking at it is recorded too. */
export function AuditSection() {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(emptyFilter);
  const [filter, setFilter] = useState(emptyFilter);
  const audit = useLoad(useCallback(() => fetchAudit(filter), [filter]));

  function onSubmit(e: FormEvent): void {
    e.preventDefault();
    setFilter(draft);
  }

  return (
    <section aria-labelledby="dpo-audit">
      <h2 id="dpo-audit">{t('dpo.auditTitle')}</h2>
      <form onSubmit={onSubmit} className="form form-grid">
        <TextField
          label={t('dpo.action')}
          placeholder="privacy.*"
          value={draft.action}
          onChange={(e) => setDraft({ ...draft, action: e.target.value })}
        />
        <TextField label={t('dpo.actor')} value={draft.actorId} onChange={(e) => setDraft({ ...draft, actorId: e.target.value })} />
        <TextField label={t('dpo.subject')} value={draft.subjectId} onChange={(e) => setDraft({ ...draft, subjectId: e.target.value })} />
        <TextField label={t('dpo.from')} type="date" value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.target.value })} />
        <TextField label={t('dpo.to')} type="date" value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.target.value })} />
        <div className="form-actions">
          <button type="submit">{t('dpo.filter')}</button>
        </div>
      </form>
      <ErrorAlert error={audit.error} />
      {audit.data && (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th>{t('dpo.from')}</th>
                <th>{t('dpo.action')}</th>
                <th>{t('dpo.actor')}</th>
                <th>{t('dpo.subject')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {audit.data.entries.map((e) => (
                <tr key={e.id}>
                  <td>{formatDateTime(e.at)}</td>
                  <td>
                    <code>{e.action}</code>
                  </td>
                  <td>
                    {e.actorKind} {e.actorId}
                  </td>
                  <td>
                    {e.subjectType} {e.subjectId}
                  </td>
                  <td className="audit-detail">{e.detail ? JSON.stringify(e.detail) : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
