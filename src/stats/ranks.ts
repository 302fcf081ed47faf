/**
 * Ranks with ties averaged, as R's rank(x) (ties.method = "average"), and the tie-group sizes
 * that the Mann-Whitney variance correction needs (R's table(r)).
 */

/** 1-based ranks, ties get the mean of their positions. Stable order for equal values. */
export function averageRanks(x: ArrayLike<number>): Float64Array {
  const n = x.length;
  const order = sortedOrder(x);
  const r = new Float64Array(n);
  let i = 0;
  while (i < n) {
    let j = i + 1;
    while (j < n && x[order[j]] === x[order[i]]) j++;
    // positions i+1 .. j (1-based) share the rank (i + 1 + j)/2
    const rank = (i + 1 + j) / 2;
    for (let k = i; k < j; k++) r[order[k]] = rank;
    i = j;
  }
  return r;
}

/** Indices that sort x increasingly (stable). */
export function sortedOrder(x: ArrayLike<number>): Int32Array {
  const n = x.length;
  const idx = new Int32Array(n);
  for (let i = 0; i < n; i++) idx[i] = i;
  idx.sort((a, b) => x[a] - x[b] || a - b);
  return idx;
}

/** Sizes of the groups of equal values (only groups of size > 1 matter for corrections). */
export function tieGroupSizes(x: ArrayLike<number>): number[] {
  const s = Float64Array.from(x).sort();
  const sizes: number[] = [];
  let i = 0;
  while (i < s.length) {
    let j = i + 1;
    while (j < s.length && s[j] === s[i]) j++;
    sizes.push(j - i);
    i = j;
  }
  return sizes;
}
