/**
 * Complex spherical harmonics in scipy.special.sph_harm's convention (SciPy 1.10 docs, "sph_harm"):
 *
 *   sph_harm(m, n, theta, phi) = sqrt((2n + 1) / (4 pi) * (n - m)! / (n + m)!) * P_n^m(cos phi) * e^{i m theta}
 *
 * with theta the AZIMUTHAL angle and phi the POLAR angle (SciPy's order, the reverse of the physics
 * habit), and P_n^m the associated Legendre function WITH the Condon-Shortley phase (-1)^m, as
 * scipy.special.lpmv. For m < 0 SciPy uses P_n^{-m} = (-1)^m (n - m)! / (n + m)! P_n^m, which makes
 * Y_n^{-m} = (-1)^m conj(Y_n^m). PyRadiomics' getLBP3DImage calls sph_harm(m, n, polar, azimuth),
 * i.e. with the two angles swapped; the caller reproduces that, this module keeps SciPy's meaning.
 */

/**
 * Associated Legendre function P_n^m(x) for 0 <= m <= n, |x| <= 1, with the Condon-Shortley phase
 * (scipy.special.lpmv(m, n, x)); by the standard recurrences (Abramowitz & Stegun 8.5.3 and
 * P_m^m = (-1)^m (2m - 1)!! (1 - x^2)^{m/2}).
 * @example associatedLegendre(1, 1, 0) // -1
 */
export function associatedLegendre(m: number, n: number, x: number): number {
  if (!Number.isInteger(m) || !Number.isInteger(n) || m < 0 || m > n) {
    throw new Error(`associatedLegendre: need whole numbers 0 <= m <= n (got m=${m}, n=${n})`);
  }
  let pmm = 1;
  const s = Math.sqrt((1 - x) * (1 + x));
  let odd = 1;
  for (let i = 1; i <= m; i++) {
    pmm *= -odd * s;
    odd += 2;
  }
  if (n === m) return pmm;
  let pm1 = x * (2 * m + 1) * pmm; // P_{m+1}^m
  if (n === m + 1) return pm1;
  let pl = 0;
  for (let l = m + 2; l <= n; l++) {
    pl = ((2 * l - 1) * x * pm1 - (l + m - 1) * pmm) / (l - m);
    pmm = pm1;
    pm1 = pl;
  }
  return pl;
}

/** (n - m)! / (n + m)! for |m| <= n, as a product of whole numbers (SciPy's poch(n + m + 1, -2m)). */
function factorialRatio(n: number, m: number): number {
  let r = 1;
  if (m >= 0) for (let k = n - m + 1; k <= n + m; k++) r /= k;
  else for (let k = n + m + 1; k <= n - m; k++) r *= k;
  return r;
}

/**
 * scipy.special.sph_harm(m, n, theta, phi): theta azimuthal, phi polar. Writes [re, im] into `out`.
 * @example sphHarm(0, 0, 0, 0) // [0.28209479177387814, 0] = 1 / (2 sqrt(pi))
 */
export function sphHarm(m: number, n: number, theta: number, phi: number, out: [number, number] = [0, 0]): [number, number] {
  if (!Number.isInteger(m) || !Number.isInteger(n) || n < 0 || Math.abs(m) > n) {
    throw new Error(`sphHarm: need whole numbers n >= 0 and |m| <= n (got m=${m}, n=${n})`);
  }
  const mp = Math.abs(m);
  let val = associatedLegendre(mp, n, Math.cos(phi));
  if (m < 0) val *= (mp % 2 === 0 ? 1 : -1) * factorialRatio(n, mp);
  val *= Math.sqrt((2 * n + 1) / 4 / Math.PI);
  val *= Math.sqrt(factorialRatio(n, m));
  out[0] = val * Math.cos(m * theta);
  out[1] = val * Math.sin(m * theta);
  return out;
}
