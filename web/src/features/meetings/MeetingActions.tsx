import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { navigate } from '../../app/router';
import { ErrorAlert } from '../../ui/Alert';
import { useAction } from '../../ui/useAction';
import { storeJoinToken } from '../room/joinToken';
import { endMeeting, hostJoin, type Meeting } from './api';

/** Start enters the room as host; ending throws everyone out, so it asks once more in place. */
export function MeetingActions({ meeting, onChanged }: { meeting: Meeting; onChanged: () => void }) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const start = useAction(async () => {
    const { joinToken } = await hostJoin(meeting.id);
    navigate(storeJoinToken(joinToken));
  });
  const end = useAction(async () => {
    await endMeeting(meeting.id);
    setConfirming(false);
    onChanged();
  });
  const label = <span className="visually-hidden">: {meeting.title}</span>;

  return (
    <div className="meeting-actions">
      <button type="button" onClick={() => void start.run()} disabled={start.pending}>
        {t('meetings.start')}
        {label}
      </button>
      {confirming ? (
        <div className="inline-confirm">
          <button type="button" className="danger" onClick={() => void end.run()} disabled={end.pending}>
            {t('meetings.confirmEnd', { title: meeting.title })}
          </button>
          <button type="button" className="secondary" onClick={() => setConfirming(false)}>
            {t('actions.cancel')}
          </button>
        </div>
      ) : (
        <button type="button" className="secondary" onClick={() => setConfirming(true)}>
          {t('meetings.end')}
          {label}
        </button>
      )}
      <ErrorAlert error={start.error ?? end.error} />
    </div>
  );
}
