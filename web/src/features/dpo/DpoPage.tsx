import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from '../../app/router';
import { currentLanguage } from '../../i18n';
import { ErrorAlert } from '../../ui/Alert';
import { PageTitle } from '../../ui/PageTitle';
import { useAction } from '../../ui/useAction';
import { runRetention, type RetentionReport } from './api';
import { AuditSection } from './AuditSection';
import { HoldsSection } from './HoldsSection';
import { RequestsSection } from './RequestsSection';

/** The data protection officer's desk: requests by email, legal holds, retention, the Art. 30 record and the audit log. */
export function DpoPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageTitle>{t('dpo.title')}</PageTitle>
      <RequestsSection />
      <HoldsSection />
      <RetentionSection />
      <section aria-labelledby="dpo-record">
        <h2 id="dpo-record">{t('dpo.recordTitle')}</h2>
        <p>
          <Link to="/record">{t('dpo.recordPage')}</Link>
          {' · '}
          <a href="/api/privacy/record" download="art30-record.json">
            {t('dpo.recordJson')}
          </a>
        </p>
      </section>
      <AuditSection />
    </>
  );
}

function RetentionSection() {
  const { t } = useTranslation();
  const [report, setReport] = useState<RetentionReport>();
  const run = useAction(async (dryRun: boolean) => {
    if (!dryRun && !window.confirm(t('dpo.runConfirm'))) return;
    setReport(await runRetention(dryRun));
  });
  return (
    <section aria-labelledby="dpo-retention">
      <h2 id="dpo-retention">{t('dpo.retentionTitle')}</h2>
      <div className="toolbar">
        <button type="button" className="secondary" onClick={() => void run.run(true)} disabled={run.pending}>
          {t('dpo.dryRun')}
        </button>
        <button type="button" className="danger" onClick={() => void run.run(false)} disabled={run.pending}>
          {t('dpo.runNow')}
        </button>
      </div>
      <ErrorAlert error={run.error} />
      {report && (
        <ul>
          {report.results.map((r) => (
            <li key={r.categories.join(',')}>
              <strong>{r.count}</strong> {r.what.map((w) => w[currentLanguage()]).join('; ')}
              {r.error && <span className="badge badge-failed"> {r.error}</span>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
