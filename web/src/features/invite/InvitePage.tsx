import { useCallback, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { navigate } from '../../app/router';
import { ErrorAlert } from '../../ui/Alert';
import { PageTitle } from '../../ui/PageTitle';
import { PasswordFields } from '../../ui/PasswordFields';
import { useAction } from '../../ui/useAction';
import { useLoad } from '../../ui/useLoad';
import { acceptInvitation, fetchInvitation } from './api';

/** `/invite/<token>`, linked from the invitation mail: the invited person chooses a password. */
export function InvitePage({ params }: { params: Record<string, string> }) {
  const { t } = useTranslation();
  const token = params.token ?? '';
  const invitation = useLoad(useCallback(() => fetchInvitation(token), [token]));
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const submit = useAction(async () => {
    if (password !== repeat) throw new Error(t('password.mismatch'));
    await acceptInvitation(token, password);
    navigate('/', { replace: true });
  });

  function onSubmit(event: FormEvent): void {
    event.preventDefault();
    void submit.run();
  }

  if (invitation.error) {
    return (
      <section>
        <PageTitle>{t('invite.title')}</PageTitle>
        <ErrorAlert error={invitation.error} />
      </section>
    );
  }
  if (!invitation.data) return <p role="status">{t('status.loading')}</p>;
  const { displayName, email, role } = invitation.data;
  return (
    <section>
      <PageTitle>{t('invite.title')}</PageTitle>
      <p>{t('invite.intro', { name: displayName, role: t(`roles.${role}`) })}</p>
      <dl className="facts">
        <dt>{t('fields.displayName')}</dt>
        <dd>{displayName}</dd>
        <dt>{t('fields.email')}</dt>
        <dd>{email}</dd>
        <dt>{t('fields.role')}</dt>
        <dd>{t(`roles.${role}`)}</dd>
      </dl>
      <form onSubmit={onSubmit} className="form">
        <input type="email" autoComplete="username" value={email} readOnly hidden />
        <PasswordFields label={t('invite.password')} password={password} repeat={repeat} onPassword={setPassword} onRepeat={setRepeat} />
        <ErrorAlert error={submit.error} />
        <button type="submit" disabled={submit.pending}>
          {t('invite.submit')}
        </button>
      </form>
    </section>
  );
}
