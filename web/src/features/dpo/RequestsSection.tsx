import { useCallback, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../i18n';
import { ErrorAlert, StatusMessage } from '../../ui/Alert';
import { SelectField, TextField } from '../../ui/Field';
import { formatDateTime } from '../../ui/format';
import { useAction } from '../../ui/useAction';
import { useLoad } from '../../ui/useLoad';
import type { SubjectItem } from '../privacy/api';
import { ItemTitle } from '../privacy/shown';
import {
  closeRequest,
  eraseForRequest,
  extendRequest,
  fetchRequests,
  placeHold,
  recordRequest,
  requestExportUrl,
  requestItems,
  requestTypes,
  type PrivacyRequest,
  type RequestType,
} from './api';

const today = () => new Date().toISOString().slice(0, 10);

/** Requests received by email: record them, watch the deadline, serve them with the portal's own export and erasure. */
export function RequestsSection() {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<'open' | 'overdue' | 'all'>('open');
  const requests = useLoad(useCallback(() => fetchRequests(filter), [filter]));
  const [form, setForm] = useState({ type: 'access' as RequestType, email: '', name: '', receivedAt: today(), verifiedPhone: '' });
  const record = useAction(async () => {
    await recordRequest({
      type: form.type,
      email: form.email,
      receivedAt: form.receivedAt,
      ...(form.name ? { name: form.name } : {}),
      ...(form.verifiedPhone ? { verifiedPhone: form.verifiedPhone } : {}),
    });
    setForm({ ...form, email: '', name: '', verifiedPhone: '' });
    requests.reload();
  });

  function onSubmit(e: FormEvent): void {
    e.preventDefault();
    void record.run();
  }

  return (
    <section aria-labelledby="dpo-requests">
      <h2 id="dpo-requests">{t('dpo.requestsTitle')}</h2>
      <form onSubmit={onSubmit} className="form form-grid">
        <SelectField
          label={t('dpo.type')}
          value={form.type}
          onChange={(e) => setForm({ ...form, type: e.target.value as RequestType })}
          options={requestTypes.map((type) => ({ value: type, label: t(`dpo.types.${type}`) }))}
        />
        <TextField
          label={t('fields.email')}
          type="email"
          required
          value={form.email}
          onChange={(e) => setForm({ ...form, email: e.target.value })}
        />
        <TextField label={t('dpo.person')} value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />
        <TextField
          label={t('dpo.receivedAt')}
          type="date"
          required
          value={form.receivedAt}
          onChange={(e) => setForm({ ...form, receivedAt: e.target.value })}
        />
        <TextField
          label={t('dpo.verifiedPhone')}
          hint={t('dpo.verifiedPhoneHint')}
          type="tel"
          value={form.verifiedPhone}
          onChange={(e) => setForm({ ...form, verifiedPhone: e.target.value })}
        />
        <ErrorAlert error={record.error} />
        <div className="form-actions">
          <button type="submit" disabled={record.pending}>
            {t('dpo.record')}
          </button>
        </div>
      </form>
      <div className="toolbar" role="group">
        {(['open', 'overdue', 'all'] as const).map((f) => (
          <button
            key={f}
            type="button"
            className={f === filter ? undefined : 'secondary'}
            aria-pressed={f === filter}
            onClick={() => setFilter(f)}
          >
            {t(`dpo.filters.${f}`)}
          </button>
        ))}
      </div>
      <ErrorAlert error={requests.error} />
      {requests.data?.requests.length === 0 && <p className="muted">{t('dpo.noRequests')}</p>}
      {requests.data?.requests.map((r) => (
        <RequestCard key={r.id} request={r} onChanged={requests.reload} />
      ))}
    </section>
  );
}

function RequestCard({ request, onChanged }: { request: PrivacyRequest; onChanged: () => void }) {
  const { t } = useTranslation();
  const [items, setItems] = useState<SubjectItem[]>();
  const [reason, setReason] = useState('');
  const [report, setReport] = useState<string>();
  const act = useAction(async (work: () => Promise<void>) => {
    await work();
    onChanged();
  });
  const show = useAction(async () => setItems((await requestItems(request.id)).items));
  const erase = useAction(async () => {
    if (!window.confirm(t('dpo.eraseConfirm', { email: request.email }))) return;
    const result = await eraseForRequest(request.id);
    setReport(t('dpo.erasedReport', { erased: result.erased, kept: result.kept.length }));
    setItems(undefined);
  });
  const [hold, setHold] = useState({ reason: '', until: '' });
  const [held, setHeld] = useState<string[]>([]);
  const placeOn = useAction(async (item: SubjectItem) => {
    await placeHold({ category: item.category, itemId: item.id, reason: hold.reason, until: hold.until });
    setHeld([...held, `${item.category}:${item.id}`]);
  });
  const language = currentLanguage();
  return (
    <article className="card">
      <h3>
        {t(`dpo.types.${request.type}`)} · {request.email}
        {request.name ? ` (${request.name})` : ''}
        {request.verifiedPhone ? ` · ${request.verifiedPhone}` : ''}
      </h3>
      <p>
        {formatDateTime(request.receivedAt)} → {t('dpo.due', { date: formatDateTime(request.dueAt) })}
        {request.overdue && <span className="badge badge-failed"> {t('dpo.overdue')}</span>}
        {request.extensionReason && <span className="muted"> · {t('dpo.extended', { reason: request.extensionReason })}</span>}
      </p>
      <div className="toolbar">
        <button type="button" className="secondary" onClick={() => void show.run()}>
          {t('dpo.showData')}
        </button>
        <a className="button secondary" href={requestExportUrl(request.id)} download>
          {t('dpo.export')}
        </a>
        <button type="button" className="danger" onClick={() => void erase.run()}>
          {t('dpo.erase')}
        </button>
        {request.status === 'open' && (
          <>
            <button type="button" onClick={() => void act.run(() => closeRequest(request.id, 'done'))}>
              {t('dpo.done')}
            </button>
            <button type="button" className="secondary" onClick={() => void act.run(() => closeRequest(request.id, 'rejected'))}>
              {t('dpo.reject')}
            </button>
          </>
        )}
      </div>
      {request.status === 'open' && !request.extensionReason && (
        <div className="copy-row">
          <TextField label={t('dpo.extendReason')} value={reason} onChange={(e) => setReason(e.target.value)} />
          <button
            type="button"
            className="secondary"
            disabled={reason.trim().length < 3}
            onClick={() => void act.run(async () => void (await extendRequest(request.id, 2, reason)))}
          >
            {t('dpo.extend')}
          </button>
        </div>
      )}
      {report && <StatusMessage>{report}</StatusMessage>}
      <ErrorAlert error={act.error ?? show.error ?? erase.error} />
      {items && (
        <>
          <div className="copy-row">
            <TextField label={t('dpo.reason')} value={hold.reason} onChange={(e) => setHold({ ...hold, reason: e.target.value })} />
            <TextField
              label={t('dpo.until')}
              type="date"
              value={hold.until}
              onChange={(e) => setHold({ ...hold, until: e.target.value })}
            />
          </div>
          <ErrorAlert error={placeOn.error} />
          <ul>
            {items.map((item) => (
              <li key={`${item.category}:${item.id}`}>
                <ItemTitle title={item.title} date={item.titleDate} /> – {item.purpose[language]}{' '}
                {held.includes(`${item.category}:${item.id}`) ? (
                  <span className="badge">{t('dpo.onHold')}</span>
                ) : (
                  <button
                    type="button"
                    className="secondary"
                    disabled={hold.reason.trim().length < 3 || !hold.until}
                    onClick={() => void placeOn.run(item)}
                  >
                    {t('dpo.placeHold')}
                  </button>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </article>
  );
}
