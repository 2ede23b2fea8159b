import { useTranslation } from 'react-i18next';
import type { PrivacyNotice } from './api';

/** The parts of the privacy notice in force that concern registrants, with its version (recorded with the registration). */
export function NoticeDetails({ notice }: { notice: PrivacyNotice }) {
  const { t } = useTranslation();
  return (
    <details className="notice" id="privacy-notice">
      <summary>{t('registration.noticeSummary', { version: notice.version })}</summary>
      <p>
        {t('registration.controller')}: {notice.controller.name}
        {notice.controller.address ? `, ${notice.controller.address}` : ''}
        {notice.controller.privacyEmail ? ` (${notice.controller.privacyEmail})` : ''}
      </p>
      {notice.sections.map((section) => (
        <section key={section.situation}>
          <h3>{section.title}</h3>
          {[section.intro, ...section.paragraphs].map((paragraph) => (
            <p key={paragraph}>{paragraph}</p>
          ))}
        </section>
      ))}
      <p className="muted">{t('registration.noticeVersion', { version: notice.version })}</p>
      <p>
        <a href="/privacy/notice" target="_blank" rel="noreferrer" data-notice-version={notice.version}>
          {t('privacy.notice.title')}
        </a>
      </p>
    </details>
  );
}
