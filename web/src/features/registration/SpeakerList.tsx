import { initials } from '@shared/initials.js';
import type { PublicEvent } from './api';

/** The speakers with their photo (or their initials), name and role. */
export function SpeakerList({ speakers }: { speakers: PublicEvent['speakers'] }) {
  return (
    <ul className="speakers">
      {speakers.map((speaker) => (
        <li key={speaker.id} className="speaker">
          {speaker.photoUrl ? (
            <img src={speaker.photoUrl} alt="" width={64} height={64} className="speaker-photo" />
          ) : (
            <span className="speaker-photo speaker-initials" aria-hidden="true">
              {initials(speaker.name)}
            </span>
          )}
          <span className="speaker-name">{speaker.name}</span>
          {speaker.role && <span className="speaker-role">{speaker.role}</span>}
        </li>
      ))}
    </ul>
  );
}
