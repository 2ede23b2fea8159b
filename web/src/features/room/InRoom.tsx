import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from '../../app/router';
import { PageTitle } from '../../ui/PageTitle';
import { useStore } from '../../ui/store';
import { ControlBar } from './ControlBar';
import { EndScreen } from './EndScreen';
import { LobbyScreen } from './LobbyScreen';
import { moderationOf } from './moderation';
import { roomOverlays } from './extensions';
import { RoomFrame } from './RoomFrame';
import { RoomClient } from './roomClient';
import { RoomSidebar } from './RoomSidebar';
import { SendingStatus } from './SendingStatus';
import type { DeviceChoice } from './types';
import { BroadcastPlayer } from './BroadcastPlayer';
import { DeviceCheck } from './DeviceCheck';
import { RoomDialog } from './RoomDialog';
import { WebinarEnd } from './WebinarEnd';
import { VideoGrid } from './VideoGrid';
import { RemoteAudio } from './Video';

/** The room itself: connects once, and leaves when the page goes (back button, another link). */
export function InRoom({ joinToken, socketPath, devices }: { joinToken: string; socketPath?: string | undefined; devices: DeviceChoice }) {
  const { t } = useTranslation();
  // The moderation state listens from the start, so no push before the first render is missed.
  const [client] = useState(() => moderationOf(new RoomClient(joinToken, devices, socketPath)).client);
  const room = useStore(client);
  /** A webinar attendee accepted the invitation to speak and checks camera and microphone before joining the speakers. */
  const [checkingToSpeak, setCheckingToSpeak] = useState(false);

  useEffect(() => {
    // Deferred, so React's development double mount does not enter and leave the room once for nothing.
    let started = false;
    const timer = setTimeout(() => {
      started = true;
      void client.connect();
    });
    return () => {
      clearTimeout(timer);
      if (started) void client.leave();
    };
  }, [client]);

  const joinAgain = <Link to="/join">{t('room.toJoin')}</Link>;
  switch (room.status) {
    case 'ended':
      if (room.webinar) return <WebinarEnd title={room.title} details={room.webinar.details} />;
      return (
        <EndScreen title={t('room.ended')}>
          <p>{t('room.endedText')}</p>
        </EndScreen>
      );
    case 'left':
      return (
        <EndScreen title={t('room.left')}>
          <p>{joinAgain}</p>
        </EndScreen>
      );
    case 'replaced':
      return (
        <EndScreen title={t('room.replaced')}>
          <p role="status">{t('room.replacedText')}</p>
        </EndScreen>
      );
    case 'failed':
      return (
        <EndScreen title={t('room.failed')}>
          <p role="alert">{room.connectionLost ? t('room.connectionLost') : (room.error ?? t('errors.unknown'))}</p>
          <p>{joinAgain}</p>
        </EndScreen>
      );
    case 'connecting':
      return <EndScreen title={t('room.connecting')} />;
    case 'waiting':
      return <LobbyScreen client={client} room={room} />;
    case 'rejected':
    case 'removed': {
      // Taken out by the organiser's change to their personal link (withdrawn, cancelled), or by the host in the room.
      const why = room.status === 'removed' && room.removedBecause ? room.removedBecause : room.status;
      return (
        <EndScreen title={t(`moderation.${why}`)}>
          <p role="alert">{t(`moderation.${why}Text`)}</p>
        </EndScreen>
      );
    }
  }

  if (checkingToSpeak)
    return (
      <DeviceCheck
        context="speaker"
        title={t('webinar.invitation.checkTitle')}
        joinLabel={t('webinar.invitation.join')}
        cancelLabel={t('webinar.invitation.cancel')}
        onJoin={(devices) => {
          setCheckingToSpeak(false);
          void client.answerInvitation(true, devices).catch(() => undefined);
        }}
        onCancel={() => {
          setCheckingToSpeak(false);
          void client.answerInvitation(false).catch(() => undefined);
        }}
      />
    );

  return (
    <RoomFrame heading={<PageTitle truncated>{room.title}</PageTitle>} tools={<SendingStatus sending={room.sending} />}>
      {room.invitedToSpeak && (
        <RoomDialog title={t('webinar.invitation.title')} onClose={() => void client.answerInvitation(false).catch(() => undefined)}>
          <p>{t('webinar.invitation.text')}</p>
          <div className="dialog-choices">
            <button
              type="button"
              className="secondary"
              data-autofocus
              onClick={() => void client.answerInvitation(false).catch(() => undefined)}
            >
              {t('webinar.invitation.decline')}
            </button>
            <button type="button" onClick={() => setCheckingToSpeak(true)}>
              {t('webinar.invitation.accept')}
            </button>
          </div>
        </RoomDialog>
      )}
      {room.status === 'reconnecting' && (
        <p className="room-banner" role="status">
          {t('room.reconnecting')}
        </p>
      )}
      {roomOverlays.map((Overlay, index) => (
        <Overlay key={index} client={client} room={room} />
      ))}
      <div className="room-body">
        {room.self?.role === 'attendee' ? <BroadcastPlayer room={room} /> : <VideoGrid client={client} room={room} />}
        <RoomSidebar client={client} room={room} />
      </div>
      <ControlBar client={client} room={room} />
      <RemoteAudio stream={room.remoteAudio} />
    </RoomFrame>
  );
}
