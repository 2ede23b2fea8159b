import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import './speakers.css';

/** The event's description: Markdown, several lines, with a hint on what formats it. */
export function DescriptionField({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <div className="field description-field">
      <label htmlFor={id}>{t('events.description')}</label>
      <textarea
        id={id}
        rows={6}
        maxLength={10000}
        aria-describedby={`${id}-hint`}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
      <p className="field-hint" id={`${id}-hint`}>
        {t('landing.descriptionHint')}
      </p>
    </div>
  );
}
