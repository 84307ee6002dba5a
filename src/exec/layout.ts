import path from 'node:path';

/** Zero-padded part number used in every per-task file name. */
export function partNumber(index: number): string {
  return String(index).padStart(5, '0');
}

/** Stage names may contain `:` (`dedup:buckets`); folders use `.` instead. */
function stageFolder(stage: string): string {
  return stage.replaceAll(':', '.');
}

/** Where everything of one run lives inside the output directory. */
export class OutputLayout {
  constructor(readonly root: string) {}

  get manifest(): string {
    return path.join(this.root, 'manifest.json');
  }

  get statsFile(): string {
    return path.join(this.root, 'stats.json');
  }

  get statsDir(): string {
    return path.join(this.root, 'stats');
  }

  get keptDir(): string {
    return path.join(this.root, 'kept');
  }

  get removedDir(): string {
    return path.join(this.root, 'removed');
  }

  get errorsDir(): string {
    return path.join(this.root, 'errors');
  }

  /** Base name (no extension) of a task's kept/removed/errors files; the final stage writes `part-XXXXX`. */
  partBase(dir: string, stage: string, task: number, finalStage: boolean): string {
    const prefix = finalStage ? '' : `${stageFolder(stage)}-`;
    return path.join(dir, `${prefix}part-${partNumber(task)}`);
  }

  taskStats(stage: string, task: number): string {
    return path.join(this.stageStatsDir(stage), `task-${partNumber(task)}.json`);
  }

  /** Folder of a stage's task stats and markers. */
  stageStatsDir(stage: string): string {
    return path.join(this.statsDir, stageFolder(stage));
  }

  taskMarker(stage: string, task: number): string {
    return path.join(this.stageStatsDir(stage), `task-${partNumber(task)}.done`);
  }

  /** Private scratch folder of a corpus step. */
  workDir(step: string): string {
    return path.join(this.root, 'work', step);
  }

  /** Base name of the materialised input of a corpus step for one original input shard. */
  materialisedBase(step: string, shard: number): string {
    return path.join(this.workDir(step), 'input', `part-${partNumber(shard)}`);
  }
}
