import { useCallback, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, navigate } from '../../app/router';
import { ApiError } from '../../api/client';
import { ErrorAlert } from '../../ui/Alert';
import { PageTitle } from '../../ui/PageTitle';
import { useAction } from '../../ui/useAction';
import { storeJoinToken } from '../room/joinToken';
import { joinWithLink } from './api';

/** Why-codes for which the page adds a next step to the server's reason. */
const nextSteps = ['ERR_PANELIST_LINK_REVOKED', 'ERR_EVENT_OVER', 'ERR_EVENT_CANCELLED', 'ERR_JOIN_LINK_INVALID'] as const;
const nextStepOf = (error: unknown) => (error instanceof ApiError ? nextSteps.find((code) => code === error.code) : undefined);

/**
 * A personal link (/j/<token>): a registrant's (straight in as an attendee) or an invited
 * panelist's (the device check, then backstage), under the name on the registration or invitation.
 * A link that no longer opens says why and what to do next, after one attempt.
 */
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
          {nextStepOf(open.error) && <p>{t(`joinLink.next.${nextStepOf(open.error)!}`)}</p>}
          {/* A panelist's link withdrawn: the passcode would make them an attendee, not what they came for. */}
          {!(open.error instanceof ApiError && open.error.code === 'ERR_PANELIST_LINK_REVOKED') && (
            <p>
              <Link to="/join">{t('joinLink.withPasscode')}</Link>
            </p>
          )}
        </>
      ) : (
        <p role="status">{t('joinLink.opening')}</p>
      )}
    </section>
  );
}
