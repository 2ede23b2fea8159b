import 'altcha/external';
import type {} from 'altcha/types/react';
import 'altcha/altcha.css';
import 'altcha/i18n/de';
import 'altcha/i18n/en';
import Pbkdf2Worker from 'altcha/workers/pbkdf2?worker';
import { useEffect, useRef } from 'react';
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
  return <altcha-widget ref={ref} challenge="/api/public/captcha" language={currentLanguage()} configuration={JSON.stringify({ hideFooter: true, hideLogo: true })} />;
}
