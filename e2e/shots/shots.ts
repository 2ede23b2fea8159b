import { mkdirSync } from 'node:fs';

/** What the screenshot scripts share: the two screen sizes, the output folder, and a label in either language. */

export const shotSizes = [
  { name: 'desktop', width: 1366, height: 768 },
  { name: 'phone', width: 390, height: 844 },
] as const;

/** The folder named on the command line (or `fallback`), created. */
export function shotsDir(fallback: string): string {
  const out = process.argv[2] ?? fallback;
  mkdirSync(out, { recursive: true });
  return out;
}

/** An accessible name in English or German. */
export const label = (en: string, de: string) => new RegExp(`^(${en}|${de})$`);
