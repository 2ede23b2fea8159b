import { useTranslation } from 'react-i18next';
import type { PrivacyNotice } from './api';

/** The privacy notice in force for registrants, with its version (recorded with the registration). */
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
        <div key={section.purpose}>
          <h3>{section.purpose}</h3>
          <p>
            {t('registration.legalBasis')}: {section.legalBasis}
            <br />
            {t('registration.retention')}: {section.retention}
          </p>
        </div>
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
