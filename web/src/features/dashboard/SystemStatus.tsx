import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../ui/Alert';
import { useLoad } from '../../ui/useLoad';
import { fetchHealth, type ComponentState } from './api';

function StatusRow({ label, state }: { label: string; state: ComponentState }) {
  const { t } = useTranslation();
  return (
    <>
      <dt>{label}</dt>
      <dd>
        <span className={`badge badge-${state}`}>{t(`health.${state}`)}</span>
      </dd>
    </>
  );
}

/** Whether the database and the media server answer, as `/healthz` reports it. */
export function SystemStatus() {
  const { t } = useTranslation();
  const health = useLoad(fetchHealth);
  return (
    <section className="card" aria-labelledby="system-status">
      <h2 id="system-status">{t('dashboard.systemStatus')}</h2>
      <ErrorAlert error={health.error} />
      {health.data && (
        <dl className="facts">
          <StatusRow label={t('health.store')} state={health.data.store.status} />
          <StatusRow label={t('health.media')} state={health.data.media.status} />
        </dl>
      )}
    </section>
  );
}
