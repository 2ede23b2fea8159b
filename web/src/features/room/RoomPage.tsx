import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from '../../app/router';
import { DeviceCheck } from './DeviceCheck';
import { EndScreen } from './EndScreen';
import { InRoom } from './InRoom';
import { readJoinToken } from './joinToken';
import type { DeviceChoice } from './types';
import './room.css';
import './webinar.css';

/**
 * `/room?k=…`: the device check, then the room, for the join token kept in this tab under that key.
 * A webinar attendee sends nothing, so they go straight in without being asked about devices
 * (if the host invites them to speak, they check their devices then).
 */
export function RoomPage() {
  const { t } = useTranslation();
  const [join] = useState(() => readJoinToken(new URLSearchParams(location.search).get('k')));
  const [devices, setDevices] = useState<DeviceChoice | undefined>(() => (join?.watchOnly ? {} : undefined));

  if (!join) {
    return (
      <EndScreen title={t('room.noSession')}>
        <p>{t('room.noSessionText')}</p>
        <p>
          <Link to="/join">{t('room.toJoin')}</Link>
        </p>
      </EndScreen>
    );
  }
  if (!devices) return <DeviceCheck onJoin={setDevices} context={join.kind} />;
  return <InRoom joinToken={join.joinToken} socketPath={join.socketPath} devices={devices} />;
}
