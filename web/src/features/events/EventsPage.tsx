import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { navigate } from '../../app/router';
import { ErrorAlert } from '../../ui/Alert';
import { formatDateTime } from '../../ui/format';
import { PageTitle } from '../../ui/PageTitle';
import { useAction } from '../../ui/useAction';
import { useLoad } from '../../ui/useLoad';
import { cancelEvent, fetchEvents, type HostedEvent } from './api';
import { EventForm } from './EventForm';
import { EventRecordingsSection } from '../recording/MeetingRecordings';
import { Panelists } from './Panelists';
import { Registrants } from './Registrants';
import { hostJoin } from '../meetings/api';
import { storeJoinToken } from '../room/joinToken';

/** The host enters the event's room (device check, then backstage for a webinar) straight from the event. */
function StartButton({ event, meetingId }: { event: HostedEvent; meetingId: string }) {
  const { t } = useTranslation();
  const start = useAction(async () => {
    navigate(storeJoinToken(await hostJoin(meetingId)));
  });
  return (
    <>
      <button type="button" onClick={() => void start.run()} disabled={start.pending}>
        {t('events.start')}
        <span className="visually-hidden">: {event.title}</span>
      </button>
      <ErrorAlert error={start.error} />
    </>
  );
}

function CancelButton({ event, onChanged }: { event: HostedEvent; onChanged: () => void }) {
  const { t } = useTranslation();
  const cancel = useAction(async () => {
    if (!window.confirm(t('events.cancelConfirm', { title: event.title }))) return;
    await cancelEvent(event.id);
    onChanged();
  });
  return (
    <>
      <button type="button" className="danger" onClick={() => void cancel.run()} disabled={cancel.pending}>
        {t('events.cancel')}
        <span className="visually-hidden">: {event.title}</span>
      </button>
      <ErrorAlert error={cancel.error} />
    </>
  );
}

/** `/events`: the host's events, a form for a new one, and the registrants or (webinars) the invited panelists of the one selected. */
export function EventsPage() {
  const { t } = useTranslation();
  const events = useLoad(fetchEvents);
  const [selected, setSelected] = useState<{ id: string; view: 'registrants' | 'panelists' }>();
  const [editing, setEditing] = useState<string>();
  const current = events.data?.events.find((e) => e.id === selected?.id);
  const edited = events.data?.events.find((e) => e.id === editing);
  return (
    <>
      <PageTitle>{t('events.pageTitle')}</PageTitle>
      {edited && (
        <EventForm
          key={edited.id}
          event={edited}
          retentionDefaults={edited.retention.defaults}
          onSaved={() => {
            setEditing(undefined);
            events.reload();
          }}
        />
      )}
      {/* The events first (start, registrants, edit), the form for a new one after them. */}
      <section className="card" aria-labelledby="event-list">
        <h2 id="event-list">{t('events.listTitle')}</h2>
        <ErrorAlert error={events.error} />
        {!events.data && !events.error && <p role="status">{t('status.loading')}</p>}
        {events.data?.events.length === 0 && <p>{t('events.noEvents')}</p>}
        {events.data && events.data.events.length > 0 && (
          <div className="table-wrap">
            <table className="stack-table">
              <thead>
                <tr>
                  <th scope="col">{t('events.title')}</th>
                  <th scope="col">{t('events.startsAt')}</th>
                  <th scope="col">{t('events.registrationLink')}</th>
                  <th scope="col">{t('events.seats')}</th>
                  <th scope="col">{t('staff.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {events.data.events.map((event) => (
                  <tr key={event.id}>
                    <th scope="row">
                      {event.title} {event.status === 'cancelled' && <span className="badge badge-disabled">{t('events.cancelled')}</span>}
                    </th>
                    <td data-label={t('events.startsAt')}>{formatDateTime(event.startsAt)}</td>
                    <td data-label={t('events.registrationLink')} className="cell-wrap">
                      <a href={event.registrationUrl}>{event.registrationUrl}</a>
                    </td>
                    <td data-label={t('events.seats')}>
                      {event.capacity === null
                        ? t('events.seatCountsUnlimited', event.counts)
                        : t('events.seatCounts', { ...event.counts, capacity: event.capacity })}
                    </td>
                    <td data-label={t('staff.actions')} className="cell-actions">
                      {event.status === 'scheduled' && event.meetingId && (
                        <>
                          <StartButton event={event} meetingId={event.meetingId} />{' '}
                        </>
                      )}
                      <button type="button" className="secondary" onClick={() => setSelected({ id: event.id, view: 'registrants' })}>
                        {t('events.showRegistrants')}
                        <span className="visually-hidden">: {event.title}</span>
                      </button>{' '}
                      {event.kind === 'webinar' && (
                        <>
                          <button type="button" className="secondary" onClick={() => setSelected({ id: event.id, view: 'panelists' })}>
                            {t('panelists.show')}
                            <span className="visually-hidden">: {event.title}</span>
                          </button>{' '}
                        </>
                      )}
                      {event.status === 'scheduled' && (
                        <>
                          <button type="button" className="secondary" onClick={() => setEditing(event.id)}>
                            {t('events.edit')}
                            <span className="visually-hidden">: {event.title}</span>
                          </button>{' '}
                          <CancelButton event={event} onChanged={events.reload} />
                        </>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      {current && selected?.view === 'panelists' && <Panelists key={`panelists-${current.id}`} event={current} />}
      {current && selected?.view === 'registrants' && <Registrants key={current.id} event={current} onChanged={events.reload} />}
      {current && selected?.view === 'registrants' && <EventRecordingsSection key={`recordings-${current.id}`} eventId={current.id} />}
      {!edited && <EventForm retentionDefaults={events.data?.retentionDefaults} onSaved={events.reload} />}
    </>
  );
}
