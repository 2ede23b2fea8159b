import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isStaffRole, staffRoles, type StaffRole } from '../../api/types';
import { ErrorAlert } from '../../ui/Alert';
import { SelectField, TextField } from '../../ui/Field';
import { useAction } from '../../ui/useAction';
import { createToken, type CreatedToken } from './api';
import { NewTokenNotice } from './NewTokenNotice';

export function CreateTokenForm({ onCreated }: { onCreated: () => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [role, setRole] = useState<StaffRole>('host');
  const [created, setCreated] = useState<CreatedToken>();
  const submit = useAction(async () => {
    setCreated(await createToken(name, role));
    setName('');
    onCreated();
  });

  function onSubmit(event: FormEvent): void {
    event.preventDefault();
    void submit.run();
  }

  return (
    <section className="card" aria-labelledby="create-token">
      <h2 id="create-token">{t('apiTokens.createTitle')}</h2>
      <p className="muted">{t('apiTokens.createText')}</p>
      <form onSubmit={onSubmit} className="form form-grid">
        <TextField
          label={t('apiTokens.name')}
          hint={t('apiTokens.nameHint')}
          autoComplete="off"
          required
          maxLength={100}
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
        <SelectField
          label={t('fields.role')}
          value={role}
          onChange={(e) => isStaffRole(e.target.value) && setRole(e.target.value)}
          options={staffRoles.map((value) => ({ value, label: t(`roles.${value}`) }))}
        />
        <div className="form-actions">
          <button type="submit" disabled={submit.pending}>
            {t('apiTokens.create')}
          </button>
        </div>
      </form>
      <ErrorAlert error={submit.error} />
      {created && <NewTokenNotice created={created} onDismiss={() => setCreated(undefined)} />}
    </section>
  );
}
