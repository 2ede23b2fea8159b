import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { roomErrorMessage } from './mediaErrors';
import type { RoomClient } from './roomClient';
import { DialogError, RoomDialog } from './RoomDialog';

/** "End for all" asks first; Cancel (the focused choice) keeps the meeting going. */
export function EndForAllDialog({ client, onClose }: { client: RoomClient; onClose: () => void }) {
  const { t } = useTranslation();
  const [error, setError] = useState<string>();
  const [pending, setPending] = useState(false);

  async function end(): Promise<void> {
    setPending(true);
    setError(undefined);
    await client.endForAll().catch((failure: unknown) => setError(roomErrorMessage(t, failure)));
    setPending(false);
  }

  return (
    <RoomDialog title={t('roomControl.endTitle')} onClose={onClose}>
      <p>{t('roomControl.endText')}</p>
      <DialogError error={error} />
      <div className="dialog-choices">
        <button type="button" className="secondary" data-autofocus onClick={onClose}>
          {t('roomControl.cancel')}
        </button>
        <button type="button" className="destructive" disabled={pending} onClick={() => void end()}>
          {t('roomControl.endConfirm')}
        </button>
      </div>
    </RoomDialog>
  );
}
