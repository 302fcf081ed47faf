/**
 * Order statistics of a sample without sorting it whole: `at(k)` is the value a full ascending
 * sort (Float64Array.prototype.sort) puts at position k. The first-order features of a large ROI
 * spent most of their time sorting for a handful of positions (minimum, maximum, percentiles,
 * median).
 *
 * A bucket select: the values are distributed into up to 2^14 buckets of equal width between the
 * minimum and the maximum (bucket = floor((v - min) * scale), a non-decreasing function of v, so
 * the buckets are in value order and equal values share one), and only the buckets holding a
 * requested position are sorted. Every value keeps its place among the sorted values, so the
 * result is the sort's, zeros included (a sort puts -0 before +0, and so does the bucket's sort).
 * A sample with NaN or infinite values is sorted whole.
 *
 * @example
 * new OrderStatistics(Float64Array.from([3, 1, 2])).at(1) // 2
 */
import { reusedFloat64, reusedUint16 } from './scratch.js';

/** Buckets larger than this are bucketed again rather than sorted. */
const CROWDED = 4096;

export class OrderStatistics {
  private readonly values: Float64Array;
  /** The values grouped by bucket (a whole sort in the fallback case). */
  private grouped: Float64Array | null = null;
  /** First position of each bucket in `grouped`, and the end. */
  private starts: Int32Array | null = null;
  private sortedBucket: Uint8Array | null = null;
  /** Crowded buckets, each with its own order statistics. */
  private readonly inner = new Map<number, OrderStatistics>();
  private readonly reuse: boolean;

  /**
   * @param reuse group the values in reused scratch arrays (../features/scratch.ts): for an
   *   instance that is done with before the next one with `reuse` is made
   */
  constructor(values: Float64Array, reuse = false) {
    this.values = values;
    this.reuse = reuse;
  }

  get length(): number {
    return this.values.length;
  }

  /** The k-th smallest value, 0-based (k in 0..length-1). */
  at(k: number): number {
    if (!this.grouped) this.group();
    const starts = this.starts!;
    // the bucket b with starts[b] <= k < starts[b + 1]
    let lo = 0, hi = starts.length - 2;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= k) lo = mid;
      else hi = mid - 1;
    }
    const size = starts[lo + 1] - starts[lo];
    // a crowded bucket (a skewed sample: most values near one end of a long range) is bucketed
    // again over its own range; a small one is sorted
    if (size > CROWDED && starts.length > 2) {
      let inner = this.inner.get(lo);
      if (!inner) {
        inner = new OrderStatistics(this.grouped!.subarray(starts[lo], starts[lo + 1]));
        this.inner.set(lo, inner);
      }
      return inner.at(k - starts[lo]);
    }
    if (!this.sortedBucket![lo]) {
      this.grouped!.subarray(starts[lo], starts[lo + 1]).sort();
      this.sortedBucket![lo] = 1;
    }
    return this.grouped![k];
  }

  private group(): void {
    const v = this.values;
    const n = v.length;
    let min = Infinity, max = -Infinity, nan = false;
    for (let i = 0; i < n; i++) {
      const x = v[i];
      if (x < min) min = x;
      if (x > max) max = x;
      if (x !== x) nan = true;
    }
    const range = max - min;
    if (nan || !Number.isFinite(range) || range === 0 || n < 64) {
      // one bucket: the whole sample, sorted when first asked
      this.grouped = this.reuse ? reusedFloat64('order grouped', n, false) : new Float64Array(n);
      this.grouped.set(v);
      this.starts = Int32Array.of(0, n);
      this.sortedBucket = new Uint8Array(1);
      return;
    }
    // at most 2^14 buckets: their counts stay in the first-level cache
    const buckets = Math.min(n >> 2, 1 << 14);
    const scale = buckets / range;
    const last = buckets - 1;
    const bucketOf = this.reuse ? reusedUint16('order bucketOf', n, false) : new Uint16Array(n);
    const starts = new Int32Array(buckets + 1);
    for (let i = 0; i < n; i++) {
      const b = Math.floor((v[i] - min) * scale);
      const c = b > last ? last : b;
      bucketOf[i] = c;
      starts[c + 1]++;
    }
    for (let b = 0; b < buckets; b++) starts[b + 1] += starts[b];
    const fill = starts.slice(0, buckets);
    const grouped = this.reuse ? reusedFloat64('order grouped', n, false) : new Float64Array(n);
    for (let i = 0; i < n; i++) grouped[fill[bucketOf[i]]++] = v[i];
    this.grouped = grouped;
    this.starts = starts;
    this.sortedBucket = new Uint8Array(buckets);
  }
}
