import type { RunStats } from '../exec/merge.js';
import { formatCount, formatDuration, formatMegabytesPerSecond, formatRate } from './format.js';

const TOP_RULES = 5;

interface RuleLine {
  name: string;
  docs: number;
  lines: number;
  chars: number;
}

function removalRules(stats: RunStats): RuleLine[] {
  const rules: RuleLine[] = [];
  for (const [step, stepStats] of Object.entries(stats.steps)) {
    for (const [rule, count] of Object.entries(stepStats.removed)) rules.push({ name: `${step}/${rule}`, ...count });
  }
  return rules.sort((a, b) => b.chars - a.chars || b.docs - a.docs || a.name.localeCompare(b.name));
}

function plural(count: number, noun: string): string {
  return `${formatCount(count)} ${noun}${count === 1 ? '' : 's'}`;
}

function describeRule(rule: RuleLine): string {
  const parts: string[] = [];
  if (rule.docs) parts.push(plural(rule.docs, 'doc'));
  if (rule.lines) parts.push(plural(rule.lines, 'line'));
  parts.push(`${formatCount(rule.chars)} chars`);
  return `${rule.name} ${parts.join(', ')}`;
}

function incompleteNote(stats: RunStats): string {
  const failed = Object.values(stats.stages).reduce((sum, stage) => sum + stage.failed, 0);
  return failed ? `run incomplete: ${failed} failed task(s), rerun to retry them` : 'run incomplete';
}

/** The accounting identity, stated the way the CLI prints it. */
export function identityLine(stats: RunStats): string {
  const terms = `kept ${formatCount(stats.kept)} + removed ${formatCount(stats.removed)} + errored ${formatCount(stats.errored)}`;
  const read = `read ${formatCount(stats.read)}`;
  if (stats.balanced) return `${read} = ${terms} ✓${stats.complete ? '' : ` (${incompleteNote(stats)})`}`;
  if (!stats.complete) return `${read} so far: ${terms} (${incompleteNote(stats)})`;
  return `${read} ≠ ${terms} ✗ accounting mismatch`;
}

/** Final lines after a run: counts, the rules that removed the most text, errors, speed. */
export function summaryLines(stats: RunStats, wallMs: number, outputDir: string): string[] {
  const lines = [identityLine(stats)];
  const rules = removalRules(stats).slice(0, TOP_RULES);
  if (rules.length) lines.push(`top removals: ${rules.map(describeRule).join('; ')}`);
  const errorKinds = Object.entries(stats.errors).sort((a, b) => b[1] - a[1]);
  if (errorKinds.length) lines.push(`errors: ${errorKinds.map(([kind, count]) => `${kind} ${formatCount(count)}`).join(', ')}`);
  const warningKinds = Object.entries(stats.warnings ?? {}).sort((a, b) => b[1] - a[1]);
  if (warningKinds.length) lines.push(`warnings: ${warningKinds.map(([kind, count]) => `${kind} ${formatCount(count)}`).join(', ')}`);
  lines.push(
    `time ${formatDuration(wallMs)} · ${formatRate(stats.read, wallMs)} docs/s · ${formatMegabytesPerSecond(stats.bytes_read, wallMs)} MB/s · output ${outputDir}`,
  );
  return lines;
}
