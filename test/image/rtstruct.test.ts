/**
 * RTSTRUCT: the tumour of STS_001 (RS.dcm, ROI 'GTV_Mass_MR_T1') rasterised onto its DICOM
 * series' grid agrees with the NIfTI mask MIRP made from the same contours; the polygon fill's
 * rules (voxel centres, even-odd holes, several polygons per slice, oblique grids) on small cases
 * worked out by hand; ROI choice errors list the names.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ImageReadError } from '../../src/image/errors.js';
import { rasterisePolygons } from '../../src/image/rasterise.js';
import { readMask } from '../../src/image/read-mask.js';
import { readVolume } from '../../src/image/read.js';
import { readRtStruct } from '../../src/image/rtstruct.js';
import { indexToPhysical, type Vec3, type Volume } from '../../src/image/volume.js';

const sts = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'mri', 'STS_001', 'MR_T1');
const rsPath = join(sts, 'dicom', 'mask', 'RS.dcm');

test('RS.dcm lists one ROI, GTV_Mass_MR_T1, with 32 closed contours of 20982 points', () => {
  const rs = readRtStruct(rsPath);
  assert.deepEqual(rs.rois.map((r) => [r.label, r.name, r.contours.length]), [[1, 'GTV_Mass_MR_T1', 32]]);
  assert.equal(rs.rois[0].contours.reduce((n, c) => n + c.points.length / 3, 0), 20982);
  assert.ok(rs.rois[0].contours.every((c) => c.type === 'CLOSED_PLANAR'));
});

test('STS_001 GTV rasterised on the DICOM grid agrees with the NIfTI mask (Dice >= 0.98)', async (t) => {
  const image = await readVolume(join(sts, 'dicom', 'image'));
  const mask = await readMask(rsPath, image, { roi: 'GTV_Mass_MR_T1' });
  const reference = await readVolume(join(sts, 'nifti', 'mask', 'mask.nii.gz'));
  assert.deepEqual(mask.size, reference.size);
  let a = 0;
  let b = 0;
  let both = 0;
  for (let i = 0; i < mask.data.length; i++) {
    const x = mask.data[i] ? 1 : 0;
    const y = reference.data[i] ? 1 : 0;
    a += x;
    b += y;
    both += x & y;
  }
  const dice = (2 * both) / (a + b);
  t.diagnostic(`Dice ${dice} (${a} rasterised voxels, ${b} in the NIfTI mask, ${both} in both)`);
  assert.equal(b, 117145);
  assert.ok(dice >= 0.98, `Dice ${dice}`);
});

test('an ROI that is not there: the error lists the ROI names; the name is case-insensitive, the number works too', async () => {
  const image = await readVolume(join(sts, 'nifti', 'image', 'image.nii.gz'));
  await assert.rejects(readMask(rsPath, image, { roi: 'GTV_Node' }), (e: unknown) => {
    assert.ok(e instanceof ImageReadError);
    assert.equal(e.file, rsPath);
    assert.match(e.message, /no ROI is named "GTV_Node"; the ROIs are: "GTV_Mass_MR_T1" \(label 1\)/);
    return true;
  });
  const byName = await readMask(rsPath, image, { roi: 'gtv_mass_mr_t1' });
  const byNumber = await readMask(rsPath, image, { segment: 1 });
  assert.deepEqual(byName.data, byNumber.data);
});

test('an RTSTRUCT is not an image: readVolume says to rasterise it with a reference', async () => {
  await assert.rejects(readVolume(rsPath), /RTSTRUCT holds contours.*--reference/s);
});

// --- the polygon fill, on grids small enough to check by hand ---

function grid(size: Vec3, direction = [1, 0, 0, 0, 1, 0, 0, 0, 1], spacing: Vec3 = [1, 1, 1], origin: Vec3 = [0, 0, 0]): Volume {
  return { data: new Uint8Array(size[0] * size[1] * size[2]), size, spacing, origin, direction: Float64Array.from(direction), pixelType: 'uint8' };
}

/** A polygon given in continuous index coordinates (i, j) on slice k, as physical points of `g`. */
function polygon(g: Volume, k: number, ij: [number, number][]): Float64Array {
  const out: number[] = [];
  for (const [i, j] of ij) out.push(...indexToPhysical(g, [i, j, k]));
  return Float64Array.from(out);
}

function rows(mask: Uint8Array, g: Volume, k: number): string[] {
  const out: string[] = [];
  for (let j = 0; j < g.size[1]; j++) {
    let s = '';
    for (let i = 0; i < g.size[0]; i++) s += mask[i + g.size[0] * (j + g.size[1] * k)] ? '#' : '.';
    out.push(s);
  }
  return out;
}

test('polygon fill: voxel centres inside, a nested contour is a hole, two islands on one slice', () => {
  const g = grid([8, 6, 2]);
  const outer = polygon(g, 1, [[0.5, 0.5], [6.5, 0.5], [6.5, 4.5], [0.5, 4.5]]);
  const hole = polygon(g, 1, [[2.5, 1.5], [4.5, 1.5], [4.5, 3.5], [2.5, 3.5]]);
  const island = polygon(g, 0, [[-0.2, -0.2], [1.2, -0.2], [1.2, 0.7], [-0.2, 0.7]]);
  const island2 = polygon(g, 0, [[5.6, 3.6], [7.4, 3.6], [7.4, 5.4], [5.6, 5.4]]);
  const r = rasterisePolygons([outer, hole, island, island2], g);
  assert.deepEqual(rows(r.mask, g, 1), ['........', '.######.', '.##..##.', '.##..##.', '.######.', '........']);
  assert.deepEqual(rows(r.mask, g, 0), ['##......', '........', '........', '........', '......##', '......##']);
  assert.equal(r.outside, 0);
  assert.equal(r.tilted, 0);
});

test('polygon fill: a triangle, centres on the edge counted once (left edge in, right edge out)', () => {
  const g = grid([6, 5, 1]);
  // right triangle (0,0)-(4,0)-(0,4): centre (i,j) inside when i + j < 4, on the hypotenuse excluded
  const tri = polygon(g, 0, [[0, 0], [4, 0], [0, 4]]);
  const r = rasterisePolygons([tri], g);
  assert.deepEqual(rows(r.mask, g, 0), ['####..', '###...', '##....', '#.....', '......']);
});

test('polygon fill on an oblique grid: contours given in physical mm land on the same voxels', () => {
  const c = Math.cos(Math.PI / 5);
  const s = Math.sin(Math.PI / 5);
  const g = grid([6, 6, 3], [c, -s, 0, s, c, 0, 0, 0, 1], [0.8, 1.2, 2.5], [5, -3, 12]);
  const square = polygon(g, 2, [[0.5, 0.5], [3.5, 0.5], [3.5, 2.5], [0.5, 2.5]]);
  const r = rasterisePolygons([square], g);
  assert.deepEqual(rows(r.mask, g, 2), ['......', '.###..', '.###..', '......', '......', '......']);
  assert.deepEqual(rows(r.mask, g, 1), ['......', '......', '......', '......', '......', '......']);
});

test('polygon fill: contours off the grid or across slices are counted, not drawn', () => {
  const g = grid([4, 4, 2]);
  const below = polygon(g, -3, [[0, 0], [2, 0], [2, 2]]);
  const tilted = Float64Array.from([0, 0, 0, 2, 0, 1, 2, 2, 1]);
  const r = rasterisePolygons([below, tilted], g);
  assert.equal(r.outside, 1);
  assert.equal(r.tilted, 1);
  assert.equal(r.mask.reduce((a, b) => a + b, 0), 0);
});
