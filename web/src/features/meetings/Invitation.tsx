import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Meeting } from './api';

/** The text a host passes on: join link, meeting ID and passcode, ready to copy. */
export function Invitation({ meeting }: { meeting: Meeting }) {
  const { t } = useTranslation();
  const id = useId();
  const field = useRef<HTMLTextAreaElement>(null);
  const [copied, setCopied] = useState(false);
  const text = t('meetings.invitationText', {
    title: meeting.title,
    joinUrl: meeting.joinUrl,
    meetingNumber: meeting.meetingNumber,
    passcode: meeting.passcode,
  });

  async function copy(): Promise<void> {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
    } catch {
      // Without clipboard access (plain HTTP, denied permission) select it, so Ctrl+C copies it.
      field.current?.select();
    }
  }

  return (
    <div className="invitation">
      <label htmlFor={id}>{t('meetings.invitation')}</label>
      <textarea id={id} ref={field} readOnly rows={7} value={text} onFocus={(e) => e.target.select()} />
      <button type="button" className="secondary" onClick={() => void copy()}>
        {copied ? t('meetings.copied') : t('meetings.copy')}
        <span className="visually-hidden">: {meeting.title}</span>
      </button>
    </div>
  );
}
