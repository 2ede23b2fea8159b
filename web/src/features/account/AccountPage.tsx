import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session';
import { PageTitle } from '../../ui/PageTitle';
import { PasswordForm } from './PasswordForm';
import { TwoFactorSection } from './TwoFactorSection';

export function AccountPage() {
  const { t } = useTranslation();
  const { session } = useSession();
  return (
    <>
      <PageTitle>{t('account.title')}</PageTitle>
      <section className="card" aria-labelledby="profile-heading">
        <h2 id="profile-heading">{t('account.profile')}</h2>
        <dl className="facts">
          <dt>{t('fields.displayName')}</dt>
          <dd>{session.displayName}</dd>
          <dt>{t('fields.email')}</dt>
          <dd>{session.email}</dd>
          <dt>{t('fields.role')}</dt>
          <dd>{t(`roles.${session.role}`)}</dd>
        </dl>
      </section>
      <TwoFactorSection />
      <PasswordForm />
    </>
  );
}
