import type { NoticePart } from './notice.js';

/**
 * What changed between two versions of the notice, part by part and paragraph by paragraph, as
 * a reader would mark it up: paragraphs added, removed, or changed (the old wording beside the new).
 */

export type ParagraphChange = { kind: 'added' | 'removed'; text: string } | { kind: 'changed'; before: string; after: string };

export interface PartChange {
  title: string;
  /** `added`/`removed`: the whole part is new or gone; `changed`: some of its paragraphs. */
  kind: 'added' | 'removed' | 'changed';
  paragraphs: ParagraphChange[];
}

type Step = { kind: 'same' | 'added' | 'removed'; text: string };

/** The shortest edit from `before` to `after` (longest common subsequence; notices have tens of paragraphs). */
function edits(before: readonly string[], after: readonly string[]): Step[] {
  const common = before.map(() => new Array<number>(after.length + 1).fill(0));
  common.push(new Array<number>(after.length + 1).fill(0));
  for (let i = before.length - 1; i >= 0; i--)
    for (let j = after.length - 1; j >= 0; j--)
      common[i]![j] = before[i] === after[j] ? common[i + 1]![j + 1]! + 1 : Math.max(common[i + 1]![j]!, common[i]![j + 1]!);
  const steps: Step[] = [];
  let i = 0;
  let j = 0;
  while (i < before.length || j < after.length) {
    if (i < before.length && j < after.length && before[i] === after[j]) {
      steps.push({ kind: 'same', text: before[i++]! });
      j++;
    } else if (j < after.length && (i === before.length || common[i]![j + 1]! >= common[i + 1]![j]!))
      steps.push({ kind: 'added', text: after[j++]! });
    else steps.push({ kind: 'removed', text: before[i++]! });
  }
  return steps;
}

/** Paragraph changes: a run of removals next to a run of additions pairs up as changed paragraphs, in order. */
export function paragraphChanges(before: readonly string[], after: readonly string[]): ParagraphChange[] {
  const changes: ParagraphChange[] = [];
  const steps = edits(before, after);
  for (let k = 0; k < steps.length;) {
    if (steps[k]!.kind === 'same') {
      k++;
      continue;
    }
    const run: Step[] = [];
    while (k < steps.length && steps[k]!.kind !== 'same') run.push(steps[k++]!);
    const removed = run.filter((s) => s.kind === 'removed').map((s) => s.text);
    const added = run.filter((s) => s.kind === 'added').map((s) => s.text);
    const paired = Math.min(removed.length, added.length);
    for (let n = 0; n < paired; n++) changes.push({ kind: 'changed', before: removed[n]!, after: added[n]! });
    changes.push(...removed.slice(paired).map((text) => ({ kind: 'removed' as const, text })));
    changes.push(...added.slice(paired).map((text) => ({ kind: 'added' as const, text })));
  }
  return changes;
}

/** The parts that differ, in the newer version's order, parts that were dropped last. */
export function noticeChanges(before: readonly NoticePart[], after: readonly NoticePart[]): PartChange[] {
  const earlier = new Map(before.map((part) => [part.key, part]));
  const changes: PartChange[] = [];
  for (const part of after) {
    const old = earlier.get(part.key);
    if (!old) {
      changes.push({ title: part.title, kind: 'added', paragraphs: part.paragraphs.map((text) => ({ kind: 'added', text })) });
      continue;
    }
    const paragraphs = paragraphChanges(old.paragraphs, part.paragraphs);
    if (paragraphs.length || old.title !== part.title) changes.push({ title: part.title, kind: 'changed', paragraphs });
  }
  const kept = new Set(after.map((part) => part.key));
  for (const part of before.filter((p) => !kept.has(p.key)))
    changes.push({ title: part.title, kind: 'removed', paragraphs: part.paragraphs.map((text) => ({ kind: 'removed', text })) });
  return changes;
}
