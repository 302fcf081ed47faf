/**
 * Order statistics of a sample without sorting it whole: `at(k)` is the value a full ascending
 * sort (Float64Array.prototype.sort) puts at position k. The first-order features of a large ROI
 * spent most of their time sorting for a handful of positions (minimum, maximum, percentiles,
 * median).
 *
 * A bucket select: the values are counted into up to 2^14 buckets of equal width between the
 * minimum and the maximum (bucket = floor((v - min) * scale), a non-decreasing function of v, so
 * the buckets are in value order and equal values share one). Only the buckets holding a requested
 * position are then gathered (one pass for all the positions announced with `want`) and sorted.
 * Every value keeps its place among the sorted values, so the result is the sort's, zeros included
 * (a sort puts -0 before +0, and so does the bucket's sort). A sample with NaN or infinite values
 * is sorted whole.
 *
 * @example
 * new OrderStatistics(Float64Array.from([3, 1, 2])).at(1) // 2
 */
import { reusedUint16 } from './scratch.js';

/** What a pass over the sample finds: least and greatest value (NaN ignored) and whether there is a NaN. */
export interface SampleRange {
  min: number;
  max: number;
  nan: boolean;
}

/** The sample's range, as the order statistics need it (a caller that reads the values anyway may pass its own). */
export function sampleRange(v: ArrayLike<number>): SampleRange {
  let min = Infinity, max = -Infinity, nan = false;
  for (let i = 0; i < v.length; i++) {
    const x = v[i];
    if (x < min) min = x;
    if (x > max) max = x;
    if (x !== x) nan = true;
  }
  return { min, max, nan };
}

/** Buckets larger than this are bucketed again rather than sorted. */
const CROWDED = 4096;

export class OrderStatistics {
  private readonly values: Float64Array;
  /** Whole-sample fallback (NaN, infinities, a flat or tiny sample): the values, sorted when first asked. */
  private whole: Float64Array | null = null;
  private wholeSorted = false;
  /** Each value's bucket, and the first position of each bucket (and the end). */
  private bucketOf: Uint16Array | null = null;
  private starts: Int32Array | null = null;
  /** Gathered buckets: their values (sorted once `sorted` holds the bucket), or their own order statistics when crowded. */
  private readonly gathered = new Map<number, Float64Array>();
  private readonly sorted = new Set<number>();
  private readonly inner = new Map<number, OrderStatistics>();
  private readonly reuse: boolean;

  /**
   * @param reuse keep the values' buckets in a reused scratch array (../features/scratch.ts): for
   *   an instance that is done with before the next one with `reuse` is made
   */
  constructor(values: Float64Array, reuse = false, range?: SampleRange) {
    this.values = values;
    this.reuse = reuse;
    this.range = range ?? null;
  }

  private readonly range: SampleRange | null;

  get length(): number {
    return this.values.length;
  }

  /**
   * Announces positions that will be asked for: their buckets are gathered in one pass over the
   * values (instead of one pass per bucket). Optional; positions outside 0..length-1 are ignored.
   */
  want(positions: readonly number[]): void {
    if (!this.starts && !this.whole) this.count();
    if (this.whole) return;
    const buckets: number[] = [];
    for (const k of positions) {
      if (!(k >= 0 && k < this.values.length)) continue;
      const b = this.bucketAt(k);
      if (!this.gathered.has(b) && !buckets.includes(b)) buckets.push(b);
    }
    if (buckets.length > 0) this.gather(buckets);
  }

  /** The k-th smallest value, 0-based (k in 0..length-1). */
  at(k: number): number {
    if (!this.starts && !this.whole) this.count();
    if (this.whole) {
      if (!this.wholeSorted) {
        this.whole.sort();
        this.wholeSorted = true;
      }
      return this.whole[k];
    }
    const starts = this.starts!;
    const b = this.bucketAt(k);
    if (!this.gathered.has(b)) this.gather([b]);
    const values = this.gathered.get(b)!;
    const offset = k - starts[b];
    // a crowded bucket (a skewed sample: most values near one end of a long range) is bucketed
    // again over its own range; a small one is sorted
    if (values.length > CROWDED && starts.length > 2) {
      let inner = this.inner.get(b);
      if (!inner) {
        inner = new OrderStatistics(values);
        this.inner.set(b, inner);
      }
      return inner.at(offset);
    }
    if (!this.sorted.has(b)) {
      values.sort();
      this.sorted.add(b);
    }
    return values[offset];
  }

  /** The bucket b with starts[b] <= k < starts[b + 1]. */
  private bucketAt(k: number): number {
    const starts = this.starts!;
    let lo = 0, hi = starts.length - 2;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= k) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** Counts the values per bucket (or sets up the whole-sample fallback). */
  private count(): void {
    const v = this.values;
    const n = v.length;
    const { min, max, nan } = this.range ?? sampleRange(v);
    const range = max - min;
    if (nan || !Number.isFinite(range) || range === 0 || n < 64) {
      this.whole = Float64Array.from(v);
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
    this.bucketOf = bucketOf;
    this.starts = starts;
  }

  /** Gathers the values of the given buckets (in sample order) in one pass. */
  private gather(buckets: readonly number[]): void {
    const starts = this.starts!, bucketOf = this.bucketOf!, v = this.values;
    // write position of each wanted bucket's next value in `into`, -1 for the others
    const writeAt = new Int32Array(starts.length - 1).fill(-1);
    let total = 0;
    for (const b of buckets) {
      writeAt[b] = total;
      total += starts[b + 1] - starts[b];
    }
    const into = new Float64Array(total);
    for (let i = 0; i < v.length; i++) {
      const w = writeAt[bucketOf[i]];
      if (w >= 0) {
        into[w] = v[i];
        writeAt[bucketOf[i]] = w + 1;
      }
    }
    let from = 0;
    for (const b of buckets) {
      const size = starts[b + 1] - starts[b];
      this.gathered.set(b, into.subarray(from, from + size));
      from += size;
    }
  }
}
