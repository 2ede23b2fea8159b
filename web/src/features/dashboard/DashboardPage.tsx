import { useTranslation } from 'react-i18next';
import { navFor } from '../../app/nav';
import { Link } from '../../app/router';
import { useSession } from '../../app/session';
import { PageTitle } from '../../ui/PageTitle';
import { UpcomingMeetings } from '../meetings/UpcomingMeetings';
import { NoticeChecklist } from '../settings/NoticeChecklist';
import { SystemStatus } from './SystemStatus';

/** The start page after sign-in: who one is, where one can go, and for admins how the system is. */
export function DashboardPage() {
  const { t } = useTranslation();
  const { session } = useSession();
  const destinations = navFor(session.role).filter((entry) => entry.path !== '/');
  return (
    <>
      <PageTitle>{t('dashboard.welcome', { name: session.displayName })}</PageTitle>
      <p className="lead">{t('dashboard.signedInAs', { role: t(`roles.${session.role}`), email: session.email })}</p>
      {!session.totpEnabled && (
        <p className="alert alert-info">
          {t('dashboard.totpHint')} <Link to="/account">{t('dashboard.totpLink')}</Link>
        </p>
      )}
      {(session.role === 'admin' || session.role === 'dpo') && <NoticeChecklist showLinks={session.role === 'admin'} />}
      {(session.role === 'admin' || session.role === 'host') && <UpcomingMeetings />}
      <div className="card-grid">
        {destinations.map((entry) => (
          <Link key={entry.path} to={entry.path} className="card card-link">
            <span className="card-title">{t(`nav.${entry.key}`)}</span>
            <span className="card-text">{t(`navDescription.${entry.key}`)}</span>
          </Link>
        ))}
      </div>
      {session.role === 'admin' && <SystemStatus />}
    </>
  );
}
