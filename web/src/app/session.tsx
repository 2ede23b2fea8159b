import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { staffProfile, type StaffProfile } from '@shared/api/accounts.js';
import { ApiError, http, onUnauthenticated } from '../api/client';
import { ErrorAlert } from '../ui/Alert';
import { navigate } from './router';

/** The signed-in staff member, as `GET /api/auth/session` describes them (a browser signs in with a session, never a token). */
export type Session = StaffProfile;

interface SessionContextValue {
  session: Session;
  reload: () => Promise<void>;
}

const SessionContext = createContext<SessionContextValue | null>(null);

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside <SessionGate>');
  return value;
}

function toLogin(): void {
  const next = location.pathname + location.search;
  navigate(next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`, { replace: true });
}

/** Renders its children only for a signed-in staff member; everyone else goes to the login page. */
export function SessionGate({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const [session, setSession] = useState<Session>();
  const [error, setError] = useState<unknown>(null);

  const reload = useCallback(
    () =>
      http.read('/api/auth/session', staffProfile).then(
        (current) => {
          setSession(current);
          setError(null);
        },
        (failure: unknown) => {
          if (!(failure instanceof ApiError && failure.status === 401)) setError(failure);
        },
      ),
    [],
  );

  useEffect(() => onUnauthenticated(toLogin), []);
  useEffect(() => void reload(), [reload]);

  if (error) {
    return (
      <main className="centered">
        <ErrorAlert error={error} />
        <button type="button" onClick={() => void reload()}>
          {t('actions.retry')}
        </button>
      </main>
    );
  }
  if (!session) return <p className="loading">{t('status.loading')}</p>;
  return <SessionContext.Provider value={{ session, reload }}>{children}</SessionContext.Provider>;
}
