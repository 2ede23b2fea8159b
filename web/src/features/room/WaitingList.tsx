import type { IntentType, PayloadArgs } from '@shared/protocol/index.js';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RoomFeatureProps } from './extensions';
import { useModeration } from './moderation';
import './moderation.css';

/** For hosts and co-hosts, above the stage while anyone waits: who, since when, and Admit / Reject. */
export function WaitingList({ client, room }: RoomFeatureProps) {
  const { t, i18n } = useTranslation();
  const { waiting, waitingCount, locked } = useModeration(client);
  const [error, setError] = useState<string>();
  if (room.self?.role !== 'host' && room.self?.role !== 'cohost') return null;

  async function act<K extends IntentType>(type: K, ...payload: PayloadArgs<K>): Promise<void> {
    setError(undefined);
    await client
      .request(type, ...payload)
      .catch((failure: unknown) => setError(failure instanceof Error ? failure.message : t('errors.unknown')));
  }

  const time = new Intl.DateTimeFormat(i18n.language, { hour: '2-digit', minute: '2-digit' });
  return (
    <>
      {locked && (
        <p className="room-banner" role="status">
          {t('moderation.locked')}
        </p>
      )}
      {waiting.length > 0 && (
        <section className="waiting-list" aria-labelledby="waiting-heading">
          <h2 id="waiting-heading">{t('moderation.waitingList', { count: waitingCount })}</h2>
          <ul>
            {waiting.map((person) => (
              <li key={person.participantId}>
                <span className="waiting-name">{person.displayName}</span>
                <span className="waiting-since">{t('moderation.waitingSince', { time: time.format(new Date(person.since)) })}</span>
                <button
                  type="button"
                  aria-label={t('moderation.admitName', { name: person.displayName })}
                  onClick={() => void act('lobby.admit', { participantId: person.participantId })}
                >
                  {t('moderation.admit')}
                </button>
                <button
                  type="button"
                  className="secondary"
                  aria-label={t('moderation.rejectName', { name: person.displayName })}
                  onClick={() => void act('lobby.reject', { participantId: person.participantId })}
                >
                  {t('moderation.reject')}
                </button>
              </li>
            ))}
          </ul>
          {waitingCount > waiting.length && (
            <p className="waiting-since">{t('moderation.moreWaiting', { count: waitingCount - waiting.length })}</p>
          )}
          {waitingCount > 1 && (
            <button type="button" onClick={() => void act('lobby.admitAll')}>
              {t('moderation.admitAll')}
            </button>
          )}
          {error && (
            <p className="room-error" role="alert">
              {error}
            </p>
          )}
        </section>
      )}
    </>
  );
}
