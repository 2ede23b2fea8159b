import { useTranslation } from 'react-i18next';
import { EndScreen } from './EndScreen';
import type { WebinarDetails } from './types';

/** The follow-up link's host name, as the button names it ("Go to example.org"); nothing for a link that is not http(s). */
function linkHost(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.host : undefined;
  } catch {
    return undefined;
  }
}

/** After a webinar: thanks, and what the organiser offers next (an optional text and link). */
export function WebinarEnd({ title, details }: { title: string; details?: WebinarDetails }) {
  const { t } = useTranslation();
  const followUp = details?.followUp;
  const url = followUp?.url ?? undefined;
  const host = url ? linkHost(url) : undefined;
  return (
    <EndScreen title={t('webinar.end.title')}>
      <p>{t('webinar.end.text', { title })}</p>
      {(followUp?.text || host) && (
        <section className="webinar-follow-up" aria-labelledby="webinar-follow-up-title">
          <h2 id="webinar-follow-up-title">{t('webinar.end.followUp', { organiser: details?.organiser })}</h2>
          {followUp?.text && <p>{followUp.text}</p>}
          {url && host && (
            <a className="webinar-follow-up-link" href={url} rel="noopener noreferrer">
              {t('webinar.end.followUpLink', { host })}
            </a>
          )}
        </section>
      )}
    </EndScreen>
  );
}
