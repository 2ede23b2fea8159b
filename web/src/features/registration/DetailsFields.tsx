import { useTranslation } from 'react-i18next';
import { SelectField, TextField } from '../../ui/Field';
import type { OptionalField } from '../events/api';
import type { PublicEvent, RegistrantDetails } from './api';

/**
 * The fields a registrant fills in: first name, last name (required), the optional ones the host
 * asks for this event, then the host's optional questions. A field the event no longer asks still
 * shows while it holds a value given earlier, so the registrant can clear it.
 */
export function DetailsFields({
  details,
  event,
  onChange,
}: {
  details: RegistrantDetails;
  event: Pick<PublicEvent, 'questions' | 'optionalFields'>;
  onChange: (next: RegistrantDetails) => void;
}) {
  const { t } = useTranslation();
  const { questions } = event;
  const shown = (field: OptionalField) => event.optionalFields[field] === 'optional' || Boolean(details[field]);
  const set = (field: 'firstName' | 'lastName' | 'company' | 'industry' | 'phone') => (e: { target: { value: string } }) =>
    onChange({ ...details, [field]: e.target.value });
  const answer = (id: string, value: string) => onChange({ ...details, answers: { ...details.answers, [id]: value } });
  return (
    <>
      <TextField
        label={t('registration.firstName')}
        required
        maxLength={100}
        autoComplete="given-name"
        value={details.firstName}
        onChange={set('firstName')}
      />
      <TextField
        label={t('registration.lastName')}
        required
        maxLength={100}
        autoComplete="family-name"
        value={details.lastName}
        onChange={set('lastName')}
      />
      {shown('company') && (
        <TextField
          label={t('registration.company')}
          hint={t('registration.optional')}
          maxLength={200}
          autoComplete="organization"
          value={details.company ?? ''}
          onChange={set('company')}
        />
      )}
      {shown('industry') && (
        <TextField
          label={t('registration.industry')}
          hint={t('registration.optional')}
          maxLength={200}
          value={details.industry ?? ''}
          onChange={set('industry')}
        />
      )}
      {shown('phone') && (
        <TextField
          label={t('registration.phone')}
          hint={t('registration.phoneHint')}
          type="tel"
          maxLength={40}
          autoComplete="tel"
          value={details.phone ?? ''}
          onChange={set('phone')}
        />
      )}
      {questions.map((q) =>
        q.kind === 'choice' ? (
          <SelectField
            key={q.id}
            label={q.label}
            hint={t('registration.purpose', { purpose: q.purpose })}
            value={details.answers[q.id] ?? ''}
            onChange={(e) => answer(q.id, e.target.value)}
            options={[{ value: '', label: '—' }, ...(q.choices ?? []).map((c) => ({ value: c, label: c }))]}
          />
        ) : (
          <TextField
            key={q.id}
            label={q.label}
            hint={t('registration.purpose', { purpose: q.purpose })}
            maxLength={2000}
            value={details.answers[q.id] ?? ''}
            onChange={(e) => answer(q.id, e.target.value)}
          />
        ),
      )}
    </>
  );
}
