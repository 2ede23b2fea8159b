import { useEffect } from 'react';

/** The page's heading and the tab title; focusable so the shell can move focus here after navigating. */
export function PageTitle({ children }: { children: string }) {
  useEffect(() => {
    document.title = `${children} · Plenum`;
  }, [children]);
  return <h1 tabIndex={-1}>{children}</h1>;
}
