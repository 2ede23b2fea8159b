import 'altcha/external';
import type {} from 'altcha/types/react';
import 'altcha/altcha.css';
import 'altcha/i18n/de';
import 'altcha/i18n/en';
import Pbkdf2Worker from 'altcha/workers/pbkdf2?worker';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { currentLanguage } from '../../i18n';

// The CSP-friendly build: styles from our own CSS file, the proof-of-work in a worker served by
// Plenum itself. The widget fetches its challenge from Plenum and nothing else.
$altcha.algorithms.set('PBKDF2/SHA-256', () => new Pbkdf2Worker());

/** The ALTCHA widget; reports the payload once the browser has solved the challenge. */
export function Captcha({ onSolved }: { onSolved: (payload: string | undefined) => void }) {
  const ref = useRef<HTMLElement>(null);
  useEffect(() => {
    const widget = ref.current;
    if (!widget) return;
    const onChange = (event: Event) => {
      const detail = (event as CustomEvent<{ state: string; payload?: string }>).detail;
      onSolved(detail.state === 'verified' ? detail.payload : undefined);
    };
    widget.addEventListener('statechange', onChange);
    return () => widget.removeEventListener('statechange', onChange);
  }, [onSolved]);
  return (
    <altcha-widget
      ref={ref}
      challenge="/api/public/captcha"
      language={currentLanguage()}
      configuration={JSON.stringify({ hideFooter: true, hideLogo: true })}
    />
  );
}

/**
 * For forms that need the captcha only when the server asks for it (after many wrong attempts
 * at a meeting or an account): `check` before sending, `answered` on an error.
 */
export function useCaptchaOnDemand() {
  const { t } = useTranslation();
  const [needed, setNeeded] = useState(false);
  const [payload, setPayload] = useState<string>();
  // Each solution is accepted once: after a submission the widget starts again.
  const [round, setRound] = useState(0);

  /** The payload to send with this submission (undefined while not needed); throws when it is needed but not solved. */
  const check = useCallback((): string | undefined => {
    if (!needed) return undefined;
    if (!payload) throw new Error(t('registration.captchaFirst'));
    setPayload(undefined);
    setRound((r) => r + 1);
    return payload;
  }, [needed, payload, t]);

  /** Shows the captcha when the server asked for it. */
  const answered = useCallback((error: unknown) => {
    if (error instanceof ApiError && (error.code === 'ERR_CAPTCHA_REQUIRED' || error.code === 'ERR_CAPTCHA_INVALID')) setNeeded(true);
  }, []);

  return { check, answered, widget: needed ? <Captcha key={round} onSolved={setPayload} /> : null };
}
