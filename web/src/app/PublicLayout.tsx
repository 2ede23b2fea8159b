import type { ReactNode } from 'react';
import { LanguageSwitcher } from '../ui/LanguageSwitcher';
import { Brand } from './Brand';
import { SkipLink } from './SkipLink';

/** Frame of the pages before sign-in: the product name, the language choice and one centred card. */
export function PublicLayout({ children }: { children: ReactNode }) {
  return (
    <>
      <SkipLink />
      <header className="app-header">
        <Brand />
        <LanguageSwitcher />
      </header>
      <main id="main" className="public-main">
        <div className="card public-card">{children}</div>
      </main>
    </>
  );
}
