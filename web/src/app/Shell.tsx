import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { http } from '../api/client';
import { LanguageSwitcher } from '../ui/LanguageSwitcher';
import { useAction } from '../ui/useAction';
import { ErrorAlert } from '../ui/Alert';
import { Brand } from './Brand';
import { navFor } from './nav';
import { NotFound } from './NotFound';
import { staffPages } from './routes';
import { Link, navigate } from './router';
import { useSession } from './session';
import { SkipLink } from './SkipLink';

async function logout(): Promise<void> {
  await http.send('/api/auth/logout');
  navigate('/login', { replace: true });
}

/** The signed-in frame: header with the account and sign-out, the menu for the role, the page. */
export function Shell({ pathname }: { pathname: string }) {
  const { t } = useTranslation();
  const { session } = useSession();
  const signOut = useAction(logout);
  const main = useRef<HTMLElement>(null);
  const firstRender = useRef(true);
  const entries = navFor(session.role);
  const entry = entries.find((candidate) => candidate.path === pathname);
  const Page = entry ? staffPages[entry.path] : NotFound;

  useEffect(() => {
    if (firstRender.current) firstRender.current = false;
    else main.current?.querySelector('h1')?.focus();
  }, [pathname]);

  return (
    <>
      <SkipLink />
      <header className="app-header">
        <Brand />
        <div className="header-tools">
          <LanguageSwitcher />
          <span className="user-name">{session.displayName}</span>
          <button type="button" className="secondary" onClick={() => void signOut.run()} disabled={signOut.pending}>
            {t('shell.signOut')}
          </button>
        </div>
      </header>
      <div className="shell">
        <nav className="side-nav" aria-label={t('shell.navigation')}>
          <ul>
            {entries.map((item) => (
              <li key={item.path}>
                <Link to={item.path}>{t(`nav.${item.key}`)}</Link>
              </li>
            ))}
          </ul>
        </nav>
        <main id="main" ref={main} className="shell-main">
          <ErrorAlert error={signOut.error} />
          <Page key={pathname} />
        </main>
      </div>
    </>
  );
}
