import { useTranslation } from 'react-i18next';
import { ErrorAlert, StatusMessage } from '../../ui/Alert';
import { formatDateTime } from '../../ui/format';
import { PageTitle } from '../../ui/PageTitle';
import { useLoad } from '../../ui/useLoad';
import { fetchOutbox, type OutboxMessage } from './api';
import { MailText, removedLink } from './MailText';

function MessageCard({ message }: { message: OutboxMessage }) {
  const { t } = useTranslation();
  return (
    <article className="card mail" aria-labelledby={`mail-${message.id}`}>
      <header className="mail-header">
        <h2 id={`mail-${message.id}`}>{message.subject}</h2>
        <span className={`badge badge-${message.status}`}>{t(`outbox.statuses.${message.status}`)}</span>
      </header>
      <dl className="facts facts-inline">
        <dt>{t('outbox.to')}</dt>
        <dd>{message.to}</dd>
        <dt>{t('outbox.created')}</dt>
        <dd>{formatDateTime(message.createdAt)}</dd>
        {message.sentAt && (
          <>
            <dt>{t('outbox.sent')}</dt>
            <dd>{formatDateTime(message.sentAt)}</dd>
          </>
        )}
        {message.lastError && (
          <>
            <dt>{t('outbox.lastError', { count: message.attempts })}</dt>
            <dd>{message.lastError}</dd>
          </>
        )}
      </dl>
      {message.text !== null && (
        <>
          {message.linksHeld && <p className="muted">{t('outbox.linksHeld')}</p>}
          {!message.linksHeld && message.text.includes(removedLink) && <p className="muted">{t('outbox.linksRemoved')}</p>}
          <MailText text={message.text} />
        </>
      )}
    </article>
  );
}

/** Mail Plenum has sent; in the embedded default mode this page is where invitations are read. */
export function OutboxPage() {
  const { t } = useTranslation();
  const outbox = useLoad(fetchOutbox);
  return (
    <>
      <PageTitle>{t('outbox.title')}</PageTitle>
      <ErrorAlert error={outbox.error} />
      {outbox.data && (
        <>
          <StatusMessage tone="info">{outbox.data.mode === 'outbox' ? t('outbox.modeOutbox') : t('outbox.modeSmtp')}</StatusMessage>
          <div className="toolbar">
            <button type="button" className="secondary" onClick={outbox.reload}>
              {t('actions.refresh')}
            </button>
          </div>
          {outbox.data.messages.length === 0 && <p className="muted">{t('outbox.empty')}</p>}
          {outbox.data.messages.map((message) => (
            <MessageCard key={message.id} message={message} />
          ))}
        </>
      )}
    </>
  );
}
