import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { navigate } from '../../app/router';
import { ErrorAlert } from '../../ui/Alert';
import { useAction } from '../../ui/useAction';
import { storeJoinToken } from '../room/joinToken';
import { endMeeting, hostJoin, type Meeting } from './api';

/** Enters the room as host (joins it while it is live); an ended meeting starts again with the same ID and passcode. */
export function StartMeetingButton({ meeting }: { meeting: Meeting }) {
  const { t } = useTranslation();
  const start = useAction(async () => {
    navigate(storeJoinToken(await hostJoin(meeting.id)));
  });
  return (
    <>
      <button type="button" onClick={() => void start.run()} disabled={start.pending}>
        {meeting.endedAt ? t('meetingPlan.startAgain') : meeting.live ? t('meetings.join') : t('meetings.start')}
        <span className="visually-hidden">: {meeting.title}</span>
      </button>
      <ErrorAlert error={start.error} />
    </>
  );
}

/** Start, and ending for all, which throws everyone out and so asks once more in place. */
export function MeetingActions({ meeting, onChanged }: { meeting: Meeting; onChanged: () => void }) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const end = useAction(async () => {
    await endMeeting(meeting.id);
    setConfirming(false);
    onChanged();
  });

  return (
    <div className="meeting-actions">
      <StartMeetingButton meeting={meeting} />
      {meeting.endedAt ? null : confirming ? (
        <div className="inline-confirm">
          <button type="button" className="danger" onClick={() => void end.run()} disabled={end.pending}>
            {t('meetings.confirmEnd', { title: meeting.title })}
          </button>
          <button type="button" className="secondary" onClick={() => setConfirming(false)}>
            {t('actions.cancel')}
          </button>
        </div>
      ) : (
        <button type="button" className="danger" onClick={() => setConfirming(true)}>
          {t('meetings.end')}
          <span className="visually-hidden">: {meeting.title}</span>
        </button>
      )}
      <ErrorAlert error={end.error} />
    </div>
  );
}
