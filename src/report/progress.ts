import { MultiBar, type SingleBar } from 'cli-progress';
import type { RunObserver, StageStart } from '../exec/run.js';
import type { TaskOutcome } from '../exec/task.js';
import { formatCount, formatDuration, formatMegabytesPerSecond, formatRate } from './format.js';

/** `bar` on a terminal, `lines` (a log line every few seconds) otherwise, `quiet` for nothing but errors. */
export type ProgressMode = 'bar' | 'lines' | 'quiet';

const LINE_INTERVAL_MS = 5000;
/** Below this share of the input an ETA is mostly noise. */
const MIN_FRACTION_FOR_ETA = 0.02;

interface StageState extends StageStart {
  started: number;
  docs: number;
  bytesRead: number;
  tasksDone: number;
}

/** Shows how a run advances; implements the executor's observer. */
export class ProgressReporter implements RunObserver {
  private stage?: StageState;
  private multibar?: MultiBar;
  private bar?: SingleBar;
  private lastLine = 0;

  constructor(
    private readonly mode: ProgressMode,
    private readonly stream: NodeJS.WritableStream = process.stderr,
  ) {}

  stageStarted = (start: StageStart): void => {
    this.finishStage();
    this.stage = { ...start, started: performance.now(), docs: 0, bytesRead: 0, tasksDone: 0 };
    if (this.mode === 'quiet') return;
    if (start.pending === 0) {
      this.write(`[${start.name}] all ${start.tasks} tasks already complete, skipping`);
      return;
    }
    if (this.mode === 'bar') this.startBar();
    else this.write(`[${start.name}] ${start.pending} of ${start.tasks} tasks to run`);
  };

  progress = (docs: number, bytes: number): void => {
    if (!this.stage) return;
    this.stage.docs += docs;
    this.stage.bytesRead += bytes;
    this.refresh();
  };

  taskFinished = (outcome: TaskOutcome): void => {
    if (this.stage) this.stage.tasksDone += 1;
    for (const message of outcome.messages) this.log(`task failed: ${message}`);
    this.refresh();
  };

  log = (message: string): void => {
    if (this.multibar) this.multibar.log(`${message}\n`);
    else this.write(message);
  };

  /** Ends the display; call before printing the summary. */
  stop(): void {
    this.finishStage();
  }

  private startBar(): void {
    const stage = this.stage!;
    this.multibar = new MultiBar({
      stream: this.stream,
      format: '{stage} [{bar}] {percentage}% | {docs} docs | {docsPerSecond} docs/s | {mbPerSecond} MB/s | ETA {eta_formatted} | tasks {tasksDone}/{pending}',
      barsize: 24,
      hideCursor: true,
      etaBuffer: 50,
    });
    this.bar = this.multibar.create(stage.bytes ?? stage.pending, 0, this.payload());
  }

  private payload(): Record<string, string | number> {
    const stage = this.stage!;
    const elapsed = performance.now() - stage.started;
    return {
      stage: stage.name,
      docs: formatCount(stage.docs),
      docsPerSecond: formatRate(stage.docs, elapsed),
      mbPerSecond: formatMegabytesPerSecond(stage.bytesRead, elapsed),
      tasksDone: stage.tasksDone,
      pending: stage.pending,
    };
  }

  private refresh(): void {
    const stage = this.stage;
    if (!stage || this.mode === 'quiet') return;
    if (this.bar) {
      this.bar.update(stage.bytes !== undefined ? stage.bytesRead : stage.tasksDone, this.payload());
      return;
    }
    const now = performance.now();
    if (this.mode === 'lines' && now - this.lastLine >= LINE_INTERVAL_MS) {
      this.lastLine = now;
      this.write(this.plainLine());
    }
  }

  private plainLine(): string {
    const stage = this.stage!;
    const elapsed = performance.now() - stage.started;
    const parts = [
      `[${stage.name}] ${stage.tasksDone}/${stage.pending} tasks`,
      `${formatCount(stage.docs)} docs`,
      `${formatRate(stage.docs, elapsed)} docs/s`,
      `${formatMegabytesPerSecond(stage.bytesRead, elapsed)} MB/s`,
    ];
    if (stage.bytes && stage.bytesRead > 0) {
      const fraction = Math.min(1, stage.bytesRead / stage.bytes);
      parts.push(`${Math.round(fraction * 100)}%`);
      if (fraction >= MIN_FRACTION_FOR_ETA) parts.push(`ETA ${formatDuration((elapsed / fraction) * (1 - fraction))}`);
    }
    return parts.join(' · ');
  }

  private finishStage(): void {
    const stage = this.stage;
    if (this.multibar) {
      if (stage && stage.bytes !== undefined) this.bar?.update(stage.bytes, this.payload());
      this.multibar.stop();
      this.multibar = undefined;
      this.bar = undefined;
    }
    if (stage && stage.pending > 0 && this.mode === 'lines') {
      this.write(`${this.plainLine()} · done in ${formatDuration(performance.now() - stage.started)}`);
    }
    this.stage = undefined;
  }

  private write(line: string): void {
    if (this.mode !== 'quiet') this.stream.write(`${line}\n`);
  }
}
