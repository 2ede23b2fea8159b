import { useState } from 'react';

/**
 * An editable copy of loaded data (a form): it starts from `source` and starts over whenever
 * `source` is replaced, as by a reload after saving. Derived while rendering, so the form never
 * shows a frame with the old values.
 */
export function useDraft<Source, Draft>(
  source: Source | undefined,
  toDraft: (source: Source) => Draft,
): [Draft | undefined, (draft: Draft) => void] {
  const [edited, setEdited] = useState<{ source: Source; draft: Draft }>();
  if (source === undefined) return [undefined, () => undefined];
  const draft = edited?.source === source ? edited.draft : toDraft(source);
  return [draft, (next) => setEdited({ source, draft: next })];
}
