import { useTranslation } from 'react-i18next';
import { HandIcon, MicOffIcon } from './icons';
import type { ParticipantView } from './types';
import { Video } from './Video';

export function initials(name: string): string {
  const words = name.trim().split(/\s+/);
  const ends = words.length > 1 ? [words[0], words[words.length - 1]] : words;
  return ends.map((word) => Array.from(word ?? '')[0]?.toUpperCase() ?? '').join('');
}

interface TileProps {
  participant: ParticipantView;
  kind: 'camera' | 'screen';
  stream: MediaStream | undefined;
  isSelf: boolean;
  /** The active speaker (the last one who spoke): highlighted. */
  speaking?: boolean;
  /** A raised hand: marked on the tile. */
  handRaised?: boolean;
  /** small: the self-view and the off-page speaker in the stage's corner. */
  size?: 'small';
}

/** One person's camera (or their avatar), or one screen share, with the name underneath. */
export function Tile({ participant, kind, stream, isSelf, speaking, handRaised, size }: TileProps) {
  const { t } = useTranslation();
  const name = isSelf ? t('room.you', { name: participant.displayName }) : participant.displayName;
  const label = kind === 'screen' ? t('room.screenOf', { name }) : name;
  const dataAttributes = isSelf
    ? { 'data-self': kind === 'camera' ? 'true' : 'screen' }
    : { 'data-participant-id': participant.id, 'data-kind': kind };
  const classes = [
    'tile',
    `tile-${kind}`,
    speaking || (kind === 'camera' && participant.talking) ? 'tile-talking' : '',
    isSelf && kind === 'camera' ? 'tile-self' : '',
    size ? `tile-${size}` : '',
  ];

  return (
    <figure className={classes.filter(Boolean).join(' ')}>
      {stream ? (
        <Video stream={stream} {...dataAttributes} />
      ) : (
        <div className="avatar" aria-hidden="true">
          {initials(participant.displayName)}
        </div>
      )}
      {handRaised && (
        <span className="tile-hand" title={t('moderation.handRaised')}>
          <HandIcon />
          <span className="visually-hidden">{t('moderation.handRaised')}</span>
        </span>
      )}
      <figcaption className="tile-label">
        {kind === 'camera' && participant.muted && (
          <span className="tile-muted">
            <MicOffIcon />
            <span className="visually-hidden">{t('room.muted')}</span>
          </span>
        )}
        <span className="tile-name">{label}</span>
      </figcaption>
    </figure>
  );
}
