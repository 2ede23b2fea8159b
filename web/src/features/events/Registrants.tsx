import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../ui/Alert';
import { SelectField, TextField } from '../../ui/Field';
import { formatDateTime } from '../../ui/format';
import { useAction } from '../../ui/useAction';
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

/** The host's registrant list of one event: search, state filter, decisions, CSV export. */
export function Registrants({ event, onChanged }: { event: HostedEvent; onChanged: () => void }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [state, setState] = useState<RegistrationState | ''>('');
  const registrants = useLoad(
    useCallback(() => fetchRegistrants(event.id, { search, state: state || undefined }), [event.id, search, state]),
  );
  const changed = () => {
    registrants.reload();
    onChanged();
  };
  return (
    <section className="card" aria-labelledby="registrants">
      <h2 id="registrants">{t('events.registrantsOf', { title: event.title })}</h2>
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
          <table>
            <caption className="visually-hidden">{t('events.registrantsOf', { title: event.title })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('registration.firstName')}</th>
                <th scope="col">{t('registration.lastName')}</th>
                <th scope="col">{t('fields.email')}</th>
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
                  <td>{r.firstName}</td>
                  <td>{r.lastName}</td>
                  <td>{r.email}</td>
                  <td>{r.company}</td>
                  <td>{t(`events.states.${r.state}`)}</td>
                  <td>{formatDateTime(r.registeredAt)}</td>
                  <td>
                    <code>{r.noticeVersion}</code>
                  </td>
                  <td>
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
