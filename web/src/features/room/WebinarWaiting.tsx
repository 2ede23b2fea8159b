import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { dateLocale } from '../../ui/format';
import type { WebinarDetails } from './types';

const minute = 60_000;

/** The viewer's own time zone, as the browser knows it. */
const viewerZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

function formatStart(iso: string, timeZone: string | undefined, withZoneName: boolean): string {
  // dateStyle/timeStyle cannot be combined with a zone name: the zone's line names its parts instead.
  const options: Intl.DateTimeFormatOptions = withZoneName
    ? { weekday: 'long', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit', timeZoneName: 'longGeneric' }
    : { dateStyle: 'full', timeStyle: 'short' };
  return new Intl.DateTimeFormat(dateLocale(), { ...options, ...(timeZone ? { timeZone } : {}) }).format(new Date(iso));
}

/** The time now, moving on every 15 seconds while the screen is shown (for the countdown). */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 15_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

/**
 * A webinar attendee before the host starts: what, who and when, and a countdown. Nothing plays
 * and nothing says "live" yet; the room client starts the broadcast by itself when the host
 * starts (a push over the room's connection).
 */
export function WebinarWaiting({ title, details }: { title: string; details?: WebinarDetails }) {
  const { t } = useTranslation();
  const now = useNow();
  const startsAt = details?.startsAt ? Date.parse(details.startsAt) : undefined;
  const zone = details?.timeZone;
  const differentZone = zone !== undefined && zone !== viewerZone();

  let countdown: string;
  if (startsAt === undefined) countdown = t('webinar.waiting.notStarted');
  else {
    const minutes = Math.ceil((startsAt - now) / minute);
    if (minutes <= 0) countdown = t('webinar.waiting.anyMoment');
    else if (minutes < 120) countdown = t('webinar.waiting.inMinutes', { count: minutes });
    else if (minutes < 48 * 60) countdown = t('webinar.waiting.inHours', { count: Math.round(minutes / 60) });
    else countdown = t('webinar.waiting.inDays', { count: Math.round(minutes / (24 * 60)) });
  }

  return (
    <section className="stage webinar-waiting" aria-labelledby="webinar-waiting-title">
      <div className="room-card webinar-waiting-card">
        <h2 id="webinar-waiting-title">{title}</h2>
        {details?.organiser && <p className="webinar-organiser">{t('webinar.waiting.hostedBy', { organiser: details.organiser })}</p>}
        {details?.startsAt && (
          <p className="webinar-start">
            {t('webinar.waiting.startsAt', {
              time: differentZone
                ? t('webinar.waiting.yourTime', { time: formatStart(details.startsAt, undefined, false) })
                : formatStart(details.startsAt, zone, false),
            })}
            {differentZone && (
              <span className="webinar-start-zone">
                {t('webinar.waiting.eventTime', { time: formatStart(details.startsAt, zone, true) })}
              </span>
            )}
          </p>
        )}
        <p className="webinar-countdown">{countdown}</p>
        <p className="privacy-note">{t('webinar.waiting.switches')}</p>
        <p className="privacy-note">{t('webinar.waiting.sendNothing')}</p>
      </div>
    </section>
  );
}
