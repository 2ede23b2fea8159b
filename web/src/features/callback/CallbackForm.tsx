import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../i18n';
import { ErrorAlert, StatusMessage } from '../../ui/Alert';
import { TextField } from '../../ui/Field';
import { useAction } from '../../ui/useAction';
import { useLoad } from '../../ui/useLoad';
import { Captcha } from '../registration/Captcha';
import { fetchCallbackTerms, requestCallback } from './api';

/** "Rückruf?": the public callback form on its own page, /privacy/callback (self-hosted captcha, explicit consent). */
export function CallbackForm() {
  const { t } = useTranslation();
  const [form, setForm] = useState({ name: '', phone: '', preferredTime: '', topic: '' });
  const [consent, setConsent] = useState(false);
  const [captcha, setCaptcha] = useState<string>();
  const [sent, setSent] = useState(false);
  // The consent sentence names the configured period: the form waits for it.
  const terms = useLoad(fetchCallbackTerms);
  const send = useAction(async () => {
    if (!captcha || !consent) return;
    await requestCallback({ ...form, consent: true, captcha, language: currentLanguage() });
    setSent(true);
  });

  function onSubmit(e: FormEvent): void {
    e.preventDefault();
    void send.run();
  }

  const field = (key: keyof typeof form) => ({
    value: form[key],
    onChange: (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value }),
  });
  return (
    <section className="callback">
      {sent ? (
        <StatusMessage>{t('callback.received')}</StatusMessage>
      ) : (
        <form onSubmit={onSubmit} className="form">
          <p>{t('callback.lead')}</p>
          <TextField label={t('callback.name')} required maxLength={100} autoComplete="name" {...field('name')} />
          <TextField label={t('callback.phone')} type="tel" required maxLength={40} autoComplete="tel" {...field('phone')} />
          <TextField label={t('callback.preferredTime')} required maxLength={200} {...field('preferredTime')} />
          <TextField label={t('callback.topic')} required maxLength={1000} {...field('topic')} />
          <label className="checkbox">
            <input type="checkbox" checked={consent} onChange={(e) => setConsent(e.target.checked)} required />{' '}
            {terms.data ? t('callback.consent', { count: terms.data.retentionDays }) : t('status.loading')}
          </label>
          <ErrorAlert error={terms.error} />
          <Captcha onSolved={setCaptcha} />
          <ErrorAlert error={send.error} />
          <button type="submit" disabled={send.pending || !captcha || !consent || !terms.data}>
            {t('callback.send')}
          </button>
        </form>
      )}
    </section>
  );
}
