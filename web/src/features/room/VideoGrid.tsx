import { useEffect, useMemo, useState, useSyncExternalStore, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { useModeration } from './moderation';
import { arrange, pageSizes, rememberedLayout, rememberLayout, shownVideos, type LayoutMode, type StageItem } from './layout';
import type { RoomClient } from './roomClient';
import { Tile } from './Tile';
import type { RoomSnapshot } from './types';

const narrowQuery = '(max-width: 40rem)';
const watchNarrow = (change: () => void) => {
  const query = matchMedia(narrowQuery);
  query.addEventListener('change', change);
  return () => query.removeEventListener('change', change);
};

/** Columns of a gallery page: tiles as large as the page allows. */
function columnsFor(count: number, narrow: boolean): number {
  if (count <= 1) return 1;
  if (narrow || count <= 4) return 2;
  return 3;
}

/**
 * The videos: a gallery in pages, or the active speaker large with a filmstrip; a screen share
 * large with the cameras beside it. The user's own camera is small in a corner. Only what is
 * shown is received (the room client follows `shownVideos`).
 */
export function VideoGrid({ client, room }: { client: RoomClient; room: RoomSnapshot }) {
  const { t } = useTranslation();
  const narrow = useSyncExternalStore(watchNarrow, () => matchMedia(narrowQuery).matches);
  const { hands } = useModeration(client);
  const [mode, setMode] = useState<LayoutMode>(rememberedLayout);
  const [page, setPage] = useState(0);
  const selfId = room.self?.id;
  // A webinar's stage is its panel; the host finds the audience in the participant list.
  const onStage = useMemo(() => room.participants.filter((p) => p.role !== 'attendee'), [room.participants]);
  const arrangement = arrange({
    participants: onStage,
    selfId,
    selfSharing: room.localScreen !== undefined,
    mode,
    speakerId: room.speakerId,
    page,
    sizes: pageSizes(narrow),
  });
  const shown = shownVideos(arrangement, selfId).join(' ');

  useEffect(() => client.showVideos(shown ? shown.split(' ') : []), [client, shown]);
  // A page that emptied (people left) is replaced by the last one that exists.
  if (arrangement.page !== page) setPage(arrangement.page);

  const choose = (next: LayoutMode) => {
    rememberLayout(next);
    setMode(next);
    setPage(0);
  };
  const streamOf = ({ participant, kind }: StageItem) => {
    if (participant.id === selfId) return kind === 'camera' ? room.localCamera : room.localScreen;
    return participant[kind] ? room.remoteVideo.get(`${participant.id}:${kind}`) : undefined;
  };
  const tile = (item: StageItem, size?: 'small') => (
    <Tile
      key={`${item.participant.id}:${item.kind}`}
      participant={item.participant}
      kind={item.kind}
      stream={streamOf(item)}
      isSelf={item.participant.id === selfId}
      speaking={item.kind === 'camera' && item.participant.id === room.speakerId}
      handRaised={item.kind === 'camera' && hands.some((hand) => hand.participantId === item.participant.id)}
      size={size}
    />
  );

  const { view, main } = arrangement;
  const columns = view === 'gallery' ? columnsFor(main.length, narrow) : main.length;
  const grid = { '--columns': columns, '--rows': Math.ceil(main.length / columns) } as CSSProperties;
  return (
    <section className={`stage stage-${view}`} aria-label={t('room.stage')}>
      {/* In the toolbar's row, above the picture: never over a corner of it. */}
      {view === 'alone' && <p className="stage-empty">{room.webinar ? t('layout.alonePanel') : t('layout.alone')}</p>}
      {view !== 'alone' && (
        <div className="stage-toolbar">
          {view === 'screen' ? (
            <p className="stage-note">{t('layout.sharing')}</p>
          ) : (
            <div className="layout-switch" role="group" aria-label={t('layout.label')}>
              {(['gallery', 'speaker'] as const).map((option) => (
                <button key={option} type="button" aria-pressed={mode === option} onClick={() => choose(option)}>
                  {t(`layout.${option}`)}
                </button>
              ))}
            </div>
          )}
          {arrangement.pageCount > 1 && (
            <div className="pager" role="group" aria-label={t('layout.pages')}>
              <button
                type="button"
                disabled={arrangement.page === 0}
                onClick={() => setPage(arrangement.page - 1)}
                aria-label={t('layout.previous')}
              >
                ‹
              </button>
              <span aria-live="polite">{t('layout.pageOf', { page: arrangement.page + 1, count: arrangement.pageCount })}</span>
              <button
                type="button"
                disabled={arrangement.page === arrangement.pageCount - 1}
                onClick={() => setPage(arrangement.page + 1)}
                aria-label={t('layout.next')}
              >
                ›
              </button>
            </div>
          )}
        </div>
      )}
      <div className="stage-area">
        <div className="stage-focus">
          <div className="stage-main" style={grid}>
            {main.map((item) => tile(item))}
          </div>
          <div className="stage-corner">
            {arrangement.speakerInset && tile(arrangement.speakerInset, 'small')}
            {arrangement.self && tile(arrangement.self, 'small')}
          </div>
        </div>
        {arrangement.strip.length > 0 && <div className="stage-strip">{arrangement.strip.map((item) => tile(item))}</div>}
      </div>
    </section>
  );
}
