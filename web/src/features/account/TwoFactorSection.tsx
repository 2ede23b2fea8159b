import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session';
import { ErrorAlert, StatusMessage } from '../../ui/Alert';
import { TextField } from '../../ui/Field';
import { useAction } from '../../ui/useAction';
import { disableTotp, enableTotp, startTotp, type TotpSetup } from './api';

function qrImageSource(svg: string): string {
  return `data:image/svg+xml;utf8,${encodeURIComponent(svg)}`;
}

/** Scan the QR code (or type the secret), then confirm with a first code. */
function EnableTotp({ onDone }: { onDone: () => Promise<void> }) {
  const { t } = useTranslation();
  const [setup, setSetup] = useState<TotpSetup>();
  const [code, setCode] = useState('');
  const start = useAction(async () => setSetup(await startTotp()));
  const confirm = useAction(async () => {
    await enableTotp(code);
    await onDone();
  });

  function onSubmit(event: FormEvent): void {
    event.preventDefault();
    void confirm.run();
  }

  if (!setup) {
    return (
      <>
        <p>{t('totp.offText')}</p>
        <ErrorAlert error={start.error} />
        <button type="button" onClick={() => void start.run()} disabled={start.pending}>
          {t('totp.start')}
        </button>
      </>
    );
  }
  return (
    <form onSubmit={onSubmit} className="form">
      <ol className="steps">
        <li>{t('totp.scan')}</li>
        <li>{t('totp.confirm')}</li>
      </ol>
      <img className="qr" src={qrImageSource(setup.qrSvg)} alt={t('totp.qrAlt')} width={200} height={200} />
      <p>
        {t('totp.manual')} <code className="secret">{setup.secret}</code>
      </p>
      <TextField
        label={t('fields.totpCode')}
        inputMode="numeric"
        autoComplete="one-time-code"
        pattern="[0-9]{6}"
        maxLength={6}
        required
        value={code}
        onChange={(e) => setCode(e.target.value.trim())}
      />
      <ErrorAlert error={confirm.error} />
      <button type="submit" disabled={confirm.pending}>
        {t('totp.enable')}
      </button>
    </form>
  );
}

/** Turning two-factor login off needs the password, so a forgotten open session is not enough. */
function DisableTotp({ onDone }: { onDone: () => Promise<void> }) {
  const { t } = useTranslation();
  const [password, setPassword] = useState('');
  const submit = useAction(async () => {
    await disableTotp(password);
    await onDone();
  });

  function onSubmit(event: FormEvent): void {
    event.preventDefault();
    void submit.run();
  }

  return (
    <form onSubmit={onSubmit} className="form">
      <TextField
        label={t('fields.password')}
        type="password"
        autoComplete="current-password"
        required
        value={password}
        onChange={(e) => setPassword(e.target.value)}
      />
      <ErrorAlert error={submit.error} />
      <button type="submit" className="danger" disabled={submit.pending}>
        {t('totp.disable')}
      </button>
    </form>
  );
}

export function TwoFactorSection() {
  const { t } = useTranslation();
  const { session, reload } = useSession();
  const [changed, setChanged] = useState(false);
  async function done(): Promise<void> {
    await reload();
    setChanged(true);
  }
  return (
    <section className="card" aria-labelledby="totp-heading">
      <h2 id="totp-heading">{t('totp.title')}</h2>
      <p>
        <span className={`badge ${session.totpEnabled ? 'badge-ok' : 'badge-off'}`}>
          {session.totpEnabled ? t('totp.on') : t('totp.off')}
        </span>
      </p>
      {changed && <StatusMessage>{session.totpEnabled ? t('totp.enabled') : t('totp.disabled')}</StatusMessage>}
      {session.totpEnabled ? <DisableTotp key="disable" onDone={done} /> : <EnableTotp key="enable" onDone={done} />}
    </section>
  );
}
