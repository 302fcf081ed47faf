/**
 * Edge cases of an extraction, each as PyRadiomics behaves, with the reason said in the result:
 * a one-voxel ROI, one grey level, an ROI on the image border, a one-slice ROI in 3D mode, an ROI
 * below minimumROIDimensions, and features PyRadiomics reports as NaN.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { identityDirection, type Vec3, type Volume } from '../../src/image/volume.js';
import { extract } from '../../src/features/extractor.js';
import { parseParams } from '../../src/features/params.js';

const SIZE: Vec3 = [8, 7, 6];

/** A deterministic int16 image with varied grey values. */
function image(size: Vec3 = SIZE): Volume {
  const n = size[0] * size[1] * size[2];
  const data = new Int16Array(n);
  let s = 12345;
  for (let i = 0; i < n; i++) {
    s = (s * 1103515245 + 12345) % 2147483648;
    data[i] = 50 + (s % 200);
  }
  return { data, size, spacing: [0.8, 0.9, 2], origin: [0, 0, 0], direction: identityDirection(), pixelType: 'int16' };
}

/** A label map with 1 at the given (x, y, z) voxels. */
function mask(voxels: number[][], size: Vec3 = SIZE): Volume {
  const data = new Uint8Array(size[0] * size[1] * size[2]);
  for (const [x, y, z] of voxels) data[x + size[0] * (y + size[1] * z)] = 1;
  return { data, size, spacing: [0.8, 0.9, 2], origin: [0, 0, 0], direction: identityDirection(), pixelType: 'uint8' };
}

function block(x0: number, y0: number, z0: number, nx: number, ny: number, nz: number): number[][] {
  const out: number[][] = [];
  for (let z = z0; z < z0 + nz; z++) for (let y = y0; y < y0 + ny; y++) for (let x = x0; x < x0 + nx; x++) out.push([x, y, z]);
  return out;
}

const features = (row: Map<string, unknown>) => new Map([...row].filter(([k]) => !k.startsWith('diagnostics_')));

test('a one-voxel ROI is refused, as PyRadiomics refuses it', () => {
  assert.throws(() => extract(image(), mask([[3, 3, 3]]), { maskSource: 'one.nrrd' }), /one\.nrrd: the ROI is a single voxel/);
});

test('an ROI below minimumROIDimensions is refused with the setting named', () => {
  // a line along x: one dimension, the default minimum is 2
  assert.throws(() => extract(image(), mask(block(1, 2, 2, 4, 1, 1))), /minimumROIDimensions is 2/);
  // allowed once minimumROIDimensions is 1
  const params = parseParams('setting:\n  minimumROIDimensions: 1\nfeatureClass:\n  firstorder:\n', 'p.yaml');
  assert.equal(extract(image(), mask(block(1, 2, 2, 4, 1, 1)), { params }).row.get('original_firstorder_Range') !== undefined, true);
});

test('one grey level: flat-region values as PyRadiomics documents them', () => {
  const img = image();
  const roi = block(2, 2, 1, 3, 3, 3);
  for (const [x, y, z] of roi) img.data[x + SIZE[0] * (y + SIZE[1] * z)] = 100;
  const { row } = extract(img, mask(roi));
  const v = (k: string) => row.get(`original_${k}`);
  assert.equal(v('firstorder_Variance'), 0);
  assert.equal(v('firstorder_Range'), 0);
  assert.equal(v('firstorder_Skewness'), 0); // firstorder.py: flat region -> 0
  assert.equal(v('firstorder_Kurtosis'), 0);
  assert.equal(v('firstorder_Uniformity'), 1);
  assert.equal(v('firstorder_Entropy'), -Math.log2(1 + 2.220446049250313e-16));
  assert.equal(v('glcm_Correlation'), 1); // glcm.py: sigma 0 -> 1
  assert.equal(v('glcm_Imc1'), 0); // glcm.py: HX = HY = 0 -> 0
  assert.equal(v('glcm_MCC'), 1); // glcm.py: one grey level -> 1
  assert.equal(v('ngtdm_Coarseness'), 1e6); // ngtdm.py: sum p_i s_i = 0 -> 10^6
  assert.equal(v('ngtdm_Contrast'), 0);
  assert.equal(v('ngtdm_Busyness'), 0);
  assert.equal(v('ngtdm_Strength'), 0);
});

test('an ROI on the image border gives the same features as the same ROI and voxels inside the image', () => {
  const big = image([12, 11, 9]);
  const roiShape = [[0, 0, 0], [1, 0, 0], [2, 0, 0], [0, 1, 0], [1, 1, 0], [1, 1, 1], [2, 2, 1], [1, 2, 1], [0, 2, 2], [1, 1, 2]];
  // the same voxels cut out at the corner of a smaller image, and placed at (4, 5, 3) in the big one
  const small = image([3, 3, 3]);
  for (const [x, y, z] of block(0, 0, 0, 3, 3, 3)) {
    small.data[x + 3 * (y + 3 * z)] = big.data[(x + 4) + 12 * ((y + 5) + 11 * (z + 3))];
  }
  const border = features(extract(small, mask(roiShape, [3, 3, 3])).row);
  const inside = features(extract(big, mask(roiShape.map(([x, y, z]) => [x + 4, y + 5, z + 3]), [12, 11, 9])).row);
  assert.ok(border.size > 100);
  assert.deepEqual(border, inside);
});

test('a one-slice ROI in 3D mode: zero least axis and flatness, in-plane texture, shape2D skipped with the reason', () => {
  const params = parseParams('featureClass:\n  shape:\n  shape2D:\n  glcm:\n', 'p.yaml');
  const { row, warnings } = extract(image(), mask(block(1, 1, 2, 5, 4, 1)), { params });
  assert.ok(Math.abs(row.get('original_shape_LeastAxisLength') as number) < 1e-9);
  assert.ok(Math.abs(row.get('original_shape_Flatness') as number) < 1e-9);
  assert.ok(Number.isFinite(row.get('original_glcm_Contrast') as number));
  assert.equal([...row.keys()].some((k) => k.includes('shape2D')), false);
  assert.match(warnings.join('\n'), /shape2D is enabled but force2D is false/);
  // with force2D the slice is 2D: shape2D is computed
  const p2 = parseParams('featureClass:\n  shape2D:\nsetting:\n  force2D: true\n', 'p.yaml');
  const r2 = extract(image(), mask(block(1, 1, 2, 5, 4, 1)), { params: p2 }).row;
  assert.equal(r2.get('original_shape2D_PixelSurface'), 20 * (0.8 * 0.9)); // N_p * (x * y), shape2D.py's order
});

test('features PyRadiomics reports as NaN are NaN, and the result says which and why', () => {
  // two voxels with no neighbour in the ROI: every GLCM angle is empty, so PyRadiomics drops them
  // all and its per-angle means are NaN
  const { row, warnings } = extract(image(), mask([[1, 1, 2], [3, 3, 2]]));
  const glcm = [...row].filter(([k]) => k.startsWith('original_glcm_'));
  assert.ok(glcm.length > 20);
  for (const [k, v] of glcm) assert.ok(Number.isNaN(v), `${k} = ${v}`);
  assert.match(warnings.join('\n'), /every original_glcm feature is NaN, as in PyRadiomics: the class's matrix is empty/);
  // the rest of the row is computed
  assert.equal(row.get('original_firstorder_Minimum'), Math.min(...[[1, 1, 2], [3, 3, 2]].map(([x, y, z]) => image().data[x + 8 * (y + 7 * z)])));
});
