import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { TextField } from '../../ui/Field';
import type { HostedEvent } from './api';
import './speakers.css';

/** A speaker as the form edits it: the photo chosen (uploaded after saving) or to be removed. */
export interface SpeakerDraft {
  key: string;
  id?: string;
  name: string;
  role: string;
  photoUrl: string | null;
  photo?: File;
  removePhoto?: boolean;
}

export const maxPhotoBytes = 5 * 1024 * 1024;

let drafts = 0;
const newKey = () => `speaker-${++drafts}`;

export const speakerDrafts = (event?: HostedEvent): SpeakerDraft[] =>
  (event?.speakers ?? []).map((s) => ({ key: s.id, id: s.id, name: s.name, role: s.role ?? '', photoUrl: s.photoUrl }));

/** The event form's speakers: name, role and photo for the registration page, in order. */
export function SpeakerFields({ value, onChange }: { value: SpeakerDraft[]; onChange: (value: SpeakerDraft[]) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const change = (index: number, patch: Partial<SpeakerDraft>) => onChange(value.map((s, i) => (i === index ? { ...s, ...patch } : s)));
  return (
    <fieldset className="boxed-fieldset speaker-fields">
      <legend>{t('landing.form.legend')}</legend>
      <p className="field-hint">{t('landing.form.hint')}</p>
      {value.length === 0 && <p className="muted">{t('landing.form.none')}</p>}
      {value.map((speaker, index) => {
        const tooLarge = speaker.photo !== undefined && speaker.photo.size > maxPhotoBytes;
        return (
          <div key={speaker.key} className="speaker-draft">
            <TextField
              label={t('landing.form.name')}
              required
              maxLength={100}
              value={speaker.name}
              onChange={(e) => change(index, { name: e.target.value })}
            />
            <TextField
              label={t('landing.form.role')}
              hint={t('landing.form.roleHint')}
              maxLength={200}
              value={speaker.role}
              onChange={(e) => change(index, { role: e.target.value })}
            />
            <div className="field">
              <label htmlFor={`${id}-photo-${speaker.key}`}>{t('landing.form.photo')}</label>
              {speaker.photoUrl && !speaker.removePhoto && !speaker.photo && (
                <img
                  src={speaker.photoUrl}
                  alt={t('landing.form.photoCurrent', { name: speaker.name })}
                  width={64}
                  height={64}
                  className="speaker-draft-photo"
                />
              )}
              <input
                id={`${id}-photo-${speaker.key}`}
                type="file"
                accept="image/png,image/jpeg,image/webp"
                aria-describedby={`${id}-photo-hint-${speaker.key}`}
                onChange={(e) => change(index, { photo: e.target.files?.[0], removePhoto: false })}
              />
              <p className="field-hint" id={`${id}-photo-hint-${speaker.key}`}>
                {t('landing.form.photoHint')}
              </p>
              {tooLarge && (
                <div className="alert alert-error" role="alert">
                  <p>{t('landing.form.photoTooLarge')}</p>
                </div>
              )}
              {speaker.removePhoto && <p className="muted">{t('landing.form.photoRemoved')}</p>}
            </div>
            <div className="speaker-draft-actions">
              {speaker.photoUrl && !speaker.removePhoto && (
                <button type="button" className="secondary" onClick={() => change(index, { removePhoto: true, photo: undefined })}>
                  {t('landing.form.removePhoto')}
                </button>
              )}
              <button type="button" className="secondary" onClick={() => onChange(value.filter((_, i) => i !== index))}>
                {speaker.name ? t('landing.form.remove', { name: speaker.name }) : t('landing.form.removeUnnamed')}
              </button>
            </div>
          </div>
        );
      })}
      <button
        type="button"
        className="secondary"
        disabled={value.length >= 12}
        onClick={() => onChange([...value, { key: newKey(), name: '', role: '', photoUrl: null }])}
      >
        {t('landing.form.add')}
      </button>
    </fieldset>
  );
}
