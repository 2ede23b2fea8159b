import type { ReactNode } from 'react';
import { LanguageSwitcher } from '../../ui/LanguageSwitcher';

/** The dark frame of the room pages: one header row (product mark, heading, tools, language), then the content. */
export function RoomFrame({
  heading,
  tools,
  children,
  wrapHeading = false,
}: {
  heading: ReactNode;
  tools?: ReactNode;
  children: ReactNode;
  /** The heading wraps onto a second line instead of being cut (a screen's title that must be read whole). */
  wrapHeading?: boolean;
}) {
  return (
    <div className="room">
      <header className="room-topbar">
        <img src="/favicon.svg" alt="" width={24} height={24} />
        <div className={wrapHeading ? 'room-heading room-heading-wrap' : 'room-heading'}>{heading}</div>
        {tools}
        <LanguageSwitcher short />
      </header>
      <main id="main" className="room-main">
        {children}
      </main>
    </div>
  );
}
