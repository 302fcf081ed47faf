/**
 * Neighbour offsets ("angles") for the texture matrices, as PyRadiomics' C extension generates them
 * (radiomics/src/cmatrices.c, get_angle_count / build_angles; exposed as cMatrices.generate_angles).
 *
 * Offsets are in numpy axis order (z, y, x): PyRadiomics works on sitk.GetArrayFromImage, whose
 * axis 0 is the slice axis; force2Ddimension counts in that order too (0 = axial slices).
 * An angle belongs to distance d when its infinity norm is d. Offsets are enumerated with the last
 * axis fastest, each from +dmax down to -dmax; an offset is kept when it moves at most size - 1
 * along every axis, does not move along the force2D axis, and its distance is requested. Without
 * `bidirectional` only the first half is kept (one of each +/- pair, the "positive" one first in
 * that enumeration): GLCM and GLRLM use that, GLSZM, GLDM and NGTDM use both directions.
 *
 * Example: size (3, 3, 3), distances [1], one direction: 13 angles, the first (1, 1, 1), the
 * 10th (0, 1, 1), the last (0, 0, 1).
 */

export interface AngleSet {
  /** Offsets, 3 per angle, in numpy order (dz, dy, dx). */
  offsets: Int32Array;
  count: number;
}

/**
 * @param sizeZyx grid size in numpy order (z, y, x)
 * @param distances infinity-norm distances (PyRadiomics setting `distances`), each >= 1
 * @param bidirectional keep both directions of every angle
 * @param force2Ddimension axis (numpy order) not to move along, or -1 for 3D
 */
export function generateAngles(
  sizeZyx: readonly [number, number, number],
  distances: readonly number[],
  bidirectional: boolean,
  force2Ddimension: number,
): AngleSet {
  if (distances.length === 0) throw new Error('distances is empty: give at least one distance >= 1 (e.g. [1])');
  let maxD = 0;
  for (const d of distances) {
    if (!Number.isInteger(d) || d < 1) throw new Error(`distance ${d} is not allowed: distances must be integers >= 1`);
    if (d > maxD) maxD = d;
  }
  const wanted = new Set(distances);
  const nOff = 2 * maxD + 1;
  const all: number[] = [];
  const total = nOff * nOff * nOff;
  for (let idx = 0; idx < total; idx++) {
    const o0 = maxD - (Math.floor(idx / (nOff * nOff)) % nOff);
    const o1 = maxD - (Math.floor(idx / nOff) % nOff);
    const o2 = maxD - (idx % nOff);
    const o = [o0, o1, o2];
    let dist = 0;
    let valid = true;
    for (let d = 0; d < 3; d++) {
      if ((d === force2Ddimension && o[d] !== 0) || o[d] >= sizeZyx[d] || o[d] <= -sizeZyx[d]) {
        valid = false;
        break;
      }
      dist = Math.max(dist, Math.abs(o[d]));
    }
    if (!valid || dist < 1 || !wanted.has(dist)) continue;
    all.push(o0, o1, o2);
  }
  let count = all.length / 3;
  // The valid set is symmetric under negation and the enumeration reverses under it, so its first
  // half holds exactly one of each +/- pair.
  if (!bidirectional) count = count / 2;
  return { offsets: Int32Array.from(all.slice(0, count * 3)), count };
}

/** The grid size in numpy order (z, y, x) from an ITK-ordered size (x, y, z). */
export function zyx(size: readonly [number, number, number]): [number, number, number] {
  return [size[2], size[1], size[0]];
}

/** PyRadiomics' force2D settings as the axis (numpy order) not to move along, or -1. */
export function force2DAxis(settings: { force2D: boolean; force2Ddimension: number }): number {
  if (!settings.force2D) return -1;
  const d = settings.force2Ddimension;
  if (d !== 0 && d !== 1 && d !== 2) {
    throw new Error(`force2Ddimension must be 0, 1 or 2 (numpy axis order: 0 = slices), got ${d}`);
  }
  return d;
}
