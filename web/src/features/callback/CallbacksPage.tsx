import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../ui/Alert';
import { formatDateTime } from '../../ui/format';
import { PageTitle } from '../../ui/PageTitle';
import { useAction } from '../../ui/useAction';
import { useLoad } from '../../ui/useLoad';
import { fetchCallbacks, finishCallback, takeCallback, type CallbackRequest } from './api';

/** The staff queue of callback requests: take one, call, mark it done (it is deleted 30 days later). */
export function CallbacksPage() {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<'open' | 'done' | 'all'>('open');
  const queue = useLoad(useCallback(() => fetchCallbacks(filter), [filter]));
  const act = useAction(async (work: () => Promise<void>) => {
    await work();
    queue.reload();
  });
  const row = (c: CallbackRequest) => (
    <tr key={c.id}>
      <td>{formatDateTime(c.createdAt)}</td>
      <td>{c.name}</td>
      <td>
        <a href={`tel:${c.phone}`}>{c.phone}</a>
      </td>
      <td>{c.preferredTime}</td>
      <td>{c.topic}</td>
      <td>
        {c.doneAt ? t('callback.finished', { date: formatDateTime(c.doneAt) }) : c.assignedTo ? t('callback.assigned') : t('callback.open')}
      </td>
      <td>
        {!c.doneAt && (
          <>
            <button type="button" className="secondary" onClick={() => void act.run(() => takeCallback(c.id, !c.assignedTo))}>
              {c.assignedTo ? t('callback.release') : t('callback.take')}
            </button>{' '}
            <button type="button" onClick={() => void act.run(() => finishCallback(c.id))}>
              {t('callback.markDone')}
            </button>
          </>
        )}
      </td>
    </tr>
  );
  return (
    <>
      <PageTitle>{t('callback.queueTitle')}</PageTitle>
      <div className="toolbar" role="group">
        {(['open', 'done', 'all'] as const).map((f) => (
          <button
            key={f}
            type="button"
            className={f === filter ? undefined : 'secondary'}
            aria-pressed={f === filter}
            onClick={() => setFilter(f)}
          >
            {t(`callback.${f}`)}
          </button>
        ))}
      </div>
      <ErrorAlert error={queue.error ?? act.error} />
      {queue.data && queue.data.callbacks.length === 0 && <p className="muted">{t('callback.empty')}</p>}
      {queue.data && queue.data.callbacks.length > 0 && (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th>{t('callback.requested')}</th>
                <th>{t('callback.name')}</th>
                <th>{t('callback.phone')}</th>
                <th>{t('callback.preferredTime')}</th>
                <th>{t('callback.topic')}</th>
                <th>{t('callback.open')}</th>
                <th />
              </tr>
            </thead>
            <tbody>{queue.data.callbacks.map(row)}</tbody>
          </table>
        </div>
      )}
    </>
  );
}
