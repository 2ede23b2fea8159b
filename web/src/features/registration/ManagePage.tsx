import { useCallback, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, StatusMessage } from '../../ui/Alert';
import { PageTitle } from '../../ui/PageTitle';
import { useAction } from '../../ui/useAction';
import { useDraft } from '../../ui/useDraft';
import { useLoad } from '../../ui/useLoad';
import { cancelOwnRegistration, correctOwnRegistration, fetchOwnRegistration, type RegistrantDetails } from './api';
import { DetailsFields } from './DetailsFields';
import { EventSummary } from './EventSummary';

type OwnRegistration = Awaited<ReturnType<typeof fetchOwnRegistration>>['registration'];

/** The form's fields as the registration has them now. */
const detailsOf = (r: OwnRegistration): RegistrantDetails => ({
  firstName: r.firstName,
  lastName: r.lastName,
  company: r.company ?? '',
  industry: r.industry ?? '',
  phone: r.phone ?? '',
  answers: Object.fromEntries(r.answers.map((a) => [a.questionId, a.answer])),
});

/** `/registration#<token>`: the registrant views, corrects or cancels (deletes) their registration. */
export function ManagePage() {
  const { t } = useTranslation();
  const token = location.hash.slice(1);
  const own = useLoad(useCallback(() => fetchOwnRegistration(token), [token]));
  const [details, setDetails] = useDraft(own.data?.registration, detailsOf);
  const [done, setDone] = useState<'saved' | 'cancelled'>();
  const save = useAction(async () => {
    if (details) await correctOwnRegistration(token, details);
    setDone('saved');
  });
  const cancel = useAction(async () => {
    if (!window.confirm(t('registration.cancelConfirm'))) return;
    await cancelOwnRegistration(token);
    setDone('cancelled');
  });

  function onSubmit(e: FormEvent): void {
    e.preventDefault();
    void save.run();
  }

  if (done === 'cancelled') return <StatusMessage>{t('registration.cancelledOwn')}</StatusMessage>;
  if (own.error) return <ErrorAlert error={own.error} />;
  if (!own.data || !details) return <p role="status">{t('status.loading')}</p>;
  const { event, registration } = own.data;
  return (
    <section>
      <PageTitle>{t('registration.manageTitle', { title: event.title })}</PageTitle>
      <EventSummary event={event} />
      <p>
        {registration.email} · {t(`events.states.${registration.state}`)}
      </p>
      <form onSubmit={onSubmit} className="form">
        <DetailsFields details={details} event={event} onChange={setDetails} />
        <ErrorAlert error={save.error} />
        {done === 'saved' && <StatusMessage>{t('registration.saved')}</StatusMessage>}
        <button type="submit" disabled={save.pending}>
          {t('registration.save')}
        </button>
      </form>
      <p>
        <button type="button" className="danger" onClick={() => void cancel.run()} disabled={cancel.pending}>
          {t('registration.cancelOwn')}
        </button>
      </p>
      <ErrorAlert error={cancel.error} />
    </section>
  );
}
