/**
 * The cubic B-spline prefilter's constants (./bspline.ts, and its WebAssembly kernel
 * ./bspline-wasm.ts): the pole z = sqrt(3) - 2 (Unser 1997, table I), the gain (1 - z)(1 - 1/z),
 * and the number of terms of the causal initial sum, ceil(ln(1e-10) / ln|z|) = 18 (ITK's
 * tolerance 1e-10).
 */
export const POLE = Math.sqrt(3) - 2;
const TOLERANCE = 1e-10;
export const GAIN = (1.0 - POLE) * (1.0 - 1.0 / POLE);
export const HORIZON = Math.ceil(Math.log(TOLERANCE) / Math.log(Math.abs(POLE)));
