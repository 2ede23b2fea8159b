import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from '../../app/router';
import { isStaffRole, staffRoles, type StaffRole } from '../../api/types';
import { currentLanguage, isLanguage, languages, type Language } from '../../i18n';
import { ErrorAlert, StatusMessage } from '../../ui/Alert';
import { SelectField, TextField } from '../../ui/Field';
import { useAction } from '../../ui/useAction';
import { inviteStaff } from './api';

export function InviteForm({ onInvited }: { onInvited: () => void }) {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<StaffRole>('host');
  const [language, setLanguage] = useState<Language>(currentLanguage);
  const [invited, setInvited] = useState<string>();
  const submit = useAction(async () => {
    setInvited(undefined);
    await inviteStaff({ email, displayName, role, language });
    setInvited(email);
    setEmail('');
    setDisplayName('');
    onInvited();
  });

  function onSubmit(event: FormEvent): void {
    event.preventDefault();
    void submit.run();
  }

  return (
    <section className="card" aria-labelledby="invite-heading">
      <h2 id="invite-heading">{t('staff.inviteTitle')}</h2>
      <p className="muted">{t('staff.inviteText')}</p>
      <form onSubmit={onSubmit} className="form form-grid">
        <TextField
          label={t('fields.email')}
          type="email"
          autoComplete="off"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
        <TextField
          label={t('fields.displayName')}
          autoComplete="off"
          required
          maxLength={100}
          value={displayName}
          onChange={(e) => setDisplayName(e.target.value)}
        />
        <SelectField
          label={t('fields.role')}
          value={role}
          onChange={(e) => isStaffRole(e.target.value) && setRole(e.target.value)}
          options={staffRoles.map((value) => ({ value, label: t(`roles.${value}`) }))}
        />
        <SelectField
          label={t('staff.mailLanguage')}
          value={language}
          onChange={(e) => isLanguage(e.target.value) && setLanguage(e.target.value)}
          options={languages.map((value) => ({ value, label: t(`language.${value}`) }))}
        />
        <div className="form-actions">
          <button type="submit" disabled={submit.pending}>
            {t('staff.invite')}
          </button>
        </div>
      </form>
      <ErrorAlert error={submit.error} />
      {invited && (
        <StatusMessage>
          {t('staff.invited', { email: invited })} <Link to="/outbox">{t('staff.toOutbox')}</Link>
        </StatusMessage>
      )}
    </section>
  );
}
