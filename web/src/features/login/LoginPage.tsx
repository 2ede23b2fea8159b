import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { navigate, safeNext } from '../../app/router';
import { ErrorAlert, StatusMessage } from '../../ui/Alert';
import { TextField } from '../../ui/Field';
import { PageTitle } from '../../ui/PageTitle';
import { useAction } from '../../ui/useAction';
import { useCaptchaOnDemand } from '../registration/Captcha';
import { login } from './api';

export function LoginPage() {
  const { t } = useTranslation();
  const [search] = useState(() => new URLSearchParams(location.search));
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [totpCode, setTotpCode] = useState('');
  const [codeNeeded, setCodeNeeded] = useState(false);
  // Left by the account page after a password change, which ends every session.
  const passwordChanged = search.get('notice') === 'passwordChanged';
  // The code field appears after the first try: the cursor goes there, as the next step is to type the code.
  const codeField = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (codeNeeded) codeField.current?.focus();
  }, [codeNeeded]);

  const captcha = useCaptchaOnDemand();

  const submit = useAction(async () => {
    const solved = captcha.check();
    try {
      await login({ email, password, ...(codeNeeded ? { totpCode } : {}), ...(solved ? { captcha: solved } : {}) });
    } catch (error) {
      if (error instanceof ApiError && error.code === 'ERR_TOTP_REQUIRED') {
        setCodeNeeded(true);
        return;
      }
      captcha.answered(error);
      throw error;
    }
    navigate(safeNext(search.get('next')), { replace: true });
  });

  function onSubmit(event: FormEvent): void {
    event.preventDefault();
    void submit.run();
  }

  return (
    <section>
      <PageTitle>{t('login.title')}</PageTitle>
      {passwordChanged && <StatusMessage>{t('login.passwordChanged')}</StatusMessage>}
      <form onSubmit={onSubmit} className="form">
        <TextField
          label={t('fields.email')}
          type="email"
          autoComplete="username"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
        <TextField
          label={t('fields.password')}
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        {codeNeeded && (
          <>
            <StatusMessage tone="info">{t('login.codeNeeded')}</StatusMessage>
            <TextField
              label={t('fields.totpCode')}
              inputMode="numeric"
              autoComplete="one-time-code"
              pattern="[0-9]{6}"
              maxLength={6}
              required
              ref={codeField}
              value={totpCode}
              onChange={(e) => setTotpCode(e.target.value.trim())}
            />
          </>
        )}
        {captcha.widget}
        <ErrorAlert error={submit.error} />
        <button type="submit" disabled={submit.pending}>
          {t('login.submit')}
        </button>
      </form>
    </section>
  );
}
