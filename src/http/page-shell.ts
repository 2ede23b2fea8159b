import type { Language } from '../config.js';

/**
 * What the server puts into the web client's index.html for a page that must be readable before
 * the JavaScript runs (a registration page opened from a mail or a slow phone): the page's title,
 * its language, static markup inside #root (React replaces it when it renders) and, optionally, the
 * data the page would fetch first, so it renders at once without a second request.
 */
export interface PageShell {
  title: string;
  language: Language;
  /** Markup for #root; the caller escapes everything it did not render safely itself. */
  html: string;
  /** Read by the web client (`web/src/api/initialData.ts`) for `path` in `language`. */
  initialData?: { path: string; data: unknown };
}

const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => entities[c]!);

/** JSON inside a script element: `<` escaped, so no text in it can close the element. */
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

export function renderPageShell(indexHtml: string, shell: PageShell): string {
  const data = shell.initialData
    ? `<script type="application/json" id="plenum-initial-data">${scriptJson({ ...shell.initialData, language: shell.language })}</script>`
    : '';
  return indexHtml
    .replace(/<html lang="[^"]*">/, `<html lang="${shell.language}">`)
    .replace(/<title>[^<]*<\/title>/, `<title>${escapeHtml(shell.title)}</title>`)
    .replace('<div id="root"></div>', `<div id="root">${shell.html}</div>${data}`);
}
