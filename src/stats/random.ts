/**
 * The project's one random-number generator: R's default generator, reproduced exactly, so that
 * `createRng(seed)` gives the streams of R's `set.seed(seed); runif(...)`, `sample(...)` and
 * `rnorm(...)` (R ≥ 3.6 defaults: RNGkind("Mersenne-Twister", "Inversion", "Rejection")).
 *
 * Sources:
 * - M. Matsumoto & T. Nishimura (1998), "Mersenne Twister: a 623-dimensionally equidistributed
 *   uniform pseudo-random number generator", ACM TOMACS 8, 3–30 (MT19937 and its tempering).
 * - R's documented seeding (?RNGkind, "set.seed uses a single integer argument"): the seed is
 *   scrambled by 50 rounds of the LCG s ← 69069·s + 1 (mod 2³²), the next 625 LCG values fill
 *   the state (the first is the position word, reset to 624 so the first draw regenerates the
 *   block), and a draw y/2³² is kept inside (0, 1).
 * - R ≥ 3.6 sample.kind = "Rejection": an index below n is drawn from ⌈log₂ n⌉ random bits,
 *   built 16 bits at a time from ⌊65536·u⌋, rejecting values ≥ n (?Random, R NEWS 3.6.0).
 * - normal.kind = "Inversion": qnorm((⌊2²⁷·u₁⌋ + u₂)/2²⁷) with R's qnorm (AS 241).
 *
 * Checked against R 4.2.2 in test/stats/random.test.ts.
 */
import { qnorm } from './distributions.js';

const N = 624;
const M = 397;
const MATRIX_A = 0x9908b0df;
const UPPER_MASK = 0x80000000;
const LOWER_MASK = 0x7fffffff;
/** 2^-32 */
const TWO_M32 = 2.3283064365386963e-10;
/** 1/(2^32 − 1): the boundary fix-up of R's unif_rand */
const I2_32M1 = 2.328306437080797e-10;
/** 2^27, the resolution of the Inversion normal generator */
const BIG = 134217728;

export interface Rng {
  /** A uniform on (0, 1), as R's unif_rand() / runif(1). */
  unif(): number;
  /** A uniform integer in [0, n), as R's R_unif_index(n) (Rejection sampling), n < 2^31. */
  unifIndex(n: number): number;
  /**
   * `size` draws from 0..n−1 (0-based), as R's sample.int(n, size, replace) + its 1-based result
   * minus one: with replacement, each is unifIndex(n); without, a partial Fisher–Yates shuffle
   * (or, for n > 1e7 and size ≤ n/2, R's hashed rejection of repeats).
   */
  sample(n: number, size: number, replace: boolean): Int32Array;
  /** A standard normal, as R's norm_rand() / rnorm(1) with normal.kind "Inversion". */
  norm(): number;
}

function checkSeed(seed: number): number {
  if (!Number.isInteger(seed) || seed < -2147483647 || seed > 2147483647) {
    throw new RangeError(`createRng: seed ${seed} must be an integer in [-2147483647, 2147483647] (an R integer)`);
  }
  return seed >>> 0;
}

/**
 * A generator seeded as R's set.seed(seed).
 * @example createRng(42).unif() // 0.914806043496355, as set.seed(42); runif(1)
 */
export function createRng(seed: number): Rng {
  const mt = new Uint32Array(N);
  let mti = N;
  let s = checkSeed(seed);
  for (let j = 0; j < 50; j++) s = (Math.imul(69069, s) + 1) >>> 0;
  // the first LCG value is R's position word (overwritten by the fix-up to 624)
  s = (Math.imul(69069, s) + 1) >>> 0;
  for (let j = 0; j < N; j++) {
    s = (Math.imul(69069, s) + 1) >>> 0;
    mt[j] = s;
  }
  if (mt.every((v) => v === 0)) throw new RangeError(`createRng: seed ${seed} gives an all-zero state`);

  function regenerate(): void {
    let kk = 0;
    let y: number;
    for (; kk < N - M; kk++) {
      y = (mt[kk] & UPPER_MASK) | (mt[kk + 1] & LOWER_MASK);
      mt[kk] = mt[kk + M] ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    }
    for (; kk < N - 1; kk++) {
      y = (mt[kk] & UPPER_MASK) | (mt[kk + 1] & LOWER_MASK);
      mt[kk] = mt[kk + (M - N)] ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    }
    y = (mt[N - 1] & UPPER_MASK) | (mt[0] & LOWER_MASK);
    mt[N - 1] = mt[M - 1] ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    mti = 0;
  }

  function genrand(): number {
    if (mti >= N) regenerate();
    let y = mt[mti++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return (y >>> 0) * TWO_M32;
  }

  function unif(): number {
    const v = genrand();
    if (v <= 0) return 0.5 * I2_32M1;
    if (1 - v <= 0) return 1 - 0.5 * I2_32M1;
    return v;
  }

  /** `bits` random bits as a number, 16 at a time (R's rbits). */
  function rbits(bits: number): number {
    let v = 0;
    for (let n = 0; n <= bits; n += 16) {
      const v1 = Math.floor(unif() * 65536);
      v = 65536 * v + v1;
    }
    // keep the low `bits` bits (v < 2^48 here, exact in a double)
    return v % 2 ** bits;
  }

  function unifIndex(n: number): number {
    if (!(n >= 0) || n >= 2147483648 || !Number.isInteger(n)) {
      throw new RangeError(`unifIndex: n = ${n} must be an integer in [0, 2^31)`);
    }
    if (n <= 0) return 0;
    const bits = Math.ceil(Math.log2(n));
    let dv: number;
    do dv = rbits(bits);
    while (n <= dv);
    return dv;
  }

  function sample(n: number, size: number, replace: boolean): Int32Array {
    if (!Number.isInteger(n) || n < 0 || n >= 2147483648) throw new RangeError(`sample: n = ${n} must be an integer in [0, 2^31)`);
    if (!Number.isInteger(size) || size < 0) throw new RangeError(`sample: size = ${size} must be a non-negative integer`);
    if (!replace && size > n) throw new RangeError(`sample: cannot take a sample of ${size} from ${n} items without replacement`);
    if (size > 0 && n === 0) throw new RangeError('sample: cannot draw from 0 items');
    const out = new Int32Array(size);
    if (replace || size < 2) {
      for (let i = 0; i < size; i++) out[i] = unifIndex(n);
      return out;
    }
    if (n > 1e7 && size <= n / 2) {
      // R's sample2: draw and reject repeats
      const seen = new Set<number>();
      for (let i = 0; i < size; ) {
        const v = unifIndex(n);
        if (seen.has(v)) continue;
        seen.add(v);
        out[i++] = v;
      }
      return out;
    }
    const pool = new Int32Array(n);
    for (let i = 0; i < n; i++) pool[i] = i;
    let left = n;
    for (let i = 0; i < size; i++) {
      const j = unifIndex(left);
      out[i] = pool[j];
      pool[j] = pool[--left];
    }
    return out;
  }

  function norm(): number {
    let u = unif();
    u = Math.trunc(BIG * u) + unif();
    return qnorm(u / BIG, 0, 1, true);
  }

  return { unif, unifIndex, sample, norm };
}
