import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';

/** The reminder times a host picks from, in minutes before the start. */
const presets = [10080, 1440, 60, 15];

/**
 * Which reminder mails registrants with a seat get. An event's own times outside the presets
 * (set through the API) are offered too, so editing keeps them.
 */
export function ReminderFields({ value, onChange }: { value: readonly number[]; onChange: (minutes: number[]) => void }) {
  const { t } = useTranslation();
  const choices = [...new Set([...presets, ...value])].sort((a, b) => b - a);
  const toggle = (minutes: number, on: boolean) =>
    onChange(on ? [...value, minutes].sort((a, b) => a - b) : value.filter((chosen) => chosen !== minutes));
  return (
    <fieldset className="field check-list">
      <legend>{t('events.reminders.title')}</legend>
      {choices.map((minutes) => (
        <label key={minutes}>
          <input type="checkbox" checked={value.includes(minutes)} onChange={(e) => toggle(minutes, e.target.checked)} />{' '}
          {reminderLabel(t, minutes)}
        </label>
      ))}
      <p className="field-hint">{t('events.reminders.hint')}</p>
    </fieldset>
  );
}

function reminderLabel(t: TFunction, minutes: number): string {
  if (minutes % 1440 === 0) return t('events.reminders.days', { count: minutes / 1440 });
  if (minutes % 60 === 0) return t('events.reminders.hours', { count: minutes / 60 });
  return t('events.reminders.minutes', { count: minutes });
}
