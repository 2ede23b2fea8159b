import type { ReactNode } from 'react';
import { LanguageSwitcher } from '../../ui/LanguageSwitcher';

/** The dark frame of the room pages: one header row (product mark, heading, tools, language), then the content. */
export function RoomFrame({ heading, tools, children }: { heading: ReactNode; tools?: ReactNode; children: ReactNode }) {
  return (
    <div className="room">
      <header className="room-topbar">
        <img src="/favicon.svg" alt="" width={24} height={24} />
        <div className="room-heading">{heading}</div>
        {tools}
        <LanguageSwitcher short />
      </header>
      <main id="main" className="room-main">
        {children}
      </main>
    </div>
  );
}
