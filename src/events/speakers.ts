import { randomUUID } from 'node:crypto';
import type { SpeakerEntry, SpeakerRow } from './speakers-repo.js';

/** A speaker as the host's event form sends it; `id` when editing one that exists (its photo stays). */
export interface SpeakerInput {
  id?: string;
  name: string;
  role?: string | null;
}

export function speakerRows(
  eventId: string,
  speakers: readonly SpeakerInput[],
  existing: readonly SpeakerEntry[],
  now: string,
): Omit<SpeakerRow, 'photo_type' | 'photo_base64'>[] {
  const known = new Set(existing.map((s) => s.id));
  return speakers.map((s, position) => ({
    id: s.id && known.has(s.id) ? s.id : randomUUID(),
    event_id: eventId,
    position,
    name: s.name,
    role: s.role || null,
    updated_at: existing.find((e) => e.id === s.id)?.updated_at ?? now,
  }));
}

/** Where the photo is served; the version changes with each upload, so a cached one is never shown for a new one. */
export const speakerPhotoUrl = (slug: string, speaker: SpeakerEntry) =>
  speaker.photo_type ? `/api/public/events/${slug}/speakers/${speaker.id}/photo?v=${encodeURIComponent(speaker.updated_at)}` : null;

export function presentSpeaker(slug: string, speaker: SpeakerEntry) {
  return { id: speaker.id, name: speaker.name, role: speaker.role, photoUrl: speakerPhotoUrl(slug, speaker) };
}
