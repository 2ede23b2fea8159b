import { useTranslation } from 'react-i18next';
import { TextField } from './Field';

const minPasswordLength = 12;

/** A new password typed twice; the form compares both before it submits (`password.mismatch`). */
export function PasswordFields({
  label,
  password,
  repeat,
  onPassword,
  onRepeat,
}: {
  label: string;
  password: string;
  repeat: string;
  onPassword: (value: string) => void;
  onRepeat: (value: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <>
      <TextField
        label={label}
        type="password"
        autoComplete="new-password"
        required
        minLength={minPasswordLength}
        hint={t('password.hint', { min: minPasswordLength })}
        value={password}
        onChange={(event) => onPassword(event.target.value)}
      />
      <TextField
        label={t('password.repeat')}
        type="password"
        autoComplete="new-password"
        required
        value={repeat}
        onChange={(event) => onRepeat(event.target.value)}
      />
    </>
  );
}
