import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../i18n';
import { formatDate, formatDateTimeLong } from '../../ui/format';
import type { ShownValue as Value, Text } from './api';

/** A stored item's title in the reader's language, with the event's date in their locale and time zone. */
export function ItemTitle({ title, date }: { title: Text; date: string | null }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  return <>{date ? t('privacy.titleOn', { title: title[language], date: formatDate(date) }) : title[language]}</>;
}

/** A field's value as a person reads it: moments in their locale and zone, words for codes, yes or no. */
export function ShownValue({ value }: { value: Value }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  switch (value.kind) {
    case 'text':
      return <LongText text={value.text} />;
    case 'time':
      return <>{formatDateTimeLong(value.at)}</>;
    case 'date':
      return <>{formatDate(value.on)}</>;
    case 'words':
      return <>{value.words[language]}</>;
    case 'yes-no':
      return <>{value.yes ? t('privacy.yes') : t('privacy.no')}</>;
    case 'none':
      return <span className="muted">{t('privacy.notGiven')}</span>;
  }
}

const longText = 160;

/** A text as typed; a long one (a mail's body) folded to its first words, the rest a click away, so a card stays short on a phone. */
function LongText({ text }: { text: string }) {
  if (text.length <= longText && !text.includes('\n')) return <>{text}</>;
  const start = text
    .slice(0, 70)
    .replace(/\s+\S*$/, '')
    .replace(/\s+/g, ' ');
  return (
    <details className="long-text">
      <summary>{start} …</summary>
      <p>{text}</p>
    </details>
  );
}
