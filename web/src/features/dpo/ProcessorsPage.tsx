import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../i18n';
import { ErrorAlert } from '../../ui/Alert';
import { SelectField, TextField } from '../../ui/Field';
import { PageTitle } from '../../ui/PageTitle';
import { useAction } from '../../ui/useAction';
import { useLoad } from '../../ui/useLoad';
import { NoticeChecklist } from '../settings/NoticeChecklist';
import { addProcessor, fetchProcessors, removeProcessor, type Processor } from './api';

const empty = {
  name: '',
  purposeEn: '',
  purposeDe: '',
  country: 'DE',
  transferBasis: 'eu' as Processor['transferBasis'],
  service: 'other' as Processor['service'],
};

/** The processor registry (Art. 28) the privacy notice names; a change makes a new notice version. */
export function ProcessorsPage() {
  const { t } = useTranslation();
  const processors = useLoad(fetchProcessors);
  const [form, setForm] = useState(empty);
  const add = useAction(async () => {
    await addProcessor(form);
    setForm(empty);
    processors.reload();
  });
  const remove = useAction(async (id: string) => {
    await removeProcessor(id);
    processors.reload();
  });

  function onSubmit(e: FormEvent): void {
    e.preventDefault();
    void add.run();
  }

  const language = currentLanguage();
  return (
    <>
      <PageTitle>{t('dpo.processorsTitle')}</PageTitle>
      <p className="lead">{t('dpo.processorsLead')}</p>
      <NoticeChecklist showLinks={false} />
      <ErrorAlert error={processors.error ?? remove.error} />
      {processors.data?.processors.length === 0 && <p className="muted">{t('dpo.noProcessors')}</p>}
      <ul>
        {processors.data?.processors.map((p) => (
          <li key={p.id}>
            <strong>{p.name}</strong> ({t(`dpo.services.${p.service}`)}): {language === 'de' ? p.purposeDe : p.purposeEn} ({p.country},{' '}
            {t(`dpo.bases.${p.transferBasis}`)}){' '}
            <button type="button" className="secondary" onClick={() => void remove.run(p.id)}>
              {t('dpo.remove')}
            </button>
          </li>
        ))}
      </ul>
      <form onSubmit={onSubmit} className="form form-grid">
        <TextField label={t('dpo.name')} required value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />
        <SelectField
          label={t('dpo.service')}
          value={form.service}
          onChange={(e) => setForm({ ...form, service: e.target.value as Processor['service'] })}
          options={(['hosting', 'mail', 'telephony', 'other'] as const).map((s) => ({ value: s, label: t(`dpo.services.${s}`) }))}
        />
        <TextField
          label={t('dpo.purposeEn')}
          required
          value={form.purposeEn}
          onChange={(e) => setForm({ ...form, purposeEn: e.target.value })}
        />
        <TextField
          label={t('dpo.purposeDe')}
          required
          value={form.purposeDe}
          onChange={(e) => setForm({ ...form, purposeDe: e.target.value })}
        />
        <TextField
          label={t('dpo.country')}
          required
          maxLength={2}
          value={form.country}
          onChange={(e) => setForm({ ...form, country: e.target.value.toUpperCase() })}
        />
        <SelectField
          label={t('dpo.transferBasis')}
          value={form.transferBasis}
          onChange={(e) => setForm({ ...form, transferBasis: e.target.value as Processor['transferBasis'] })}
          options={(['eu', 'adequacy', 'scc', 'bcr'] as const).map((b) => ({ value: b, label: t(`dpo.bases.${b}`) }))}
        />
        <ErrorAlert error={add.error} />
        <div className="form-actions">
          <button type="submit" disabled={add.pending}>
            {t('dpo.add')}
          </button>
        </div>
      </form>
    </>
  );
}
