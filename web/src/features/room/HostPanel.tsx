import type { IntentType, PayloadArgs } from '@shared/protocol/index.js';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RoomFeatureProps } from './extensions';
import { useModeration, type LobbyMode } from './moderation';
import './moderation.css';

const lobbyModes: readonly LobbyMode[] = ['off', 'guests', 'everyone'];
const lobbyLabel = { off: 'moderation.lobbyOff', guests: 'moderation.lobbyGuests', everyone: 'moderation.lobbyEveryone' } as const;

/** The host's side panel: lock, waiting room, mute all. */
export function HostPanel({ client }: RoomFeatureProps) {
  const { t } = useTranslation();
  const state = useModeration(client);
  const [allowUnmute, setAllowUnmute] = useState(true);
  const [error, setError] = useState<string>();
  const id = useId();

  async function act<K extends IntentType>(type: K, ...payload: PayloadArgs<K>): Promise<void> {
    setError(undefined);
    await client
      .request(type, ...payload)
      .catch((failure: unknown) => setError(failure instanceof Error ? failure.message : t('errors.unknown')));
  }

  return (
    <section className="host-panel" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('moderation.settings')}</h2>
      <label className="host-toggle">
        <input type="checkbox" checked={state.locked} onChange={(e) => void act('moderation.settings', { locked: e.target.checked })} />
        <span>
          {t('moderation.lock')}
          <small>{t('moderation.lockHint')}</small>
        </span>
      </label>
      <fieldset>
        <legend>{t('moderation.lobby')}</legend>
        {lobbyModes.map((mode) => (
          <label key={mode} className="host-toggle">
            <input
              type="radio"
              name={`${id}-lobby`}
              value={mode}
              checked={state.lobby === mode}
              onChange={() => void act('moderation.settings', { lobby: mode })}
            />
            <span>{t(lobbyLabel[mode])}</span>
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>{t('moderation.muteAll')}</legend>
        <label className="host-toggle">
          <input
            type="checkbox"
            checked={allowUnmute && !state.unmuteBlocked}
            onChange={(e) => {
              setAllowUnmute(e.target.checked);
              // While everyone is muted without permission, allowing it again applies at once.
              if (state.unmuteBlocked && e.target.checked) void act('moderation.settings', { allowUnmute: true });
            }}
          />
          <span>{t('moderation.allowUnmute')}</span>
        </label>
        <button type="button" onClick={() => void act('moderation.muteAll', { allowUnmute })}>
          {t('moderation.muteAll')}
        </button>
      </fieldset>
      {error && (
        <p className="room-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
