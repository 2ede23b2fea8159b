import { useEffect, useId, useRef, type ReactNode } from 'react';

/**
 * A modal dialog on the room's stage: the browser keeps focus inside and makes the rest inert.
 * Escape and the close button call `onClose`; the first element marked `data-autofocus` (the
 * safe choice) has the focus first.
 */
export function RoomDialog({ title, children, onClose }: { title: string; children: ReactNode; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    element?.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    return () => element?.close();
  }, []);

  return (
    <dialog
      ref={dialog}
      className="room-dialog"
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <h2 id={titleId}>{title}</h2>
      {children}
    </dialog>
  );
}

/** What went wrong in a dialog's action, read out at once; nothing while all is well. */
export function DialogError({ error }: { error: string | undefined }) {
  if (!error) return null;
  return (
    <p className="dialog-error" role="alert">
      {error}
    </p>
  );
}
