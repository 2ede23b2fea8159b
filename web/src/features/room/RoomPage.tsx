import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from '../../app/router';
import { DeviceCheck } from './DeviceCheck';
import { EndScreen } from './EndScreen';
import { InRoom } from './InRoom';
import { readJoinToken } from './joinToken';
import type { DeviceChoice } from './types';
import './room.css';

/** `/room?k=…`: the device check, then the room, for the join token kept in this tab under that key. */
export function RoomPage() {
  const { t } = useTranslation();
  const [joinToken] = useState(() => readJoinToken(new URLSearchParams(location.search).get('k')));
  const [devices, setDevices] = useState<DeviceChoice>();

  if (!joinToken) {
    return (
      <EndScreen title={t('room.noSession')}>
        <p>{t('room.noSessionText')}</p>
        <p>
          <Link to="/join">{t('room.toJoin')}</Link>
        </p>
      </EndScreen>
    );
  }
  if (!devices) return <DeviceCheck onJoin={setDevices} />;
  return <InRoom joinToken={joinToken} devices={devices} />;
}
