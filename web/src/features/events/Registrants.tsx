import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../ui/Alert';
import { SelectField, TextField } from '../../ui/Field';
import { formatDate, formatDateTime } from '../../ui/format';
import { useAction } from '../../ui/useAction';
import { useDebounced } from '../../ui/useDebounced';
import { useLoad } from '../../ui/useLoad';
import {
  csvExportUrl,
  decide,
  fetchRegistrants,
  registrationStates,
  revokeJoinLink,
  type HostedEvent,
  type Registrant,
  type RegistrationState,
} from './api';

function Actions({ event, registrant, onChanged }: { event: HostedEvent; registrant: Registrant; onChanged: () => void }) {
  const { t } = useTranslation();
  const act = useAction(async (what: 'approve' | 'deny' | 'revoke') => {
    if (what === 'revoke') await revokeJoinLink(event.id, registrant.id);
    else await decide(event.id, registrant.id, what);
    onChanged();
  });
  const who = (
    <span className="visually-hidden">
      : {registrant.firstName} {registrant.lastName}
    </span>
  );
  return (
    <>
      {registrant.state === 'pending' && (
        <>
          <button type="button" onClick={() => void act.run('approve')} disabled={act.pending}>
            {t('events.approve')}
            {who}
          </button>{' '}
          <button type="button" className="danger" onClick={() => void act.run('deny')} disabled={act.pending}>
            {t('events.deny')}
            {who}
          </button>
        </>
      )}
      {registrant.joinLink === 'active' && (
        <button type="button" className="secondary" onClick={() => void act.run('revoke')} disabled={act.pending}>
          {t('events.revoke')}
          {who}
        </button>
      )}
      <ErrorAlert error={act.error} />
    </>
  );
}

/** How long typing must pause before the search runs. */
const searchPauseMs = 400;

/** The host's registrant list of one event: search, state filter, decisions, CSV export. */
export function Registrants({ event, onChanged }: { event: HostedEvent; onChanged: () => void }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [state, setState] = useState<RegistrationState | ''>('');
  // Opened from the event list: the list moves into view and keyboard focus follows.
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  // Each search is a look at personal data and is audited: ask once typing pauses, not per keystroke.
  const settledSearch = useDebounced(search.trim(), searchPauseMs);
  const registrants = useLoad(
    useCallback(
      (signal: AbortSignal) => fetchRegistrants(event.id, { search: settledSearch, state: state || undefined }, signal),
      [event.id, settledSearch, state],
    ),
  );
  const changed = () => {
    registrants.reload();
    onChanged();
  };
  return (
    <section className="card" aria-labelledby="registrants">
      <h2 id="registrants" ref={heading} tabIndex={-1}>
        {t('events.registrantsOf', { title: event.title })}
      </h2>
      <div className="form form-grid">
        <TextField label={t('events.search')} type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
        <SelectField
          label={t('events.stateFilter')}
          value={state}
          onChange={(e) => setState(registrationStates.find((s) => s === e.target.value) ?? '')}
          options={[
            { value: '', label: t('events.allStates') },
            ...registrationStates.map((value) => ({ value, label: t(`events.states.${value}`) })),
          ]}
        />
      </div>
      <p>
        <a href={csvExportUrl(event.id)} download>
          {t('events.exportCsv')}
        </a>
      </p>
      <ErrorAlert error={registrants.error} />
      {registrants.data && (
        <div className="table-wrap">
          <table className="stack-table">
            <caption className="visually-hidden">{t('events.registrantsOf', { title: event.title })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('events.registrant')}</th>
                <th scope="col">{t('registration.company')}</th>
                <th scope="col">{t('events.state')}</th>
                <th scope="col">{t('events.registeredAt')}</th>
                <th scope="col">{t('events.noticeVersion')}</th>
                <th scope="col">{t('staff.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {registrants.data.registrations.map((r) => (
                <tr key={r.id}>
                  <td data-label={t('events.registrant')} className="cell-wrap">
                    <div>
                      {r.firstName} {r.lastName}
                      <br />
                      <span className="muted">{r.email}</span>
                    </div>
                  </td>
                  <td data-label={t('registration.company')} className="cell-wrap">
                    {r.company}
                  </td>
                  <td data-label={t('events.state')}>{t(`events.states.${r.state}`)}</td>
                  <td data-label={t('events.registeredAt')}>{formatDateTime(r.registeredAt)}</td>
                  <td data-label={t('events.noticeVersion')}>
                    <a href="/privacy/notice" data-notice-version={r.noticeVersion}>
                      {r.noticeDate ? t('events.noticeOf', { date: formatDate(r.noticeDate) }) : t('events.noticeUndated')}
                    </a>
                  </td>
                  <td data-label={t('staff.actions')} className="cell-actions">
                    <Actions event={event} registrant={r} onChanged={changed} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
