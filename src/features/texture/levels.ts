/**
 * The grey levels present in the ROI of a discretised image. PyRadiomics' texture classes keep
 * only these rows/columns of their matrices (coefficients['grayLevels'] = numpy.unique of the
 * binned ROI), while formulas use the levels' own values (i = 1, 3, 4 ... not 1, 2, 3).
 */
export interface PresentLevels {
  /** Present bin values, ascending. */
  levels: Int32Array;
  /** levelIndex[b] = position of bin value b in `levels`, or -1 when absent (length maxLevel + 1). */
  levelIndex: Int32Array;
  /** Largest present bin value (PyRadiomics' coefficients['Ng']). */
  maxLevel: number;
}

/** Scan `binned` (0 outside the ROI) once for the present levels. */
export function presentLevels(binned: Int32Array): PresentLevels {
  let maxLevel = 0;
  for (let i = 0; i < binned.length; i++) if (binned[i] > maxLevel) maxLevel = binned[i];
  if (maxLevel === 0) throw new Error('texture: the ROI is empty (no binned voxel > 0)');
  const seen = new Uint8Array(maxLevel + 1);
  for (let i = 0; i < binned.length; i++) seen[binned[i]] = 1;
  return levelsFromSeen(seen, maxLevel);
}

/** presentLevels over the ROI positions `roi` only (every one with a bin > 0). */
export function presentLevelsAt(binned: Int32Array, roi: Int32Array): PresentLevels {
  let maxLevel = 0;
  for (let k = 0; k < roi.length; k++) if (binned[roi[k]] > maxLevel) maxLevel = binned[roi[k]];
  if (maxLevel === 0) throw new Error('texture: the ROI is empty (no binned voxel > 0)');
  const seen = new Uint8Array(maxLevel + 1);
  for (let k = 0; k < roi.length; k++) seen[binned[roi[k]]] = 1;
  return levelsFromSeen(seen, maxLevel);
}

/**
 * presentLevelsAt in one pass when every bin is known to lie in 0..top (`top` = the discretisation's
 * largest bin): the levels, or null when some ROI voxel has a bin <= 0 or > top (the caller then
 * takes the general path).
 */
export function presentLevelsUpTo(binned: Int32Array, roi: Int32Array, top: number): PresentLevels | null {
  if (!(Number.isInteger(top) && top >= 1 && top < 1 << 24)) return null;
  const seen = new Uint8Array(top + 2);
  if (markSeen(binned, roi, top, seen)) return null;
  let maxLevel = top;
  while (maxLevel > 0 && !seen[maxLevel]) maxLevel--;
  if (maxLevel === 0) return null;
  return levelsFromSeen(seen.subarray(0, maxLevel + 1), maxLevel);
}

/**
 * presentLevelsUpTo's pass over the ROI, in a function of its own (V8 on-stack-replaced it inside
 * presentLevelsUpTo and the code after it bailed out on every call): marks seen[bin], bins outside
 * 1..top in slot 0 or top + 1; returns 1 when some bin is outside 1..top, else 0.
 */
function markSeen(binned: Int32Array, roi: Int32Array, top: number, seen: Uint8Array): number {
  let outside = 0;
  for (let k = 0; k < roi.length; k++) {
    const b = binned[roi[k]];
    const slot = b > top ? top + 1 : b < 0 ? 0 : b;
    seen[slot] = 1;
    outside |= b <= 0 || b > top ? 1 : 0;
  }
  return outside;
}

function levelsFromSeen(seen: Uint8Array, maxLevel: number): PresentLevels {
  const levelIndex = new Int32Array(maxLevel + 1).fill(-1);
  let n = 0;
  for (let b = 1; b <= maxLevel; b++) if (seen[b]) levelIndex[b] = n++;
  const levels = new Int32Array(n);
  for (let b = 1; b <= maxLevel; b++) if (levelIndex[b] >= 0) levels[levelIndex[b]] = b;
  return { levels, levelIndex, maxLevel };
}

/** 1 + each bin's index among the present levels (0 for absent bins): labels 1..n for padGrid. */
export function oneBasedIndex(levelIndex: Int32Array): Int32Array {
  const out = new Int32Array(levelIndex.length);
  for (let b = 0; b < levelIndex.length; b++) out[b] = levelIndex[b] + 1;
  return out;
}
