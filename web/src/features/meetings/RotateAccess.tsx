import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, StatusMessage } from '../../ui/Alert';
import { useAction } from '../../ui/useAction';
import { rotateAccess, type Meeting } from './api';

/** New meeting ID, passcode and phone PIN: the old invitations stop working, so it asks first and says so. */
export function RotateAccess({ meeting, onChanged }: { meeting: Meeting; onChanged: () => void }) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const [done, setDone] = useState(false);
  const rotate = useAction(async () => {
    await rotateAccess(meeting.id);
    setConfirming(false);
    setDone(true);
    onChanged();
  });

  return (
    <div className="rotate-access">
      {confirming ? (
        <div className="confirm-box" role="group" aria-label={t('meetingPlan.rotate')}>
          <p>{t('meetingPlan.rotateQuestion')}</p>
          <div className="inline-confirm">
            <button type="button" className="danger" onClick={() => void rotate.run()} disabled={rotate.pending}>
              {t('meetingPlan.rotateConfirm', { title: meeting.title })}
            </button>
            <button type="button" className="secondary" onClick={() => setConfirming(false)}>
              {t('actions.cancel')}
            </button>
          </div>
        </div>
      ) : (
        <button type="button" className="danger" onClick={() => (setDone(false), setConfirming(true))}>
          {t('meetingPlan.rotate')}
          <span className="visually-hidden">: {meeting.title}</span>
        </button>
      )}
      <ErrorAlert error={rotate.error} />
      {done && <StatusMessage>{t('meetingPlan.rotated')}</StatusMessage>}
    </div>
  );
}
