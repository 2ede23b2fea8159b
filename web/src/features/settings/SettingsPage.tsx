import { readAsBase64 } from '../../ui/readAsBase64';
import { useMemo, useState, type ChangeEvent, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, StatusMessage } from '../../ui/Alert';
import { SelectField, TextField } from '../../ui/Field';
import { PageTitle } from '../../ui/PageTitle';
import { useAction } from '../../ui/useAction';
import { useDraft } from '../../ui/useDraft';
import { useLoad } from '../../ui/useLoad';
import { fetchSettings, removeLogo, saveSettings, uploadLogo, type OrganisationSettings, type Operator } from './api';
import { NoticeChecklist } from './NoticeChecklist';
import './settings.css';

type Form = Record<
  | 'name'
  | 'address'
  | 'privacyEmail'
  | 'dpoName'
  | 'dpoEmail'
  | 'authorityName'
  | 'authorityAddress'
  | 'hosting'
  | 'hostingCountry'
  | 'mail'
  | 'telephony'
  | 'accentColour'
  | 'defaultLanguage'
  | 'timeZone',
  string
>;

const formOf = (s: OrganisationSettings): Form => ({
  // The placeholder name of an unconfigured server is no name to edit.
  name: s.missingIdentity.includes('name') ? '' : s.name,
  address: s.address ?? '',
  privacyEmail: s.privacyEmail ?? '',
  dpoName: s.dpoName ?? '',
  dpoEmail: s.dpoEmail ?? '',
  authorityName: s.authorityName ?? '',
  authorityAddress: s.authorityAddress ?? '',
  hosting: s.hosting ?? '',
  hostingCountry: s.hostingCountry ?? '',
  mail: s.mail ?? '',
  telephony: s.telephony ?? '',
  accentColour: s.accentColour ?? '',
  defaultLanguage: s.defaultLanguage,
  timeZone: s.timeZone,
});

const maxLogoBytes = 256 * 1024;

/** `/settings` (admins): the controller's identity and contacts, the supervisory authority, who runs what, the look and the defaults. */
export function SettingsPage() {
  const { t } = useTranslation();
  const settings = useLoad(fetchSettings);
  const [form, setForm] = useDraft(settings.data, formOf);
  const [saved, setSaved] = useState(false);
  const [checklistKey, setChecklistKey] = useState(0);
  const [logoError, setLogoError] = useState<string>();
  const zones = useMemo(() => Intl.supportedValuesOf('timeZone'), []);

  const save = useAction(async () => {
    if (!form) return;
    setSaved(false);
    const { hosting, mail, telephony, defaultLanguage, ...texts } = form;
    await saveSettings({
      ...texts,
      hosting: (hosting || null) as Operator | null,
      hostingCountry: hosting === 'own' ? form.hostingCountry : '',
      mail: (mail || null) as Operator | null,
      telephony: (telephony || null) as Operator | null,
      defaultLanguage: defaultLanguage as 'de' | 'en',
    });
    setSaved(true);
    settings.reload();
    setChecklistKey((k) => k + 1);
  });
  const logo = useAction(async (file: File | undefined) => {
    setLogoError(undefined);
    if (!file) return;
    if (file.size > maxLogoBytes) {
      setLogoError(t('settings.logoTooLarge'));
      return;
    }
    await uploadLogo(file.type, await readAsBase64(file));
    settings.reload();
  });
  const dropLogo = useAction(async () => {
    await removeLogo();
    settings.reload();
  });

  if (settings.error && !settings.data) return <ErrorAlert error={settings.error} />;
  if (!form || !settings.data) return <p role="status">{t('status.loading')}</p>;

  const field = (key: keyof Form) => ({
    value: form[key],
    onChange: (e: ChangeEvent<HTMLInputElement | HTMLSelectElement>) => {
      setSaved(false);
      setForm({ ...form, [key]: e.target.value });
    },
  });
  const operators = [
    { value: '', label: t('settings.operators.unset') },
    { value: 'own', label: t('settings.operators.own') },
    { value: 'provider', label: t('settings.operators.provider') },
  ];
  function onSubmit(e: FormEvent): void {
    e.preventDefault();
    void save.run();
  }

  return (
    <>
      <PageTitle>{t('settings.title')}</PageTitle>
      <p className="lead">{t('settings.lead')}</p>
      <NoticeChecklist key={checklistKey} showLinks={false} />
      <form onSubmit={onSubmit} className="form settings-form">
        <fieldset>
          <legend>{t('settings.controllerTitle')}</legend>
          <p className="field-hint">{t('settings.controllerHint')}</p>
          <TextField label={t('settings.name')} required maxLength={200} autoComplete="organization" {...field('name')} />
          <TextField label={t('settings.address')} hint={t('settings.addressHint')} maxLength={300} {...field('address')} />
          <TextField label={t('settings.privacyEmail')} type="email" maxLength={254} {...field('privacyEmail')} />
        </fieldset>
        <fieldset>
          <legend>{t('settings.dpoTitle')}</legend>
          <p className="field-hint">{t('settings.dpoHint')}</p>
          <TextField label={t('settings.dpoName')} maxLength={100} {...field('dpoName')} />
          <TextField label={t('settings.dpoEmail')} type="email" maxLength={254} {...field('dpoEmail')} />
        </fieldset>
        <fieldset>
          <legend>{t('settings.authorityTitle')}</legend>
          <p className="field-hint">{t('settings.authorityHint')}</p>
          <TextField label={t('settings.authorityName')} maxLength={200} {...field('authorityName')} />
          <TextField label={t('settings.authorityAddress')} maxLength={300} {...field('authorityAddress')} />
        </fieldset>
        <fieldset>
          <legend>{t('settings.servicesTitle')}</legend>
          <p className="field-hint">{t('settings.servicesHint')}</p>
          <SelectField label={t('settings.hosting')} options={operators} {...field('hosting')} />
          {form.hosting === 'own' && (
            <TextField label={t('settings.hostingCountry')} required maxLength={2} pattern="[A-Za-z]{2}" {...field('hostingCountry')} />
          )}
          <SelectField label={t('settings.mail')} options={operators} {...field('mail')} />
          <SelectField label={t('settings.telephony')} options={operators} {...field('telephony')} />
        </fieldset>
        <fieldset>
          <legend>{t('settings.lookTitle')}</legend>
          <div className="field">
            <label htmlFor="accent-colour">{t('settings.accentColour')}</label>
            <input
              id="accent-colour"
              type="color"
              aria-describedby="accent-colour-hint"
              value={form.accentColour || '#1f5fbf'}
              onChange={field('accentColour').onChange}
            />
            <p className="field-hint" id="accent-colour-hint">
              {t('settings.accentHint')}
            </p>
          </div>
          <SelectField
            label={t('settings.defaultLanguage')}
            options={(['de', 'en'] as const).map((l) => ({ value: l, label: t(`settings.languages.${l}`) }))}
            {...field('defaultLanguage')}
          />
          <SelectField
            label={t('settings.timeZone')}
            hint={t('settings.timeZoneHint')}
            options={zones.map((zone) => ({ value: zone, label: zone.replaceAll('_', ' ') }))}
            {...field('timeZone')}
          />
        </fieldset>
        <ErrorAlert error={save.error} />
        {saved && <StatusMessage>{t('settings.saved')}</StatusMessage>}
        <div className="form-actions">
          <button type="submit" disabled={save.pending}>
            {t('settings.save')}
          </button>
        </div>
      </form>

      <section className="settings-logo" aria-labelledby="logo-title">
        <h2 id="logo-title">{t('settings.logo')}</h2>
        {settings.data.logoUrl && (
          <p>
            <img src={settings.data.logoUrl} alt={t('settings.logoCurrent')} className="settings-logo-preview" />
          </p>
        )}
        <div className="field">
          <label htmlFor="logo-file">{t('settings.logo')}</label>
          <input
            id="logo-file"
            type="file"
            accept="image/png,image/jpeg,image/webp"
            aria-describedby="logo-hint"
            onChange={(e) => void logo.run(e.target.files?.[0])}
          />
          <p className="field-hint" id="logo-hint">
            {t('settings.logoHint')}
          </p>
        </div>
        {logoError && (
          <div className="alert alert-error" role="alert">
            <p>{logoError}</p>
          </div>
        )}
        <ErrorAlert error={logo.error ?? dropLogo.error} />
        {settings.data.logoUrl && (
          <button type="button" className="secondary" onClick={() => void dropLogo.run()} disabled={dropLogo.pending}>
            {t('settings.removeLogo')}
          </button>
        )}
      </section>
    </>
  );
}
