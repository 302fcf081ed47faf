/**
 * The first four values of each recursion of the recursive Gaussian (recursive-gaussian.ts): ITK
 * (RecursiveSeparableImageFilter) takes the border value to extend to infinity, so the causal
 * recursion starts from the steady state of the first value and the anti-causal one from that of
 * the last. One piece of code, in filterLine's expressions and order, for every layout that
 * needs them: the JavaScript lines (filterLine, filterPair) and the lanes around the SIMD loops
 * (recursive-gaussian.ts, log-simd.ts).
 */
import type { RecursiveCoefficients } from './recursive-gaussian.js';

/**
 * The causal values of elements 0..3 of the line src[f + i * step], written at dst[o + r * oStep]
 * (r = element).
 */
export function causalStart(
  c: RecursiveCoefficients, src: Float64Array, f: number, step: number, dst: Float64Array, o: number, oStep: number,
): void {
  const v = src[f];
  steadyStart(v, src[f + step], src[f + 2 * step], src[f + 3 * step], c.n0, c.n1, c.n2, c.n3, c.bn1, c.bn2, c.bn3, c.bn4, c, dst, o, oStep);
}

/**
 * The anti-causal values of elements ln - 1 .. ln - 4 of the line ending at src[e] (elements `step`
 * apart), written at dst[o + r * oStep] (r = ln - 1 - element). Its value at i - 1 reads the inputs
 * from i on, so the inputs after the border value are elements ln - 1, ln - 2, ln - 3.
 */
export function anticausalStart(
  c: RecursiveCoefficients, src: Float64Array, e: number, step: number, dst: Float64Array, o: number, oStep: number,
): void {
  const v = src[e];
  steadyStart(v, v, src[e - step], src[e - 2 * step], c.m1, c.m2, c.m3, c.m4, c.bm1, c.bm2, c.bm3, c.bm4, c, dst, o, oStep);
}

/**
 * Four values of a recursion from the steady state of the border value v, with inputs x1..x3
 * after it, numerator a0..a3, border coefficients b1..b4 and c's recursive d1..d3.
 */
function steadyStart(
  v: number, x1: number, x2: number, x3: number, a0: number, a1: number, a2: number, a3: number,
  b1: number, b2: number, b3: number, b4: number, c: RecursiveCoefficients, dst: Float64Array, o: number, oStep: number,
): void {
  const { d1, d2, d3 } = c;
  let y0 = v * a0 + v * a1 + v * a2 + v * a3;
  let y1 = x1 * a0 + v * a1 + v * a2 + v * a3;
  let y2 = x2 * a0 + x1 * a1 + v * a2 + v * a3;
  let y3 = x3 * a0 + x2 * a1 + x1 * a2 + v * a3;
  y0 -= v * b1 + v * b2 + v * b3 + v * b4;
  y1 -= y0 * d1 + v * b2 + v * b3 + v * b4;
  y2 -= y1 * d1 + y0 * d2 + v * b3 + v * b4;
  y3 -= y2 * d1 + y1 * d2 + y0 * d3 + v * b4;
  dst[o] = y0; dst[o + oStep] = y1; dst[o + 2 * oStep] = y2; dst[o + 3 * oStep] = y3;
}

/**
 * causalStart for W lanes of mem (lane l's elements from dI + l * lStep, `dStep` apart): element r
 * of lane l at oI + r * oStep + l.
 */
export function laneHeads(mem: Float64Array, dI: number, dStep: number, oI: number, oStep: number, W: number, c: RecursiveCoefficients, lStep = 1): void {
  for (let l = 0; l < W; l++) causalStart(c, mem, dI + l * lStep, dStep, mem, oI + l, oStep);
}

/** anticausalStart for W lanes of mem (laid out as for laneHeads): tail row r (element ln - 1 - r) of lane l at tI + r * tStep + l. */
export function laneTails(
  mem: Float64Array, dI: number, dStep: number, tI: number, tStep: number, W: number, ln: number, c: RecursiveCoefficients, lStep = 1,
): void {
  for (let l = 0; l < W; l++) anticausalStart(c, mem, dI + l * lStep + (ln - 1) * dStep, dStep, mem, tI + l, tStep);
}
