import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { TextField } from '../../ui/Field';

/** The event form's follow-up for a webinar's end screen: a short text and a link, both optional. */
export function FollowUpFields({
  value,
  onChange,
}: {
  value: { text: string; url: string };
  onChange: (value: { text: string; url: string }) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <fieldset className="boxed-fieldset follow-up-fields">
      <legend>{t('webinar.followUp.legend')}</legend>
      <p className="field-hint">{t('webinar.followUp.hint')}</p>
      <div className="field">
        <label htmlFor={`${id}-text`}>{t('webinar.followUp.text')}</label>
        <textarea
          className="form-textarea"
          id={`${id}-text`}
          rows={3}
          maxLength={2000}
          value={value.text}
          onChange={(e) => onChange({ ...value, text: e.target.value })}
        />
      </div>
      <TextField
        label={t('webinar.followUp.url')}
        hint={t('webinar.followUp.urlHint')}
        type="url"
        inputMode="url"
        maxLength={2000}
        placeholder="https://"
        value={value.url}
        onChange={(e) => onChange({ ...value, url: e.target.value })}
      />
    </fieldset>
  );
}
