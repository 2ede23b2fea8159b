import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../i18n';
import { ErrorAlert } from '../../ui/Alert';
import { formatDateTimeLong } from '../../ui/format';
import { PageTitle } from '../../ui/PageTitle';
import { useLoad } from '../../ui/useLoad';
import { fetchRecord } from './api';
import './record.css';

/**
 * `/record`: the record of processing activities (Art. 30 GDPR) as auditors read it: the
 * controller, one activity per situation in words, the processors, and the technical and
 * organisational measures the configuration enforces. Printable: the print style drops the frame.
 */
export function RecordPage() {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? currentLanguage();
  const record = useLoad(useCallback(() => fetchRecord(language), [language]));
  if (record.error) return <ErrorAlert error={record.error} />;
  if (!record.data) return <p role="status">{t('status.loading')}</p>;
  const { controller, activities, processors, measures, generatedAt } = record.data;
  return (
    <article className="processing-record">
      <PageTitle>{t('dpo.art30.title')}</PageTitle>
      <p className="muted">{t('dpo.art30.generated', { date: formatDateTimeLong(generatedAt) })}</p>
      <p className="no-print">
        <button type="button" className="secondary" onClick={() => window.print()}>
          {t('dpo.art30.print')}
        </button>
      </p>

      <h2>{t('dpo.art30.controller')}</h2>
      <p>
        {controller.configured ? controller.name : t('dpo.art30.unconfigured')}
        {controller.address && (
          <>
            <br />
            {controller.address}
          </>
        )}
        {controller.privacyEmail && (
          <>
            <br />
            {controller.privacyEmail}
          </>
        )}
      </p>
      <p>
        {t('dpo.art30.dpo')}:{' '}
        {controller.dpo ? [controller.dpo.name, controller.dpo.email].filter(Boolean).join(', ') : t('dpo.art30.notDeclared')}
        <br />
        {t('dpo.art30.authority')}:{' '}
        {controller.authority
          ? [controller.authority.name, controller.authority.address].filter(Boolean).join(', ')
          : t('dpo.art30.notDeclared')}
      </p>

      {activities.map((activity, n) => (
        <section key={activity.title} className="record-activity" aria-labelledby={`activity-${n}`}>
          <h2 id={`activity-${n}`}>
            {n + 1}. {activity.title}
          </h2>
          <dl className="facts">
            <dt>{t('dpo.art30.subjects')}</dt>
            <dd>{activity.dataSubjects.join('; ')}</dd>
            <dt>{t('dpo.art30.processors')}</dt>
            <dd>{activity.processors.length ? activity.processors.join('; ') : t('dpo.art30.noProcessors')}</dd>
            <dt>{t('dpo.art30.transfers')}</dt>
            <dd>{activity.transfers}</dd>
          </dl>
          {activity.categories.map((c) => (
            <div key={c.data} className="record-category">
              <h3>{c.data.charAt(0).toUpperCase() + c.data.slice(1)}</h3>
              <dl className="facts">
                <dt>{t('dpo.art30.purpose')}</dt>
                <dd>{c.purpose}</dd>
                <dt>{t('dpo.art30.basis')}</dt>
                <dd>{c.legalBasis}</dd>
                <dt>{t('dpo.art30.recipients')}</dt>
                <dd>{c.recipients}</dd>
                <dt>{t('dpo.art30.retention')}</dt>
                <dd>{c.retention}</dd>
              </dl>
            </div>
          ))}
        </section>
      ))}

      <h2>{t('dpo.art30.allProcessors')}</h2>
      {processors.length ? (
        <ul>
          {processors.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      ) : (
        <p>{t('dpo.art30.noProcessorsAtAll')}</p>
      )}

      <h2>{t('dpo.art30.measures')}</h2>
      {measures.map((m) => (
        <section key={m.title} className="record-measure">
          <h3>{m.title}</h3>
          <p>{m.text}</p>
        </section>
      ))}
    </article>
  );
}
