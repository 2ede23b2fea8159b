import { useTranslation } from 'react-i18next';
import { Tile } from './Tile';
import type { RoomSnapshot } from './types';

/** Columns that keep tiles large: 1, 2, 2, 2, 3, 3, 3, 3, 3, 4, … */
function columnsFor(count: number): number {
  return Math.max(1, Math.ceil(Math.sqrt(count)));
}

/** Screen shares first and large, then one tile per participant. */
export function VideoGrid({ room }: { room: RoomSnapshot }) {
  const { t } = useTranslation();
  const selfId = room.self?.id;
  // A webinar's stage is its panel; the host finds the audience in the participant list.
  const onStage = room.participants.filter((p) => p.role !== 'attendee');
  const screens = room.participants.filter((p) => (p.id === selfId ? room.localScreen : p.screen));
  const cameraStream = (id: string) => (id === selfId ? room.localCamera : room.remoteVideo.get(`${id}:camera`));
  const screenStream = (id: string) => (id === selfId ? room.localScreen : room.remoteVideo.get(`${id}:screen`));

  return (
    <section className={screens.length > 0 ? 'stage stage-sharing' : 'stage'} aria-label={t('room.stage')}>
      {screens.length > 0 && (
        <div className="stage-screens">
          {screens.map((p) => (
            <Tile key={p.id} participant={p} kind="screen" stream={screenStream(p.id)} isSelf={p.id === selfId} />
          ))}
        </div>
      )}
      <div className="stage-grid" style={screens.length > 0 ? undefined : { gridTemplateColumns: `repeat(${columnsFor(onStage.length)}, minmax(0, 1fr))` }}>
        {onStage.map((p) => (
          <Tile key={p.id} participant={p} kind="camera" stream={p.camera || p.id === selfId ? cameraStream(p.id) : undefined} isSelf={p.id === selfId} />
        ))}
      </div>
    </section>
  );
}
