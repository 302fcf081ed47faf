/**
 * Principal component analysis of the ROI's voxel centres, for the axis-length features
 * (Major/Minor/LeastAxisLength, Elongation, Flatness).
 *
 * PyRadiomics (radiomics/shape.py, shape2D.py): physical coordinates of the voxel centres, centred,
 * covariance = X^T X / N (N = voxel count), eigenvalues sorted ascending; eigenvalues in (-1e-10, 0)
 * (rounding noise of flat ROIs) are set to 0. IBSI 1 (section "Major axis length", TDIC) uses the
 * sample covariance, X^T X / (N - 1): `unbiased` selects it.
 */
import type { Vec3 } from '../image/volume.js';

/**
 * Eigenvalues (ascending) of the covariance of the voxel centres of a 3D mask, coordinates in mm.
 * `positions`: the mask's non-zero voxels in raster order (../features/roi-index.ts), when known:
 * the same sums in the same order, without scanning the whole box.
 */
export function principalMoments3D(mask: ArrayLike<number>, size: Vec3, spacing: Vec3, unbiased = false, positions?: Int32Array): [number, number, number] {
  if (positions) return principalMomentsAt(positions, size, spacing, unbiased);
  const [nx, ny, nz] = size;
  let n = 0, mz = 0, my = 0, mx = 0;
  for (let z = 0, i = 0; z < nz; z++) for (let y = 0; y < ny; y++) for (let x = 0; x < nx; x++, i++) {
    if (!mask[i]) continue;
    n++; mz += z * spacing[2]; my += y * spacing[1]; mx += x * spacing[0];
  }
  if (n === 0) return [NaN, NaN, NaN];
  mz /= n; my /= n; mx /= n;
  // covariance in (z, y, x) order, as PyRadiomics builds it from numpy (z, y, x) coordinates
  let zz = 0, zy = 0, zx = 0, yy = 0, yx = 0, xx = 0;
  for (let z = 0, i = 0; z < nz; z++) for (let y = 0; y < ny; y++) for (let x = 0; x < nx; x++, i++) {
    if (!mask[i]) continue;
    const dz = z * spacing[2] - mz, dy = y * spacing[1] - my, dx = x * spacing[0] - mx;
    zz += dz * dz; zy += dz * dy; zx += dz * dx; yy += dy * dy; yx += dy * dx; xx += dx * dx;
  }
  const d = unbiased ? n - 1 : n;
  const ev = symmetricEigenvalues3([zz / d, zy / d, zx / d, yy / d, yx / d, xx / d]);
  return clampRoundingNoise(ev) as [number, number, number];
}

/** principalMoments3D from the ROI's positions (raster order): each voxel's x, y, z followed as the index grows. */
function principalMomentsAt(positions: Int32Array, size: Vec3, spacing: Vec3, unbiased: boolean): [number, number, number] {
  const [nx, ny] = size;
  const n = positions.length;
  if (n === 0) return [NaN, NaN, NaN];
  let mz = 0, my = 0, mx = 0;
  // the row of the current position, found again (a division) only when the row changes: no
  // path in the loop that only a later slice would take (V8 bailed out at such a path each call)
  for (let k = 0, y = 0, z = 0, rowStart = 0, rowEnd = 0; k < n; k++) {
    const i = positions[k];
    if (i >= rowEnd) {
      const row = Math.floor(i / nx);
      rowStart = row * nx;
      rowEnd = rowStart + nx;
      z = Math.floor(row / ny);
      y = row - z * ny;
    }
    mz += z * spacing[2]; my += y * spacing[1]; mx += (i - rowStart) * spacing[0];
  }
  mz /= n; my /= n; mx /= n;
  // the same row tracking again (deliberate: one pass function for both sums, by a mode, was ~20% slower)
  let zz = 0, zy = 0, zx = 0, yy = 0, yx = 0, xx = 0;
  for (let k = 0, y = 0, z = 0, rowStart = 0, rowEnd = 0; k < n; k++) {
    const i = positions[k];
    if (i >= rowEnd) {
      const row = Math.floor(i / nx);
      rowStart = row * nx;
      rowEnd = rowStart + nx;
      z = Math.floor(row / ny);
      y = row - z * ny;
    }
    const dz = z * spacing[2] - mz, dy = y * spacing[1] - my, dx = (i - rowStart) * spacing[0] - mx;
    zz += dz * dz; zy += dz * dy; zx += dz * dx; yy += dy * dy; yx += dy * dx; xx += dx * dx;
  }
  const d = unbiased ? n - 1 : n;
  const ev = symmetricEigenvalues3([zz / d, zy / d, zx / d, yy / d, yx / d, xx / d]);
  return clampRoundingNoise(ev) as [number, number, number];
}

/** Eigenvalues (ascending) of the covariance of the pixel centres of a 2D mask (rows x cols, col fastest). */
export function principalMoments2D(mask: ArrayLike<number>, rows: number, cols: number, spacing: [number, number], unbiased = false): [number, number] {
  let n = 0, mr = 0, mc = 0;
  for (let r = 0, i = 0; r < rows; r++) for (let c = 0; c < cols; c++, i++) {
    if (!mask[i]) continue;
    n++; mr += r * spacing[0]; mc += c * spacing[1];
  }
  if (n === 0) return [NaN, NaN];
  mr /= n; mc /= n;
  let rr = 0, rc = 0, cc = 0;
  for (let r = 0, i = 0; r < rows; r++) for (let c = 0; c < cols; c++, i++) {
    if (!mask[i]) continue;
    const dr = r * spacing[0] - mr, dc = c * spacing[1] - mc;
    rr += dr * dr; rc += dr * dc; cc += dc * dc;
  }
  const d = unbiased ? n - 1 : n;
  const a = rr / d, b = rc / d, c = cc / d;
  const mean = (a + c) / 2;
  const rad = Math.hypot((a - c) / 2, b);
  return clampRoundingNoise([mean - rad, mean + rad]) as [number, number];
}

function clampRoundingNoise(ev: number[]): number[] {
  return ev.map((v) => (v < 0 && v > -1e-10 ? 0 : v)).sort((a, b) => a - b);
}

/**
 * Eigenvalues of a symmetric 3x3 matrix given as [a00, a01, a02, a11, a12, a22], by cyclic Jacobi
 * rotations (Golub & Van Loan, Matrix Computations, section 8.5), accurate to rounding of the
 * largest eigenvalue. Returned ascending.
 */
export function symmetricEigenvalues3(m: readonly number[]): number[] {
  const a = [
    [m[0], m[1], m[2]],
    [m[1], m[3], m[4]],
    [m[2], m[4], m[5]],
  ];
  for (let sweep = 0; sweep < 50; sweep++) {
    const off = a[0][1] ** 2 + a[0][2] ** 2 + a[1][2] ** 2;
    if (off === 0) break;
    for (let p = 0; p < 2; p++) {
      for (let q = p + 1; q < 3; q++) {
        const apq = a[p][q];
        if (apq === 0) continue;
        const theta = (a[q][q] - a[p][p]) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < 3; k++) {
          const akp = a[k][p], akq = a[k][q];
          a[k][p] = c * akp - s * akq;
          a[k][q] = s * akp + c * akq;
        }
        for (let k = 0; k < 3; k++) {
          const apk = a[p][k], aqk = a[q][k];
          a[p][k] = c * apk - s * aqk;
          a[q][k] = s * apk + c * aqk;
        }
        a[p][q] = a[q][p] = 0;
      }
    }
  }
  return [a[0][0], a[1][1], a[2][2]].sort((x, y) => x - y);
}
