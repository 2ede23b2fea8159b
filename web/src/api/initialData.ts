import { z } from 'zod';
import { currentLanguage } from '../i18n';

/**
 * Data the server put into a page it rendered a shell of (src/http/page-shell.ts), so the page
 * shows at once instead of fetching it again. Taken once: a later load (a language switch, a
 * retry) asks the server.
 */
const envelope = z.object({ path: z.string(), language: z.string(), data: z.unknown() });

function readEmbedded(): z.output<typeof envelope> | undefined {
  const element = document.getElementById('plenum-initial-data');
  if (!element?.textContent) return undefined;
  element.remove();
  try {
    return envelope.safeParse(JSON.parse(element.textContent)).data;
  } catch {
    return undefined;
  }
}

let initial = readEmbedded();

/** The server's data for `path` in the current language, read with the route's own schema; undefined otherwise. */
export function takeInitialData<S extends z.ZodType>(path: string, schema: S): z.output<S> | undefined {
  if (!initial || initial.path !== path || initial.language !== currentLanguage()) return undefined;
  const parsed = schema.safeParse(initial.data);
  initial = undefined;
  return parsed.data;
}
