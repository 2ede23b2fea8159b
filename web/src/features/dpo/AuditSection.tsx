import { Fragment, useCallback, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../i18n';
import { ErrorAlert } from '../../ui/Alert';
import { SelectField, TextField } from '../../ui/Field';
import { formatDateTime } from '../../ui/format';
import { useLoad } from '../../ui/useLoad';
import { ShownValue } from '../privacy/shown';
import { fetchAudit, type AuditEntry } from './api';
import './dpo.css';

const emptyFilter = { action: '', from: '', to: '' };
/** The kinds of action the log can be narrowed to (a prefix of the action the server filters by). */
const actionGroups = [
  'privacy.*',
  'registration*',
  'event.*',
  'meeting.*',
  'recording.*',
  'chat.*',
  'qa.*',
  'callback.*',
  'retention.*',
  'processor.*',
  'settings.*',
  'staff.*',
  'account.*',
  'api_token.*',
] as const;

/** The audit log in words: when, what, who, about what, and its details; looking at it is recorded too. */
export function AuditSection() {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(emptyFilter);
  const [filter, setFilter] = useState(emptyFilter);
  const audit = useLoad(useCallback(() => fetchAudit(filter), [filter]));

  function onSubmit(e: FormEvent): void {
    e.preventDefault();
    // A new object each time: pressing Filter with the same choice reads the log again.
    setFilter({ ...draft });
  }

  return (
    <section aria-labelledby="dpo-audit">
      <h2 id="dpo-audit">{t('dpo.auditTitle')}</h2>
      <form onSubmit={onSubmit} className="form form-grid">
        <SelectField
          label={t('dpo.action')}
          value={draft.action}
          onChange={(e) => setDraft({ ...draft, action: e.target.value })}
          options={[
            { value: '', label: t('dpo.allActions') },
            ...actionGroups.map((group) => ({ value: group, label: t(`dpo.actionGroups.${group}`) })),
          ]}
        />
        <TextField label={t('dpo.from')} type="date" value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.target.value })} />
        <TextField label={t('dpo.to')} type="date" value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.target.value })} />
        <div className="form-actions">
          <button type="submit">{t('dpo.filter')}</button>
        </div>
      </form>
      <ErrorAlert error={audit.error} />
      {audit.data?.entries.length === 0 && <p className="muted">{t('dpo.noEntries')}</p>}
      {audit.data && audit.data.entries.length > 0 && (
        <div className="table-wrap">
          <table className="audit-log">
            <thead>
              <tr>
                <th>{t('dpo.when')}</th>
                <th>{t('dpo.action')}</th>
                <th>{t('dpo.actor')}</th>
                <th>{t('dpo.subject')}</th>
                <th>{t('dpo.facts')}</th>
              </tr>
            </thead>
            <tbody>
              {audit.data.entries.map((e) => (
                <AuditRow key={e.id} entry={e} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function AuditRow({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  return (
    <tr>
      <td>{formatDateTime(entry.at)}</td>
      <td>{entry.what[language]}</td>
      <td>{entry.actorName ?? t(`dpo.actorKinds.${entry.actorKind as 'staff' | 'api_token' | 'system' | 'public'}`)}</td>
      <td>{entry.about?.[language] ?? ''}</td>
      <td className="audit-detail">
        {entry.facts.map((fact, index) => (
          <Fragment key={fact.label.en}>
            {index > 0 && '; '}
            {fact.label[language]}: <ShownValue value={fact.value} />
          </Fragment>
        ))}
      </td>
    </tr>
  );
}
