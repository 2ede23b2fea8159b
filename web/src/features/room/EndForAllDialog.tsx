import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { roomErrorMessage } from './mediaErrors';
import type { RoomClient } from './roomClient';
import { DialogError, RoomDialog } from './RoomDialog';

/** "End for all" asks first; Cancel (the focused choice) keeps the meeting or webinar going. */
export function EndForAllDialog({ client, webinar, onClose }: { client: RoomClient; webinar: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const context = webinar ? 'webinar' : undefined;
  const [error, setError] = useState<string>();
  const [pending, setPending] = useState(false);

  async function end(): Promise<void> {
    setPending(true);
    setError(undefined);
    await client.endForAll().catch((failure: unknown) => setError(roomErrorMessage(t, failure)));
    setPending(false);
  }

  return (
    <RoomDialog title={t('roomControl.endTitle', { context })} onClose={onClose}>
      <p>{t('roomControl.endText', { context })}</p>
      <DialogError error={error} />
      <div className="dialog-choices">
        <button type="button" className="secondary" data-autofocus onClick={onClose}>
          {t('roomControl.cancel')}
        </button>
        <button type="button" className="destructive" disabled={pending} onClick={() => void end()}>
          {t('roomControl.endConfirm', { context })}
        </button>
      </div>
    </RoomDialog>
  );
}
