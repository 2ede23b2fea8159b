import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { NoticeText } from './types';

/**
 * The consent question, as a modal dialog: the browser keeps focus inside it and makes the rest
 * of the page inert. "Do not record me" has the focus first; Escape, closing and ignoring all
 * count as declining.
 */
export function ConsentDialog({
  notice,
  version,
  onDecide,
}: {
  notice: NoticeText;
  version: string;
  onDecide(decision: 'consent' | 'decline'): void;
}) {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  const decline = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const bodyId = useId();

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    // The safe choice has the focus first (showModal would focus the scrollable notice).
    decline.current?.focus();
    return () => element?.close();
  }, []);

  const rows: [string, string][] = [
    [t('recording.dialogTracks'), notice.tracks],
    [t('recording.dialogPurpose'), notice.purpose],
    [t('recording.dialogRetention'), notice.retention],
    [t('recording.dialogAccess'), notice.access],
    [t('recording.dialogWithdrawal'), notice.withdrawal],
  ];

  return (
    <dialog
      ref={dialog}
      className="recording-dialog"
      aria-labelledby={titleId}
      aria-describedby={bodyId}
      onCancel={(event) => {
        event.preventDefault();
        onDecide('decline');
      }}
    >
      <h2 id={titleId}>{notice.title}</h2>
      {/* Focusable, so the notice can be scrolled with the keyboard on small screens (WCAG 2.1.1; axe's scrollable-region-focusable). */}
      {/* eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- a scrolling region must take focus to be scrolled by keyboard */}
      <dl id={bodyId} className="recording-notice" tabIndex={0}>
        {rows.map(([term, text]) => (
          <div key={term}>
            <dt>{term}</dt>
            <dd>{text}</dd>
          </div>
        ))}
      </dl>
      <p className="recording-version">{t('recording.noticeVersion', { version })}</p>
      <div className="recording-choices">
        <button type="button" ref={decline} onClick={() => onDecide('decline')}>
          {t('recording.decline')}
        </button>
        <button type="button" className="secondary" onClick={() => onDecide('consent')}>
          {t('recording.consent')}
        </button>
      </div>
    </dialog>
  );
}
