import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, navigate } from '../../app/router';
import { currentLanguage } from '../../i18n';
import { ErrorAlert, StatusMessage } from '../../ui/Alert';
import { TextField } from '../../ui/Field';
import { PageTitle } from '../../ui/PageTitle';
import { PasswordFields } from '../../ui/PasswordFields';
import { useAction } from '../../ui/useAction';
import { useLoad } from '../../ui/useLoad';
import { completeSetup, fetchSetupNeeded } from './api';

/** First start: the operator opens the link printed by the server (`/setup#<token>`) and creates the first admin. */
export function SetupPage() {
  const { t } = useTranslation();
  const setup = useLoad(fetchSetupNeeded);
  const [token] = useState(() => location.hash.slice(1));
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const submit = useAction(async () => {
    if (password !== repeat) throw new Error(t('password.mismatch'));
    await completeSetup({ token, email, displayName, password, language: currentLanguage() });
    navigate('/', { replace: true });
  });

  function onSubmit(event: FormEvent): void {
    event.preventDefault();
    void submit.run();
  }

  if (setup.error) return <ErrorAlert error={setup.error} />;
  if (!setup.data) return <p role="status">{t('status.loading')}</p>;
  if (!setup.data.needed) {
    return (
      <section>
        <PageTitle>{t('setup.doneTitle')}</PageTitle>
        <p>{t('setup.doneText')}</p>
        <Link to="/login" className="button">
          {t('setup.toLogin')}
        </Link>
      </section>
    );
  }
  return (
    <section>
      <PageTitle>{t('setup.title')}</PageTitle>
      <p>{t('setup.intro')}</p>
      {!token && <StatusMessage tone="info">{t('setup.noToken')}</StatusMessage>}
      <form onSubmit={onSubmit} className="form">
        <TextField
          label={t('fields.email')}
          type="email"
          autoComplete="email"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
        <TextField
          label={t('fields.displayName')}
          autoComplete="name"
          required
          maxLength={100}
          value={displayName}
          onChange={(e) => setDisplayName(e.target.value)}
        />
        <PasswordFields label={t('fields.password')} password={password} repeat={repeat} onPassword={setPassword} onRepeat={setRepeat} />
        <ErrorAlert error={submit.error} />
        <button type="submit" disabled={submit.pending || !token}>
          {t('setup.submit')}
        </button>
      </form>
    </section>
  );
}
