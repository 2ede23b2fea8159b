import { useTranslation } from 'react-i18next';
import { formatDate } from '../../ui/format';
import type { PrivacyNotice } from './api';

/** The parts of the privacy notice in force that concern registrants, dated by when its version came into force (recorded with the registration). */
export function NoticeDetails({ notice }: { notice: PrivacyNotice }) {
  const { t } = useTranslation();
  return (
    <details className="notice" id="privacy-notice">
      <summary>
        {notice.since ? t('registration.noticeSummary', { date: formatDate(notice.since) }) : t('registration.noticeSummaryUndated')}
      </summary>
      <p>
        {t('registration.controller')}: {notice.controller.name}
        {notice.controller.address ? `, ${notice.controller.address}` : ''}
        {notice.controller.privacyEmail ? ` (${notice.controller.privacyEmail})` : ''}
      </p>
      {notice.sections.map((section) => (
        <section key={section.situation}>
          <h3>{section.title}</h3>
          {[...section.intro.split('\n'), ...section.paragraphs].map((paragraph) => (
            <p key={paragraph}>{paragraph}</p>
          ))}
        </section>
      ))}
      <p>
        <a href="/privacy/notice" target="_blank" rel="noreferrer" data-notice-version={notice.version}>
          {notice.since ? t('registration.noticeFullOf', { date: formatDate(notice.since) }) : t('privacy.notice.title')}
        </a>{' '}
        <span className="muted">{t('registration.noticeRecorded')}</span>
      </p>
    </details>
  );
}
