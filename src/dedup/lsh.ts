/** LSH banding: how b bands of r rows turn a Jaccard similarity into a candidate probability. */

export interface BandLayout {
  bands: number;
  rows: number;
}

/** P(two documents with Jaccard s share at least one band) = 1 - (1 - s^r)^b. */
export function candidateProbability(s: number, { bands, rows }: BandLayout): number {
  return 1 - (1 - s ** rows) ** bands;
}

/** Simpson's rule; the integrands are smooth polynomials, 200 intervals is plenty. */
function integrate(f: (x: number) => number, from: number, to: number, intervals = 200): number {
  const step = (to - from) / intervals;
  let sum = f(from) + f(to);
  for (let i = 1; i < intervals; i++) sum += f(from + i * step) * (i % 2 === 1 ? 4 : 2);
  return (sum * step) / 3;
}

/**
 * The (bands, rows) with bands * rows <= numPerm minimising the weighted false-positive area below the
 * threshold plus the false-negative area above it (the rule of datasketch's `_optimal_param`).
 */
export function optimalBands(threshold: number, numPerm: number, falsePositiveWeight = 0.5, falseNegativeWeight = 0.5): BandLayout {
  let best: BandLayout = { bands: 1, rows: 1 };
  let bestError = Infinity;
  for (let bands = 1; bands <= numPerm; bands++) {
    for (let rows = 1; rows <= Math.floor(numPerm / bands); rows++) {
      const layout = { bands, rows };
      const falsePositive = integrate((s) => candidateProbability(s, layout), 0, threshold);
      const falseNegative = integrate((s) => 1 - candidateProbability(s, layout), threshold, 1);
      const error = falsePositive * falsePositiveWeight + falseNegative * falseNegativeWeight;
      if (error < bestError) {
        bestError = error;
        best = layout;
      }
    }
  }
  return best;
}
