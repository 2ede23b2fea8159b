import i18n from '../../i18n';
import { readAsBase64 } from '../../ui/readAsBase64';
import { removeSpeakerPhoto, uploadSpeakerPhoto, type HostedEvent } from './api';
import type { SpeakerDraft } from './SpeakerFields';

/**
 * After the event is saved its speakers have ids (in the order the form sent them): each chosen
 * photo is uploaded, each removed one deleted. A failure says the event itself was saved.
 */
export async function saveSpeakerPhotos(saved: HostedEvent, drafts: readonly SpeakerDraft[]): Promise<void> {
  for (const [index, draft] of drafts.entries()) {
    const speaker = saved.speakers[index];
    if (!speaker) continue;
    try {
      if (draft.photo) await uploadSpeakerPhoto(saved.id, speaker.id, draft.photo.type, await readAsBase64(draft.photo));
      else if (draft.removePhoto) await removeSpeakerPhoto(saved.id, speaker.id);
    } catch (err) {
      throw new Error(i18n.t('landing.form.photosFailed', { message: err instanceof Error ? err.message : String(err) }), { cause: err });
    }
  }
}
