import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { navigate } from '../../app/router';
import { ErrorAlert } from '../../ui/Alert';
import { TextField } from '../../ui/Field';
import { PasswordFields } from '../../ui/PasswordFields';
import { useAction } from '../../ui/useAction';
import { changePassword } from './api';

export function PasswordForm() {
  const { t } = useTranslation();
  const [current, setCurrent] = useState('');
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const submit = useAction(async () => {
    if (password !== repeat) throw new Error(t('password.mismatch'));
    await changePassword(current, password);
    navigate('/login?notice=passwordChanged', { replace: true });
  });

  function onSubmit(event: FormEvent): void {
    event.preventDefault();
    void submit.run();
  }

  return (
    <section className="card" aria-labelledby="password-heading">
      <h2 id="password-heading">{t('account.passwordTitle')}</h2>
      <p className="muted">{t('account.passwordText')}</p>
      <form onSubmit={onSubmit} className="form">
        <TextField
          label={t('account.currentPassword')}
          type="password"
          autoComplete="current-password"
          required
          value={current}
          onChange={(e) => setCurrent(e.target.value)}
        />
        <PasswordFields
          label={t('account.newPassword')}
          password={password}
          repeat={repeat}
          onPassword={setPassword}
          onRepeat={setRepeat}
        />
        <ErrorAlert error={submit.error} />
        <button type="submit" disabled={submit.pending}>
          {t('account.changePassword')}
        </button>
      </form>
    </section>
  );
}
