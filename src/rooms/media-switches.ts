import { RateLimit } from '../shared/text.js';
import type { PublishKind } from '../shared/protocol/room.js';

/**
 * Switching the microphone on, at most this often per person: push-to-talk at a brisk pace is one
 * press a second, a fast talker's half-second bursts twice that; a loop of toggles is far more.
 * Each switch reaches Janus and changes the list everyone in the room is sent.
 */
export const microphoneSwitches = { max: 20, windowMs: 10_000 };
/**
 * Publishing camera or screen (switching on, a new device, coming back after a dropped media
 * connection), at most this often per person: each is a new Janus publisher and a change everyone
 * sees. Twenty a minute leaves room for a person fiddling with their camera and two reconnects.
 */
export const publications = { max: 20, windowMs: 60_000 };

type Source = 'microphone' | PublishKind;

/** The media intents this limit looks at, as validated by the room's contract. */
type MediaIntent =
  | { type: 'audio.join'; muted: boolean }
  | { type: 'audio.mute'; muted: boolean }
  | { type: 'publish'; kind: PublishKind }
  | { type: 'unpublish'; kind: PublishKind };

const isMediaIntent = (message: { type: string }): message is MediaIntent =>
  message.type === 'audio.join' || message.type === 'audio.mute' || message.type === 'publish' || message.type === 'unpublish';

/**
 * Per person in one live room: how often they switch their microphone on and publish camera or
 * screen. Switching on counts and is refused past the limit (ERR_MEDIA_SWITCHED_TOO_OFTEN) before
 * the room does anything, so a refused one reaches neither Janus nor anyone's list. Switching off
 * what one's own last intent switched on is never counted nor refused: camera and microphone can
 * be switched off at any time, and everyone sees it. Only a switch-off of what is off already (it
 * changes nothing but still costs Janus and the room a round) counts against the limit.
 */
export class MediaSwitchLimits {
  private readonly microphone = new RateLimit(microphoneSwitches.max, microphoneSwitches.windowMs, 'ERR_MEDIA_SWITCHED_TOO_OFTEN');
  private readonly publications = new RateLimit(publications.max, publications.windowMs, 'ERR_MEDIA_SWITCHED_TOO_OFTEN');
  /** What each person's own accepted intents last switched on. */
  private readonly on = new Map<string, Set<Source>>();

  /** Throws when `participantId` may not send `message` now; records what it switches on or off. */
  check(participantId: string, message: { type: string }, now = Date.now()): void {
    if (!isMediaIntent(message)) return;
    const on = this.on.get(participantId) ?? new Set<Source>();
    this.on.set(participantId, on);
    const source: Source = message.type === 'audio.join' || message.type === 'audio.mute' ? 'microphone' : message.kind;
    const limit = source === 'microphone' ? this.microphone : this.publications;
    // Joining the audio mix sets the microphone's first state; it is not a switch.
    if (message.type === 'audio.join') {
      if (message.muted) on.delete(source);
      else on.add(source);
      return;
    }
    const switchingOn = message.type === 'publish' || (message.type === 'audio.mute' && !message.muted);
    if (switchingOn) {
      limit.take(participantId, now);
      on.add(source);
    } else if (!on.delete(source)) {
      limit.take(participantId, now);
    }
  }

  /** They left the room: their media is gone with them. The counts stay, so leaving and coming back does not reset them. */
  left(participantId: string): void {
    this.on.delete(participantId);
  }
}
