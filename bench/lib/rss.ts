// Peak memory of the current process (worker threads included: they share the process).

export interface MemorySampler {
  /** Stops sampling; returns peak RSS in MB, the larger of the sampled RSS and the kernel's high-water mark. */
  stop(): number;
}

export function sampleMemory(intervalMs = 100): MemorySampler {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, intervalMs);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      const highWater = process.resourceUsage().maxRSS * 1024;
      return Math.max(peak, highWater) / 1e6;
    },
  };
}
