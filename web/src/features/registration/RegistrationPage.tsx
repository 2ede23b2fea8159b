import { useCallback, useState, type CSSProperties, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../i18n';
import { ErrorAlert, StatusMessage } from '../../ui/Alert';
import { TextField } from '../../ui/Field';
import { PageTitle } from '../../ui/PageTitle';
import { useAction } from '../../ui/useAction';
import { useLoad } from '../../ui/useLoad';
import { fetchBranding, fetchPublicEvent, initialPublicEvent, submitRegistration, type RegistrantDetails } from './api';
import { Captcha } from './Captcha';
import { DetailsFields } from './DetailsFields';
import { EventSummary } from './EventSummary';
import { NoticeDetails } from './NoticeDetails';
import './landing.css';

/**
 * `/e/<slug>`: the public registration link of one event, a landing page in the organisation's
 * logo and colour: what, when and who beside the form (below it on a phone). The server sends the
 * page with its text and the event's data (src/events/landing-page.ts), so it reads before and
 * renders at once when the script has loaded.
 */
export function RegistrationPage({ params }: { params: Record<string, string> }) {
  const { t } = useTranslation();
  const slug = params.slug ?? '';
  const [initial] = useState(() => initialPublicEvent(slug));
  const event = useLoad(
    useCallback(() => fetchPublicEvent(slug), [slug]),
    initial,
  );
  const branding = useLoad(fetchBranding);
  const [details, setDetails] = useState<RegistrantDetails>({ firstName: '', lastName: '', answers: {} });
  const [email, setEmail] = useState('');
  const [captcha, setCaptcha] = useState<string>();
  const [dialIn, setDialIn] = useState(false);
  const [sent, setSent] = useState(false);
  const submit = useAction(async () => {
    if (!captcha) throw new Error(t('registration.captchaFirst'));
    await submitRegistration(slug, { ...details, email, captcha, language: currentLanguage(), ...(dialIn ? { dialIn } : {}) });
    setSent(true);
  });

  function onSubmit(e: FormEvent): void {
    e.preventDefault();
    void submit.run();
  }

  if (event.error) return <ErrorAlert error={event.error} />;
  if (!event.data) return <p role="status">{t('status.loading')}</p>;
  const data = event.data;
  // The organisation's colour (at least 4.5:1 against white, checked when set) for buttons and links.
  const accent = branding.data?.accentColour;
  const style = accent ? ({ '--color-primary': accent, '--color-primary-hover': accent } as CSSProperties) : undefined;
  return (
    <div className="landing" style={style}>
      <section className="landing-about">
        {branding.data && (
          <p className="landing-organiser">
            {branding.data.logoUrl && <img src={branding.data.logoUrl} alt="" height={40} className="landing-logo" />}
            <span>{branding.data.name}</span>
          </p>
        )}
        <PageTitle>{data.title}</PageTitle>
        {/* On a phone the form comes after the event: one tap takes the reader there. */}
        <a href="#register-title" className="landing-jump button">
          {t('landing.registerTitle')}
        </a>
        <EventSummary event={data} />
      </section>
      <section className="landing-form" aria-labelledby="register-title">
        <h2 id="register-title">{t('landing.registerTitle')}</h2>
        {sent ? (
          <StatusMessage>
            {t('registration.checkEmail', { email, hours: t('units.hours', { count: data.confirmWithinHours }) })}
          </StatusMessage>
        ) : data.registrationOpen ? (
          <form onSubmit={onSubmit} className="form">
            <TextField
              label={t('fields.email')}
              type="email"
              required
              maxLength={254}
              autoComplete="email"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
            />
            <DetailsFields details={details} event={data} onChange={setDetails} />
            {data.dialInOffered && (
              <label>
                <input type="checkbox" checked={dialIn} onChange={(e) => setDialIn(e.target.checked)} /> {t('registration.dialIn')}
              </label>
            )}
            <p className="muted">
              {t('registration.noticeIntro')} <a href="#privacy-notice">{t('registration.noticeLink')}</a>
            </p>
            <Captcha onSolved={setCaptcha} />
            <ErrorAlert error={submit.error} />
            <button type="submit" disabled={submit.pending}>
              {t('registration.submit')}
            </button>
          </form>
        ) : (
          <StatusMessage tone="info">{data.status === 'cancelled' ? t('registration.cancelled') : t('registration.closed')}</StatusMessage>
        )}
        <NoticeDetails notice={data.notice} />
      </section>
    </div>
  );
}
