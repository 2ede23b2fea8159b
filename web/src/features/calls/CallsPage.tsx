import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../ui/Alert';
import { formatDateTime } from '../../ui/format';
import { PageTitle } from '../../ui/PageTitle';
import { useLoad } from '../../ui/useLoad';
import { fetchCalls, type CallRecord } from './api';

/** The call records of phone dial-ins, exactly the fields the privacy notice names. */
export function CallsPage() {
  const { t } = useTranslation();
  const calls = useLoad(useCallback(() => fetchCalls(), []));
  const row = (c: CallRecord) => (
    <tr key={c.id}>
      <td>{formatDateTime(c.startedAt)}</td>
      <td>{c.endedAt ? formatDateTime(c.endedAt) : t('calls.running')}</td>
      <td>{c.callerNumber ?? '—'}</td>
      <td>{c.calledNumber ?? '—'}</td>
      <td>{c.callerCountry ?? '—'}</td>
      <td>
        {c.transport.toUpperCase()} {c.sourceIp}:{c.sourcePort}
      </td>
      <td>{c.meeting ? c.meeting.title : t('calls.noMeeting')}</td>
      <td>{t(`calls.outcomes.${c.outcome}`)}</td>
    </tr>
  );
  return (
    <>
      <PageTitle>{t('calls.title')}</PageTitle>
      <p className="muted">{t('calls.lead')}</p>
      <ErrorAlert error={calls.error} />
      {calls.data && calls.data.calls.length === 0 && <p className="muted">{t('calls.empty')}</p>}
      {calls.data && calls.data.calls.length > 0 && (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th>{t('calls.started')}</th>
                <th>{t('calls.ended')}</th>
                <th>{t('calls.caller')}</th>
                <th>{t('calls.called')}</th>
                <th>{t('calls.country')}</th>
                <th>{t('calls.connection')}</th>
                <th>{t('calls.meeting')}</th>
                <th>{t('calls.outcome')}</th>
              </tr>
            </thead>
            <tbody>{calls.data.calls.map(row)}</tbody>
          </table>
        </div>
      )}
    </>
  );
}
