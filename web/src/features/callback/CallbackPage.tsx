import { useTranslation } from 'react-i18next';
import { Link } from '../../app/router';
import { PageTitle } from '../../ui/PageTitle';
import { CallbackForm } from './CallbackForm';

/** `/privacy/callback`: "Rückruf?" on a page of its own, linked from the privacy notice, which says how the request is handled. */
export function CallbackPage() {
  const { t } = useTranslation();
  return (
    <article>
      <PageTitle>{t('callback.title')}</PageTitle>
      <CallbackForm />
      <p>
        {t('callback.howHandled')} <Link to="/privacy/notice#situation-callback">{t('callback.noticeLink')}</Link>
      </p>
    </article>
  );
}
