import { useCallback, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, navigate } from '../../app/router';
import { ErrorAlert } from '../../ui/Alert';
import { PageTitle } from '../../ui/PageTitle';
import { useAction } from '../../ui/useAction';
import { storeJoinToken } from '../room/joinToken';
import { joinWithLink } from './api';

/** A registrant's personal join link (/j/<token>): straight to the device check, under their registered name. */
export function JoinLinkPage({ params }: { params: Record<string, string> }) {
  const { t } = useTranslation();
  const token = params.token ?? '';
  // One attempt per link: an action that changed on every render would re-run the effect after each failure, without bound.
  const open = useAction(
    useCallback(async () => {
      navigate(storeJoinToken(await joinWithLink(token)), { replace: true });
    }, [token]),
  );
  const { run } = open;

  useEffect(() => {
    void run();
  }, [run]);

  return (
    <section>
      <PageTitle>{t('joinLink.title')}</PageTitle>
      {open.error ? (
        <>
          <ErrorAlert error={open.error} />
          <p>
            <Link to="/join">{t('joinLink.withPasscode')}</Link>
          </p>
        </>
      ) : (
        <p role="status">{t('joinLink.opening')}</p>
      )}
    </section>
  );
}
