/**
 * Text people wrote, put into the minutes' Markdown so that it reads as what it is and nothing
 * more: no emphasis, link, HTML or table of theirs, and no line of theirs that starts a list item,
 * a heading or a quote (which would forge an entry of the minutes).
 */

/** Characters that start inline Markdown (emphasis, code, links, HTML, entities, tables, strike-through). */
const inline = /[\\`*_[\]<>&|~]/g;
/** What makes a line a list item, heading, quote, rule or setext underline. */
const blockStart = /^(\s*)([-+#>=]|\d+(?=[.)]))/;

function escapeLine(line: string): string {
  const escaped = line.replace(inline, '\\$&');
  const start = blockStart.exec(escaped);
  if (!start) return escaped;
  const [whole, space = '', marker = ''] = start;
  // "1." → "1\.", "- x" → "\- x": the marker stays visible, the structure goes.
  return /^\d/.test(marker) ? `${space}${marker}\\${escaped.slice(whole.length)}` : `${space}\\${marker}${escaped.slice(whole.length)}`;
}

/** A name (or title) on one line: line breaks become spaces. */
export function markdownName(name: string): string {
  return escapeLine(name.replace(/\s+/g, ' ').trim());
}

/** A message inside a list item: every line escaped, continuation lines indented into the item. */
export function markdownText(text: string): string {
  return text
    .split(/\r\n|\r|\n/)
    .map(escapeLine)
    .join('\n  ');
}
