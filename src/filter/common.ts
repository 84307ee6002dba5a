import { z } from 'zod';
import type { Document } from '../core/document.js';
import { perDocument, type StreamStep } from '../core/step.js';

/** `filter` removes failing documents; `annotate` only writes the scores (dolma's "tag, then mix"). */
export const modeOption = z.enum(['filter', 'annotate']).default('filter');
export type Mode = z.output<typeof modeOption>;

/** A threshold option; `null` switches the rule off. */
export function threshold(defaultValue: number | null) {
  return z.number().nullable().default(defaultValue);
}

/** One rule evaluated on one document. `failed` is false when the rule is off. */
export interface Check {
  rule: string;
  value: number;
  threshold: number | null;
  failed: boolean;
}

export function below(rule: string, value: number, min: number | null): Check {
  return { rule, value, threshold: min, failed: min !== null && value < min };
}

export function above(rule: string, value: number, max: number | null): Check {
  return { rule, value, threshold: max, failed: max !== null && value > max };
}

/** Rounds a score for the compact `taomi.quality` annotation. */
export function round(value: number): number {
  return Number.isFinite(value) ? Math.round(value * 1000) / 1000 : value;
}

/** Writes a filter's scores under `doc.taomi.quality[step]`, so thresholds can be re-tuned offline. */
export function annotate(doc: Document, step: string, scores: Record<string, number>): void {
  const quality = (doc.taomi.quality ??= {}) as Record<string, unknown>;
  const compact: Record<string, number> = {};
  for (const [key, value] of Object.entries(scores)) compact[key] = round(value);
  quality[step] = compact;
}

/** Safe ratio: 0 when there is nothing to divide by. */
export function ratio(part: number, whole: number): number {
  return whole > 0 ? part / whole : 0;
}

/**
 * A document filter: `evaluate` returns the scores and the rule checks in the order the rules apply.
 * Every document gets its scores annotated; in `filter` mode the first failing rule removes it.
 */
export function documentFilter(
  name: string,
  mode: Mode,
  evaluate: (doc: Document) => { scores: Record<string, number>; checks: Check[] },
): StreamStep {
  return perDocument(name, (doc, ctx) => {
    const { scores, checks } = evaluate(doc);
    annotate(doc, ctx.step, scores);
    if (mode === 'annotate') return doc;
    const failed = checks.find((check) => check.failed);
    if (!failed) return doc;
    return { remove: { rule: failed.rule, value: round(failed.value), threshold: failed.threshold } };
  });
}
