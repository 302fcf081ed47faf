/**
 * One-dimensional convolution of a volume along one axis, with the boundary conditions of the
 * IBSI 2 reference manual (section "Boundary conditions"): constant (zero) padding, nearest
 * (edge value), periodic (wrap) and mirror (symmetric: the edge voxel is repeated, a b c | c b a).
 * The IBSI-mode LoG and wavelet filters are sums/products of these passes.
 */
import type { Vec3 } from '../image/volume.js';

export type Padding = 'constant' | 'nearest' | 'periodic' | 'mirror';

export const PADDINGS: readonly Padding[] = ['constant', 'nearest', 'periodic', 'mirror'];

/** Index of the voxel that stands at position p (possibly outside [0, n)), or -1 for zero padding. */
export function paddedIndex(p: number, n: number, padding: Padding): number {
  if (p >= 0 && p < n) return p;
  switch (padding) {
    case 'constant': return -1;
    case 'nearest': return p < 0 ? 0 : n - 1;
    case 'periodic': return ((p % n) + n) % n;
    case 'mirror': {
      const q = ((p % (2 * n)) + 2 * n) % (2 * n);
      return q < n ? q : 2 * n - 1 - q;
    }
  }
}

/**
 * dst = src convolved with `kernel` along `axis`: dst[i] = sum_j kernel[j] * src[i + centre - j]
 * (a true convolution, as scipy.ndimage.convolve1d with its origin at `centre`).
 * `dst` must not be `src`.
 */
export function convolveAxis(
  src: Float64Array,
  dst: Float64Array,
  size: Vec3,
  axis: 0 | 1 | 2,
  kernel: Float64Array,
  centre: number,
  padding: Padding,
): void {
  const [nx, ny, nz] = size;
  const n = size[axis];
  const L = kernel.length;
  const stride = axis === 0 ? 1 : axis === 1 ? nx : nx * ny;
  // Line with its padding: position p of the line is at buffer[p + before].
  const before = L - 1 - centre;
  const after = centre;
  const buf = new Float64Array(n + before + after);
  const [na, nb] = axis === 0 ? [ny, nz] : axis === 1 ? [nx, nz] : [nx, ny];
  const [sa, sb] = axis === 0 ? [nx, nx * ny] : axis === 1 ? [1, nx * ny] : [1, nx];
  // Reversed kernel so that the inner loop runs forward over the buffer.
  const rk = Float64Array.from(kernel).reverse();
  for (let b = 0; b < nb; b++) {
    for (let a = 0; a < na; a++) {
      const start = a * sa + b * sb;
      for (let p = -before; p < n + after; p++) {
        const q = paddedIndex(p, n, padding);
        buf[p + before] = q < 0 ? 0 : src[start + q * stride];
      }
      // dst[i] = sum_j k[j] buf[i + centre - j + before] = sum_m rk[m] buf[i + m], m = L - 1 - j.
      for (let i = 0, p = start; i < n; i++, p += stride) {
        let s = 0;
        for (let m = 0; m < L; m++) s += rk[m] * buf[i + m];
        dst[p] = s;
      }
    }
  }
}
