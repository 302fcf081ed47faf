/**
 * NumPy's pairwise summation of float64 values (numpy/core/src/umath/loops_utils.h.src
 * pairwise_sum, what np.add.reduce / np.sum / np.mean do on a contiguous array): below 8 items a
 * plain sum from -0.0, up to 128 items 8 accumulators combined as ((r0 + r1) + (r2 + r3)) +
 * ((r4 + r5) + (r6 + r7)) then the tail, beyond that the two halves (the first rounded down to a
 * multiple of 8) summed recursively. Means and moments then round as PyRadiomics' do.
 * @example numpySum(Float64Array.from([1, 2, 3])) // 6
 */
export function numpySum(a: ArrayLike<number>, start = 0, n = a.length - start): number {
  if (n < 8) {
    let res = -0;
    for (let i = 0; i < n; i++) res += a[start + i];
    return res;
  }
  if (n <= 128) {
    let r0 = a[start], r1 = a[start + 1], r2 = a[start + 2], r3 = a[start + 3];
    let r4 = a[start + 4], r5 = a[start + 5], r6 = a[start + 6], r7 = a[start + 7];
    let i = 8;
    for (; i < n - (n % 8); i += 8) {
      const b = start + i;
      r0 += a[b]; r1 += a[b + 1]; r2 += a[b + 2]; r3 += a[b + 3];
      r4 += a[b + 4]; r5 += a[b + 5]; r6 += a[b + 6]; r7 += a[b + 7];
    }
    let res = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7));
    for (; i < n; i++) res += a[start + i];
    return res;
  }
  let n2 = Math.floor(n / 2);
  n2 -= n2 % 8;
  return numpySum(a, start, n2) + numpySum(a, start + n2, n - n2);
}

/** What numpySumMinMax finds: NumPy's pairwise sum, and the least and greatest value (NaN ignored). */
export interface SumMinMax {
  sum: number;
  min: number;
  max: number;
}

/**
 * numpySum and the least and greatest value in one pass over the values (each block of at most
 * 128 summed, then scanned for its extremes while it is in cache): the same sum; min and max as
 * a scan in index order finds them (the first of equal values, e.g. of -0 and 0, is kept; NaN
 * ignored; Infinity and -Infinity when there is no value).
 */
export function numpySumMinMax(a: ArrayLike<number>): SumMinMax {
  // every field a double from the start (a Smi 0 later holding a double changed the object's shape under compiled code)
  const r: SumMinMax = { sum: NaN, min: Infinity, max: -Infinity };
  r.sum = sumMinMaxBlock(a, 0, a.length, r);
  return r;
}

function sumMinMaxBlock(a: ArrayLike<number>, start: number, n: number, r: SumMinMax): number {
  if (n > 128) {
    let n2 = Math.floor(n / 2);
    n2 -= n2 % 8;
    // the first half first: the extremes are met in index order
    const left = sumMinMaxBlock(a, start, n2, r);
    return left + sumMinMaxBlock(a, start + n2, n - n2, r);
  }
  extremes(a, start, start + n, r);
  return numpySum(a, start, n);
}

/** r.min and r.max updated with a[start .. end), in index order. */
function extremes(a: ArrayLike<number>, start: number, end: number, r: SumMinMax): void {
  let min = r.min, max = r.max;
  for (let i = start; i < end; i++) {
    const x = a[i];
    if (x < min) min = x;
    if (x > max) max = x;
  }
  r.min = min;
  r.max = max;
}
