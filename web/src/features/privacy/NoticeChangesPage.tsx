import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from '../../app/router';
import { currentLanguage } from '../../i18n';
import { ErrorAlert } from '../../ui/Alert';
import { formatDateTimeLong } from '../../ui/format';
import { PageTitle } from '../../ui/PageTitle';
import { useLoad } from '../../ui/useLoad';
import { fetchNoticeHistory, type NoticePartChange } from './api';

/** One part of the notice that changed: its heading, and each paragraph added, removed or reworded. */
function PartChanges({ part }: { part: NoticePartChange }) {
  const { t } = useTranslation();
  return (
    <section className="notice-change">
      <h3>
        {part.title} <span className="badge">{t(`privacy.changes.part.${part.kind}`)}</span>
      </h3>
      {part.paragraphs.map((p, n) =>
        p.kind === 'changed' ? (
          <div key={n} className="notice-change-pair">
            <p>
              <span className="notice-change-label">{t('privacy.changes.before')}</span> <del>{p.before}</del>
            </p>
            <p>
              <span className="notice-change-label">{t('privacy.changes.after')}</span> <ins>{p.after}</ins>
            </p>
          </div>
        ) : (
          <p key={n}>
            <span className="notice-change-label">{t(`privacy.changes.${p.kind}`)}</span>{' '}
            {p.kind === 'added' ? <ins>{p.text}</ins> : <del>{p.text}</del>}
          </p>
        ),
      )}
    </section>
  );
}

/** `/privacy/notice/changes`: every version of the notice, newest first, with what changed against the one before it. */
export function NoticeChangesPage() {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? currentLanguage();
  const history = useLoad(useCallback(() => fetchNoticeHistory(language), [language]));
  if (history.error) return <ErrorAlert error={history.error} />;
  if (!history.data) return <p role="status">{t('status.loading')}</p>;
  return (
    <article className="privacy-notice notice-changes">
      <PageTitle>{t('privacy.changes.title')}</PageTitle>
      <p>
        <Link to="/privacy/notice">{t('privacy.changes.back')}</Link>
      </p>
      {history.data.versions.map((version) => (
        <section key={version.date} aria-label={t('privacy.notice.versionOf', { date: formatDateTimeLong(version.date) })}>
          <h2>
            {t('privacy.notice.versionOf', { date: formatDateTimeLong(version.date) })}
            {version.inForce && <span className="badge badge-ok">{t('privacy.changes.inForce')}</span>}
          </h2>
          {version.previousDate === null ? (
            <p>{t('privacy.changes.first')}</p>
          ) : version.changes === null ? (
            <p>{t('privacy.changes.notKept', { date: formatDateTimeLong(version.previousDate) })}</p>
          ) : version.changes.length === 0 ? (
            <p>{t('privacy.changes.same', { date: formatDateTimeLong(version.previousDate) })}</p>
          ) : (
            <>
              <p>{t('privacy.changes.against', { date: formatDateTimeLong(version.previousDate) })}</p>
              {version.changes.map((part) => (
                <PartChanges key={part.title} part={part} />
              ))}
            </>
          )}
        </section>
      ))}
    </article>
  );
}
