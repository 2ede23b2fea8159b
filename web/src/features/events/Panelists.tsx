import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, StatusMessage } from '../../ui/Alert';
import { TextField } from '../../ui/Field';
import { formatDateTime } from '../../ui/format';
import { useAction } from '../../ui/useAction';
import { useLoad } from '../../ui/useLoad';
import { fetchPanelists, invitePanelist, withdrawPanelist, type HostedEvent, type Panelist } from './api';

function WithdrawButton({ event, panelist, onChanged }: { event: HostedEvent; panelist: Panelist; onChanged: () => void }) {
  const { t } = useTranslation();
  const withdraw = useAction(async () => {
    if (!window.confirm(t('panelists.withdrawConfirm', { name: panelist.name }))) return;
    await withdrawPanelist(event.id, panelist.id);
    onChanged();
  });
  return (
    <>
      <button type="button" className="danger" onClick={() => void withdraw.run()} disabled={withdraw.pending}>
        {t('panelists.withdraw')}
        <span className="visually-hidden">: {panelist.name}</span>
      </button>
      <ErrorAlert error={withdraw.error} />
    </>
  );
}

function InviteForm({ event, onInvited }: { event: HostedEvent; onInvited: () => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [sentTo, setSentTo] = useState<string>();
  const invite = useAction(async () => {
    setSentTo(undefined);
    const invited = await invitePanelist(event.id, { name, email });
    setSentTo(invited.email);
    setName('');
    setEmail('');
    onInvited();
  });
  function onSubmit(e: FormEvent): void {
    e.preventDefault();
    void invite.run();
  }
  return (
    <>
      <form onSubmit={onSubmit} className="form form-grid">
        <TextField
          label={t('panelists.name')}
          hint={t('panelists.nameHint')}
          autoComplete="off"
          required
          maxLength={100}
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
        <TextField
          label={t('panelists.email')}
          type="email"
          autoComplete="off"
          required
          maxLength={254}
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
        <div className="form-actions">
          <button type="submit" disabled={invite.pending}>
            {t('panelists.invite')}
          </button>
        </div>
      </form>
      <ErrorAlert error={invite.error} />
      {sentTo && <StatusMessage>{t('panelists.invited', { email: sentTo })}</StatusMessage>}
    </>
  );
}

/** The host's invited panelists of one webinar: invite by name and email, see who still holds a link, withdraw. */
export function Panelists({ event }: { event: HostedEvent }) {
  const { t } = useTranslation();
  const panelists = useLoad(useCallback((signal: AbortSignal) => fetchPanelists(event.id, signal), [event.id]));
  // Opened from the event list: the section moves into view and keyboard focus follows.
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  // When the section opened: an invitation to a webinar that is over is refused anyway (ERR_EVENT_OVER).
  const [openedAt] = useState(() => Date.now());
  const open = event.status === 'scheduled' && Date.parse(event.endsAt) > openedAt;
  return (
    <section className="card" aria-labelledby="panelists">
      <h2 id="panelists" ref={heading} tabIndex={-1}>
        {t('panelists.title', { title: event.title })}
      </h2>
      <p className="muted">{t('panelists.intro')}</p>
      {open ? <InviteForm event={event} onInvited={panelists.reload} /> : <p>{t('panelists.overNote')}</p>}
      <ErrorAlert error={panelists.error} />
      {!panelists.data && !panelists.error && <p role="status">{t('status.loading')}</p>}
      {panelists.data?.panelists.length === 0 && <p>{t('panelists.none')}</p>}
      {panelists.data && panelists.data.panelists.length > 0 && (
        <div className="table-wrap">
          <table className="stack-table">
            <caption className="visually-hidden">{t('panelists.title', { title: event.title })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('panelists.panelist')}</th>
                <th scope="col">{t('panelists.state')}</th>
                <th scope="col">{t('staff.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {panelists.data.panelists.map((p) => (
                <tr key={p.id}>
                  <td data-label={t('panelists.panelist')} className="cell-wrap">
                    <div>
                      {p.name}
                      <br />
                      <span className="muted">{p.email}</span>
                    </div>
                  </td>
                  <td data-label={t('panelists.state')}>
                    {p.revokedAt ? (
                      <span className="badge badge-disabled">{t('panelists.withdrawn', { date: formatDateTime(p.revokedAt) })}</span>
                    ) : (
                      <>
                        <span className="badge badge-active">{t('panelists.active')}</span>{' '}
                        <span className="muted">{t('panelists.invitedOn', { date: formatDateTime(p.invitedAt) })}</span>
                      </>
                    )}
                  </td>
                  <td data-label={t('staff.actions')} className="cell-actions">
                    {!p.revokedAt && <WithdrawButton event={event} panelist={p} onChanged={panelists.reload} />}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
