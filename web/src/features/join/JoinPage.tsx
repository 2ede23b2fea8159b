import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { navigate } from '../../app/router';
import { ErrorAlert } from '../../ui/Alert';
import { TextField } from '../../ui/Field';
import { PageTitle } from '../../ui/PageTitle';
import { useAction } from '../../ui/useAction';
import { useCaptchaOnDemand } from '../registration/Captcha';
import { storeJoinToken } from '../room/joinToken';
import { joinMeeting } from './api';

/**
 * An invitation link carries the passcode in the fragment (`/join?meeting=…#pwd=…`): browsers never
 * send the fragment, so it reaches no server or proxy log.
 */
const passcodeInFragment = () => new URLSearchParams(location.hash.slice(1)).get('pwd') ?? '';

/** Joining with meeting ID and passcode; works without an account. */
export function JoinPage() {
  const { t } = useTranslation();
  const [meetingNumber, setMeetingNumber] = useState(() => new URLSearchParams(location.search).get('meeting') ?? '');
  const [passcode, setPasscode] = useState(passcodeInFragment);
  const [fromLink] = useState(() => meetingNumber !== '' && passcode !== '');
  // Out of the address bar (and so out of history, bookmarks and screen shares) once read.
  useEffect(() => {
    if (location.hash) history.replaceState(history.state, '', location.pathname + location.search);
  }, []);
  const [displayName, setDisplayName] = useState('');
  const captcha = useCaptchaOnDemand();
  const submit = useAction(async () => {
    const solved = captcha.check();
    try {
      const grant = await joinMeeting({ meetingNumber, passcode, displayName, ...(solved ? { captcha: solved } : {}) });
      navigate(storeJoinToken(grant));
    } catch (error) {
      captcha.answered(error);
      throw error;
    }
  });

  function onSubmit(event: FormEvent): void {
    event.preventDefault();
    void submit.run();
  }

  return (
    <section>
      <PageTitle>{t('join.title')}</PageTitle>
      <p className="muted">{fromLink ? t('join.introFromLink') : t('join.intro')}</p>
      <form onSubmit={onSubmit} className="form">
        <TextField
          label={t('join.meetingNumber')}
          inputMode="numeric"
          autoComplete="off"
          required
          maxLength={20}
          value={meetingNumber}
          onChange={(e) => setMeetingNumber(e.target.value)}
        />
        <TextField
          label={t('join.passcode')}
          autoComplete="off"
          required
          maxLength={64}
          value={passcode}
          onChange={(e) => setPasscode(e.target.value)}
        />
        <TextField
          label={t('join.displayName')}
          hint={t('join.displayNameHint')}
          autoComplete="name"
          required
          maxLength={100}
          value={displayName}
          onChange={(e) => setDisplayName(e.target.value)}
        />
        {captcha.widget}
        <ErrorAlert error={submit.error} />
        <button type="submit" disabled={submit.pending}>
          {t('join.submit')}
        </button>
      </form>
    </section>
  );
}
