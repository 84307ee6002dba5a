/** What one rule removed. */
export interface RuleCount {
  docs: number;
  lines: number;
  chars: number;
}

export interface StepStats {
  type: string;
  docs_in: number;
  docs_out: number;
  /** Removal counts per rule. */
  removed: Record<string, RuleCount>;
  /** Free-form summed counters (e.g. `lang.zh`, `pii.phone`). */
  counters: Record<string, number>;
  time_ms: number;
}

export interface TaskStats {
  read: number;
  kept: number;
  removed: number;
  errored: number;
  bytes_read: number;
  chars_kept: number;
  /** Errored records by kind (`json_parse`, `truncated_gzip`, ...). */
  errors: Record<string, number>;
  /** Records read with a repaired problem (e.g. invalid UTF-8 replaced), by kind; not counted in `errored`. */
  warnings: Record<string, number>;
  steps: Record<string, StepStats>;
  /** Input shards this stats object covers. */
  shards: number;
  failed_shards: string[];
  time_ms: number;
}

export function emptyStepStats(type: string): StepStats {
  return { type, docs_in: 0, docs_out: 0, removed: {}, counters: {}, time_ms: 0 };
}

export function emptyTaskStats(): TaskStats {
  return {
    read: 0,
    kept: 0,
    removed: 0,
    errored: 0,
    bytes_read: 0,
    chars_kept: 0,
    errors: {},
    warnings: {},
    steps: {},
    shards: 0,
    failed_shards: [],
    time_ms: 0,
  };
}

/** Counter handle a step uses; the executor owns the underlying StepStats. */
export class StepCounters {
  constructor(readonly stats: StepStats) {}

  private rule(rule: string): RuleCount {
    let count = this.stats.removed[rule];
    if (!count) {
      count = { docs: 0, lines: 0, chars: 0 };
      this.stats.removed[rule] = count;
    }
    return count;
  }

  removedDoc(rule: string, chars: number): void {
    const count = this.rule(rule);
    count.docs += 1;
    count.chars += chars;
  }

  removedLines(rule: string, lines: number, chars: number): void {
    const count = this.rule(rule);
    count.lines += lines;
    count.chars += chars;
  }

  add(counter: string, by = 1): void {
    this.stats.counters[counter] = (this.stats.counters[counter] ?? 0) + by;
  }
}

function addRecord(target: Record<string, number>, source: Record<string, number>): void {
  for (const [key, value] of Object.entries(source)) target[key] = (target[key] ?? 0) + value;
}

/** Sums task stats; used by merge-stats and at the end of a local run. */
export function mergeTaskStats(parts: TaskStats[]): TaskStats {
  const total = emptyTaskStats();
  for (const part of parts) {
    total.read += part.read;
    total.kept += part.kept;
    total.removed += part.removed;
    total.errored += part.errored;
    total.bytes_read += part.bytes_read;
    total.chars_kept += part.chars_kept;
    total.shards += part.shards;
    total.time_ms += part.time_ms;
    total.failed_shards.push(...part.failed_shards);
    addRecord(total.errors, part.errors);
    addRecord(total.warnings, part.warnings ?? {});
    for (const [name, step] of Object.entries(part.steps)) {
      const into = (total.steps[name] ??= emptyStepStats(step.type));
      into.docs_in += step.docs_in;
      into.docs_out += step.docs_out;
      into.time_ms += step.time_ms;
      addRecord(into.counters, step.counters);
      for (const [rule, count] of Object.entries(step.removed)) {
        const target = (into.removed[rule] ??= { docs: 0, lines: 0, chars: 0 });
        target.docs += count.docs;
        target.lines += count.lines;
        target.chars += count.chars;
      }
    }
  }
  return total;
}

export function isBalanced(stats: TaskStats): boolean {
  return stats.read === stats.kept + stats.removed + stats.errored;
}
