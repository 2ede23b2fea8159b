import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CreatedToken } from './api';

/** Shows a new token's secret once, with a copy button; the server never shows it again. */
export function NewTokenNotice({ created, onDismiss }: { created: CreatedToken; onDismiss: () => void }) {
  const { t } = useTranslation();
  const field = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState(false);

  async function copy(): Promise<void> {
    try {
      await navigator.clipboard.writeText(created.token);
      setCopied(true);
    } catch {
      // Without clipboard access (plain HTTP, denied permission) select it, so Ctrl+C copies it.
      field.current?.select();
    }
  }

  return (
    <div className="alert alert-warning" role="alert">
      <p>
        <strong>{t('apiTokens.createdTitle', { name: created.name })}</strong>
      </p>
      <p>{t('apiTokens.createdWarning')}</p>
      <div className="copy-row">
        <label htmlFor="new-token" className="visually-hidden">
          {t('apiTokens.secretLabel')}
        </label>
        <input id="new-token" ref={field} className="secret" readOnly value={created.token} onFocus={(e) => e.target.select()} />
        <button type="button" onClick={() => void copy()}>
          {copied ? t('apiTokens.copied') : t('apiTokens.copy')}
        </button>
      </div>
      <button type="button" className="secondary" onClick={onDismiss}>
        {t('apiTokens.dismiss')}
      </button>
    </div>
  );
}
