/** Small number and duration formatters shared by the progress display and the summary. */

export function formatCount(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

export function formatRate(count: number, ms: number): string {
  if (ms <= 0) return '0';
  const perSecond = (count * 1000) / ms;
  return perSecond >= 100 ? formatCount(perSecond) : perSecond.toFixed(1);
}

export function formatMegabytesPerSecond(bytes: number, ms: number): string {
  if (ms <= 0) return '0.0';
  return (bytes / 1e6 / (ms / 1000)).toFixed(1);
}

export function formatDuration(ms: number): string {
  const seconds = ms / 1000;
  if (seconds < 60) return `${seconds.toFixed(1)}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m${String(Math.round(seconds % 60)).padStart(2, '0')}s`;
  return `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, '0')}m`;
}
