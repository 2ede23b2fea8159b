import { useTranslation } from 'react-i18next';
import { PageTitle } from '../ui/PageTitle';
import { Link } from './router';

/** An address that is no page, or a page the signed-in role does not have. */
export function NotFound() {
  const { t } = useTranslation();
  return (
    <section>
      <PageTitle>{t('notFound.title')}</PageTitle>
      <p>{t('notFound.text')}</p>
      <Link to="/">{t('notFound.back')}</Link>
    </section>
  );
}
