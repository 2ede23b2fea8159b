import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, StatusMessage } from '../../ui/Alert';
import { PageTitle } from '../../ui/PageTitle';
import { confirmRegistration } from './api';

/** `/registration/confirm#<token>`, linked from the confirmation mail (the token stays out of server logs). */
export function ConfirmPage() {
  const { t } = useTranslation();
  const [state, setState] = useState<string>();
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    confirmRegistration(location.hash.slice(1)).then((result) => setState(result.state), setError);
  }, []);
  return (
    <section>
      <PageTitle>{t('registration.confirmTitle')}</PageTitle>
      <ErrorAlert error={error} />
      {state && (
        <StatusMessage>
          {t(`registration.confirmed.${state === 'confirmed' ? 'confirmed' : state === 'waitlisted' ? 'waitlisted' : 'pending'}`)}
        </StatusMessage>
      )}
      {!state && !error && <p role="status">{t('status.loading')}</p>}
    </section>
  );
}
