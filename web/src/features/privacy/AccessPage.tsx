import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, navigate } from '../../app/router';
import { currentLanguage } from '../../i18n';
import { ErrorAlert, StatusMessage } from '../../ui/Alert';
import { formatDate } from '../../ui/format';
import { PageTitle } from '../../ui/PageTitle';
import { useAction } from '../../ui/useAction';
import { eraseAll, exportUrl, fetchMyData, fetchNotice, leavePortal, openPortalSession, type KeptItem, type SubjectItem } from './api';
import { ItemGroups } from './ItemGroups';
import { ItemTitle } from './shown';

type State =
  | { kind: 'opening' }
  | { kind: 'failed'; error: unknown }
  | { kind: 'open'; email: string; items: SubjectItem[] }
  | { kind: 'erased'; erased: number; kept: KeptItem[] };

/** `/privacy/access#<token>`: the mailed link opens the person's data (the token leaves the address bar at once). */
export function AccessPage() {
  const { t } = useTranslation();
  const [state, setState] = useState<State>({ kind: 'opening' });

  const load = useCallback(
    () =>
      fetchMyData().then(
        (data) => setState({ kind: 'open', email: data.email, items: data.items }),
        (error: unknown) => setState({ kind: 'failed', error }),
      ),
    [],
  );

  useEffect(() => {
    const token = location.hash.slice(1);
    history.replaceState(null, '', location.pathname);
    if (!token) {
      void load();
      return;
    }
    openPortalSession(token).then(load, (error: unknown) => setState({ kind: 'failed', error }));
  }, [load]);

  const erase = useAction(async () => {
    if (!window.confirm(t('privacy.eraseConfirm'))) return;
    const report = await eraseAll();
    setState({ kind: 'erased', ...report });
  });
  const leave = useAction(async () => {
    await leavePortal();
    navigate('/privacy');
  });

  if (state.kind === 'opening') return <p role="status">{t('privacy.opening')}</p>;
  if (state.kind === 'failed')
    return (
      <section>
        <PageTitle>{t('privacy.portalTitle')}</PageTitle>
        <ErrorAlert error={state.error} />
        <p>
          <Link to="/privacy">{t('privacy.newLink')}</Link>
        </p>
      </section>
    );
  if (state.kind === 'erased') return <ErasureReport erased={state.erased} kept={state.kept} />;

  return (
    <section className="privacy-portal">
      <PageTitle>{t('privacy.dataTitle', { email: state.email })}</PageTitle>
      {state.items.length === 0 && <p>{t('privacy.nothing')}</p>}
      <p>
        <a className="button" href={exportUrl} download="my-data.json">
          {t('privacy.download')}
        </a>{' '}
        <span className="muted">{t('privacy.downloadHint')}</span>
      </p>
      <ItemGroups items={state.items} onChanged={() => void load()} />
      <PhoneRecordsNote />
      <h2>{t('privacy.eraseTitle')}</h2>
      <p>{t('privacy.eraseHint')}</p>
      <button type="button" className="danger" onClick={() => void erase.run()} disabled={erase.pending}>
        {t('privacy.eraseButton')}
      </button>
      <ErrorAlert error={erase.error} />
      <p>
        <button type="button" className="secondary" onClick={() => void leave.run()} disabled={leave.pending}>
          {t('privacy.leave')}
        </button>
      </p>
      <ErrorAlert error={leave.error} />
    </section>
  );
}

/** What is stored under a phone number alone is the DPO's to hand out, after checking the number: says so and whom to write to. */
function PhoneRecordsNote() {
  const { t } = useTranslation();
  const [contact, setContact] = useState<string>();
  useEffect(() => {
    fetchNotice(currentLanguage()).then(
      (notice) => setContact(notice.controller.dpo?.email ?? notice.controller.privacyEmail),
      () => setContact(undefined),
    );
  }, []);
  return (
    <>
      <h2>{t('privacy.phoneTitle')}</h2>
      <p>
        {contact ? t('privacy.phoneHint', { contact }) : t('privacy.phoneHintNoContact')}{' '}
        {!contact && <Link to="/privacy/notice">{t('privacy.noticeLink')}</Link>}
      </p>
    </>
  );
}

function ErasureReport({ erased, kept }: { erased: number; kept: KeptItem[] }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  return (
    <section className="privacy-portal">
      <PageTitle>{t('privacy.eraseTitle')}</PageTitle>
      <StatusMessage>{t('privacy.erased', { count: erased })}</StatusMessage>
      {kept.length > 0 && (
        <>
          <h2>{t('privacy.keptTitle')}</h2>
          <ul className="kept-items">
            {kept.map((k) => (
              <li key={`${k.category}:${k.id}`}>
                <strong>
                  <ItemTitle title={k.what} date={k.whatDate} />
                </strong>
                <dl className="facts">
                  <dt>{t('privacy.keptWhy')}</dt>
                  <dd>{k.reason ? k.reason[language] : t('privacy.keptNoReason')}</dd>
                  <dt>{t('privacy.keptUntilDate')}</dt>
                  <dd>{k.until ? formatDate(k.until) : t('privacy.keptUntilUnknown')}</dd>
                </dl>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
