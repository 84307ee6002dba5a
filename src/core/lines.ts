import type { Document, Span } from './document.js';
import type { Removal, StepContext } from './step.js';

/** A decision to remove line `index` (0-based, lines split on `\n`). */
export interface LineRemoval extends Removal {
  index: number;
}

/**
 * Removes the given lines from doc.text, records one span per removed line (code-point offsets into
 * the text as it entered the step, including the line's newline) and counts lines/chars per rule.
 * When two removals name the same line, the first wins.
 */
export function applyLineRemovals(doc: Document, ctx: StepContext, removals: LineRemoval[]): Document {
  if (removals.length === 0) return doc;
  const byIndex = new Map<number, LineRemoval>();
  for (const removal of removals) if (!byIndex.has(removal.index)) byIndex.set(removal.index, removal);
  const lines = doc.text.split('\n');
  const kept: string[] = [];
  const spans: Span[] = [];
  // Code-point offsets kept as a running count: converting each UTF-16 offset from the start of the
  // text would be quadratic in the number of lines when the text has astral characters (emoji).
  const astral = /[\uD800-\uDBFF]/.test(doc.text);
  let points = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const newline = i < lines.length - 1 ? 1 : 0;
    const pointLength = (astral ? [...line].length : line.length) + newline;
    const removal = byIndex.get(i);
    if (removal) {
      spans.push({
        start: points,
        end: points + pointLength,
        step: ctx.step,
        rule: removal.rule,
        value: removal.value,
        threshold: removal.threshold,
      });
      ctx.counters.removedLines(removal.rule, 1, [...line].length);
    } else {
      kept.push(line);
    }
    points += pointLength;
  }
  doc.text = kept.join('\n');
  doc.taomi.removed_spans = [...(doc.taomi.removed_spans ?? []), ...spans];
  return doc;
}
