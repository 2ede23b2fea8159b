import type { IntentReply } from '@shared/protocol/index.js';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { roomErrorMessage } from './mediaErrors';
import type { RoomClient } from './roomClient';
import { DialogError, RoomDialog } from './RoomDialog';

type Invitation = IntentReply<'invite.details'>;

async function copy(text: string): Promise<void> {
  await navigator.clipboard.writeText(text);
}

/** For hosts and co-hosts: the link that joins in one click (passcode in the fragment), the access data and the phone dial-in. */
export function InviteDialog({ client, title, onClose }: { client: RoomClient; title: string; onClose: () => void }) {
  const { t } = useTranslation();
  const [invitation, setInvitation] = useState<Invitation>();
  const [error, setError] = useState<string>();
  const [copied, setCopied] = useState<string>();

  useEffect(() => {
    client.request('invite.details').then(setInvitation, (failure: unknown) => setError(roomErrorMessage(t, failure)));
  }, [client, t]);

  const dialInLine = (i: Invitation) =>
    i.dialIn &&
    (i.dialIn.pin
      ? t('roomControl.inviteDialInText', { number: i.dialIn.number, meetingNumber: i.meetingNumber, pin: i.dialIn.pin })
      : t('roomControl.inviteDialInPersonal'));

  function invitationText(i: Invitation): string {
    const lines = [
      t('roomControl.inviteText', { title, link: i.link, joinUrl: i.joinUrl, meetingNumber: i.meetingNumber, passcode: i.passcode }),
    ];
    const phone = dialInLine(i);
    if (phone) lines.push(`${t('roomControl.inviteDialIn')}: ${phone}`);
    return lines.join('\n');
  }

  function copyThis(what: 'link' | 'invitation', text: string): void {
    copy(text).then(
      () => setCopied(what),
      () => setCopied('failed'),
    );
  }

  return (
    <RoomDialog title={t('roomControl.inviteTitle')} onClose={onClose}>
      {!invitation && !error && <p role="status">{t('roomControl.loading')}</p>}
      <DialogError error={error} />
      {invitation && (
        <div className="invite">
          <label className="invite-link">
            <span>{t('roomControl.inviteLink')}</span>
            <input readOnly value={invitation.link} onFocus={(event) => event.target.select()} />
          </label>
          <dl className="invite-data">
            <div>
              <dt>{t('roomControl.inviteMeetingNumber')}</dt>
              <dd>{invitation.meetingNumber}</dd>
            </div>
            <div>
              <dt>{t('roomControl.invitePasscode')}</dt>
              <dd>{invitation.passcode}</dd>
            </div>
            {invitation.dialIn && (
              <div>
                <dt>{t('roomControl.inviteDialIn')}</dt>
                <dd>{dialInLine(invitation)}</dd>
              </div>
            )}
          </dl>
          <p className="invite-copied" role="status">
            {copied === 'failed' ? t('roomControl.copyFailed') : copied ? t('roomControl.copied') : ''}
          </p>
        </div>
      )}
      <div className="dialog-choices">
        <button type="button" className="secondary" onClick={onClose}>
          {t('roomControl.close')}
        </button>
        {invitation && (
          <>
            <button type="button" className="secondary" onClick={() => copyThis('invitation', invitationText(invitation))}>
              {t('roomControl.copyInvitation')}
            </button>
            <button type="button" data-autofocus onClick={() => copyThis('link', invitation.link)}>
              {t('roomControl.copyLink')}
            </button>
          </>
        )}
      </div>
    </RoomDialog>
  );
}
