import { useEffect } from 'react';

/**
 * The page's heading and the tab title; focusable so the shell can move focus here after navigating.
 * `truncated`: shown on one line, cut with an ellipsis where it is too long; the whole text shows on hover.
 */
export function PageTitle({ children, truncated = false }: { children: string; truncated?: boolean }) {
  useEffect(() => {
    document.title = `${children} · Plenum`;
  }, [children]);
  return (
    <h1 tabIndex={-1} title={truncated ? children : undefined}>
      {children}
    </h1>
  );
}
