import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from '../../app/router';
import { currentLanguage } from '../../i18n';
import { ErrorAlert, StatusMessage } from '../../ui/Alert';
import { TextField } from '../../ui/Field';
import { PageTitle } from '../../ui/PageTitle';
import { useAction } from '../../ui/useAction';
import { useCaptchaOnDemand } from '../registration/Captcha';
import { requestAccessLink } from './api';

/** `/privacy`: a person asks for a link to their data; the answer is the same for every address. */
export function PortalPage() {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState(false);
  // After a few requests for one address (from anyone) the server asks for the captcha.
  const captcha = useCaptchaOnDemand();
  const send = useAction(async () => {
    const solved = captcha.check();
    try {
      await requestAccessLink(email, currentLanguage(), solved);
    } catch (error) {
      captcha.answered(error);
      throw error;
    }
    setSent(true);
  });

  function onSubmit(e: FormEvent): void {
    e.preventDefault();
    void send.run();
  }

  return (
    <section>
      <PageTitle>{t('privacy.portalTitle')}</PageTitle>
      <p className="lead">{t('privacy.portalLead')}</p>
      {sent ? (
        <StatusMessage>{t('privacy.checkEmail')}</StatusMessage>
      ) : (
        <form onSubmit={onSubmit} className="form">
          <TextField
            label={t('fields.email')}
            type="email"
            autoComplete="email"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
          {captcha.widget}
          <ErrorAlert error={send.error} />
          <button type="submit" disabled={send.pending}>
            {t('privacy.send')}
          </button>
        </form>
      )}
      <p>
        <Link to="/privacy/notice">{t('privacy.noticeLink')}</Link>
      </p>
    </section>
  );
}
