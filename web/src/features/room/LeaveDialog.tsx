import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SelectField } from '../../ui/Field';
import { roomErrorMessage } from './mediaErrors';
import type { RoomClient } from './roomClient';
import { DialogError, RoomDialog } from './RoomDialog';
import type { ParticipantView, RoomSnapshot } from './types';

/** Who can take over the host role: connected people with a browser (not phone callers), co-hosts first. */
export function hostCandidates(room: RoomSnapshot): ParticipantView[] {
  const others = room.participants.filter((p) => p.id !== room.self?.id && p.connected && !p.phone);
  return [...others.filter((p) => p.role === 'cohost'), ...others.filter((p) => p.role !== 'cohost')];
}

/** Whether leaving needs the host's choice: they are the last host present and others are still here. */
export function mustChooseOnLeave(room: RoomSnapshot): boolean {
  if (room.self?.role !== 'host') return false;
  const others = room.participants.filter((p) => p.id !== room.self?.id);
  return others.length > 0 && !others.some((p) => p.role === 'host' && p.connected);
}

/** The last host leaves: they name the next host, or end the meeting for everyone (which asks once more). */
export function LeaveDialog({
  client,
  room,
  onClose,
  onEndForAll,
}: {
  client: RoomClient;
  room: RoomSnapshot;
  onClose: () => void;
  onEndForAll: () => void;
}) {
  const { t } = useTranslation();
  const candidates = hostCandidates(room);
  const [nextHost, setNextHost] = useState(candidates[0]?.id ?? '');
  const [error, setError] = useState<string>();
  const [pending, setPending] = useState(false);
  const chosen = candidates.find((p) => p.id === nextHost) ?? candidates[0];

  async function handOver(): Promise<void> {
    if (!chosen) return;
    setPending(true);
    setError(undefined);
    try {
      await client.handOverAndLeave(chosen.id);
    } catch (failure) {
      setError(roomErrorMessage(t, failure));
      setPending(false);
    }
  }

  return (
    <RoomDialog title={t('roomControl.leaveTitle')} onClose={onClose}>
      {chosen ? (
        <>
          <p>{t('roomControl.leaveText')}</p>
          <SelectField
            label={t('roomControl.nextHost')}
            value={chosen.id}
            onChange={(event) => setNextHost(event.target.value)}
            options={candidates.map((p) => ({
              value: p.id,
              label: p.role === 'cohost' ? `${p.displayName} (${t('roomControl.cohost')})` : p.displayName,
            }))}
          />
        </>
      ) : (
        <p>{t('roomControl.leaveNobody')}</p>
      )}
      <DialogError error={error} />
      <div className="dialog-choices">
        <button type="button" className="secondary" data-autofocus onClick={onClose}>
          {t('roomControl.cancel')}
        </button>
        {chosen ? (
          <button type="button" disabled={pending} onClick={() => void handOver()}>
            {t('roomControl.handOver')}
          </button>
        ) : (
          <button type="button" onClick={() => void client.leave()}>
            {t('roomControl.leaveAnyway')}
          </button>
        )}
        <button type="button" className="destructive" onClick={onEndForAll}>
          {t('roomControl.endConfirm')}
        </button>
      </div>
    </RoomDialog>
  );
}
